/**
 * `plan`: observe (the shared read path) → desired state → the pure buildPlan. Nothing is written
 * to AWS. The plan records the hashes of the config and the observation it was made from, so
 * `apply plan.json` can refuse it once the world moved.
 */
import type { ResolvedConfig } from '../config/schema.js';
import type { DesiredState } from '../core/desired/types.js';
import { type BuildPlanInput, buildPlan } from '../core/plan/build-plan.js';
import type { Plan, ScopeFlags } from '../core/plan/types.js';
import type { AppContext, ScopeOverrides } from './context.js';
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
  const input = planInput(ctx, observation);
  return { plan: withScopeFlags(ctx, buildPlan(input)), observation, desired: input.desired };
}

/** What buildPlan (or the saved-plan check, walking the same plan) is given. */
export function planInput(ctx: AppContext, observation: Observation): BuildPlanInput {
  return {
    observed: observation.observed,
    desired: desiredFor(ctx, observation.observed.org),
    held: ctx.decisions?.held ?? [],
    includeOrgChanges: ctx.decisions?.includeOrgChanges === true,
    waves: ctx.config.rollout.waves,
    meta: {
      toolVersion: ctx.toolVersion,
      createdAt: ctx.now().toISOString(),
      configHash: hashConfig(ctx.config),
      observedHash: observation.observedHash,
    },
  };
}

/** A saved plan is only right for the scope it was made for: `apply plan.json` checks the flags. */
export function withScopeFlags(ctx: AppContext, plan: Plan): Plan {
  const flags = scopeFlagsOf(ctx.overrides);
  return flags ? { ...plan, scopeFlags: flags } : plan;
}

/** The scope flags given, each list sorted (order is not meaning); undefined when none. */
export function scopeFlagsOf(overrides: ScopeOverrides): ScopeFlags | undefined {
  const flags: ScopeFlags = {};
  for (const key of ['accounts', 'ous', 'regions'] as const) {
    const list = overrides[key];
    if (list && list.length > 0) flags[key] = [...list].sort();
  }
  return Object.keys(flags).length > 0 ? flags : undefined;
}
