/**
 * `plan`: observe (the shared read path) → desired state → the pure buildPlan. Nothing is written
 * to AWS. The plan records the hashes of the config and the observation it was made from, so
 * `apply plan.json` can refuse it once the world moved.
 */
import type { ResolvedConfig } from '../config/schema.js';
import type { DesiredState } from '../core/desired/types.js';
import { buildPlan } from '../core/plan/build-plan.js';
import type { Plan } from '../core/plan/types.js';
import type { AppContext } from './context.js';
import { desiredFor } from './desired.js';
import { sha256Of } from './hash.js';
import { type Observation, observe } from './observe.js';

export interface PlanOutcome {
  plan: Plan;
  observation: Observation;
  desired: DesiredState;
}

export function hashConfig(config: ResolvedConfig): string {
  return sha256Of(config);
}

export function hashPlan(plan: Plan): string {
  return sha256Of(plan);
}

/** Reads the organization and computes what would change. Emits plan.ready. */
export async function createPlan(ctx: AppContext): Promise<PlanOutcome> {
  const observation = await observe(ctx, { sweepStep: 'plan' });
  const outcome = planFrom(ctx, observation);
  ctx.host.notify({ type: 'plan.ready', summary: outcome.plan.summary, plan: outcome.plan });
  return outcome;
}

/** The plan for an observation already made (pure apart from loading the templates). */
export function planFrom(ctx: AppContext, observation: Observation): PlanOutcome {
  const desired = desiredFor(ctx, observation.observed.org);
  const plan = buildPlan({
    observed: observation.observed,
    desired,
    held: ctx.decisions?.held ?? [],
    includeOrgChanges: ctx.decisions?.includeOrgChanges === true,
    meta: {
      toolVersion: ctx.toolVersion,
      createdAt: ctx.now().toISOString(),
      configHash: hashConfig(ctx.config),
      observedHash: observation.observedHash,
    },
  });
  return { plan, observation, desired };
}
