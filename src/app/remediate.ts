/**
 * `plan --remediate`: the shared read path, readiness over the lookback window, then the pure
 * remediation plan (launch templates and instances to fix, groups and busy instances listed).
 * The plan is a normal Plan (with `remediation` notes), so `--out`, `apply plan.json`, the
 * journal, `--resume` and `rollback` work as for the guardrails plan.
 */
import type { Plan } from '../core/plan/types.js';
import { buildRemediationPlan } from '../core/remediation/build-remediation.js';
import { BugError } from '../errors.js';
import type { AppContext } from './context.js';
import { sha256Of } from './hash.js';
import { type Observation, observe } from './observe.js';
import { hashConfig } from './plan.js';
import { type ReadinessOptions, readinessOf } from './readiness.js';

export interface RemediationOutcome {
  plan: Plan;
  observation: Observation;
}

/** Reads the organization and its workloads, and plans the remediation. Emits plan.ready. */
export async function createRemediationPlan(
  ctx: AppContext,
  options: ReadinessOptions = {},
): Promise<RemediationOutcome> {
  if (!ctx.gateways.workloads) {
    throw new BugError('these AWS gateways cannot read workloads (remediation)');
  }
  const observation = await observe(ctx, { sweepStep: 'plan' });
  const { report, workloads } = await readinessOf(ctx, observation, {
    ...options,
    launches: false,
  });
  const accounts = new Map(observation.observed.org.accounts.map((a) => [a.id, a]));
  const plan = buildRemediationPlan({
    workloads,
    report,
    ouPathOf: (id) => accounts.get(id)?.parentPath ?? 'Root',
    meta: {
      toolVersion: ctx.toolVersion,
      createdAt: ctx.now().toISOString(),
      configHash: hashConfig(ctx.config),
      // The metrics move every hour: a saved plan is checked change by change instead.
      observedHash: sha256Of({ observed: observation.observedHash, workloads }),
      caller: observation.observed.caller,
      organizationId: observation.organization.id,
      managementAccountId: observation.organization.managementAccountId,
    },
  });
  ctx.host.notify({ type: 'plan.ready', summary: plan.summary, plan });
  return { plan, observation };
}

/** The readiness window of a saved remediation plan, so a check counts the same calls. */
export function remediationOptions(plan: Pick<Plan, 'remediation'>): ReadinessOptions {
  return plan.remediation ? { lookbackDays: plan.remediation.lookbackDays } : {};
}
