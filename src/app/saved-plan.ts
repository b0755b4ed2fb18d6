/**
 * `apply plan.json`: a saved plan is applied exactly — only if it was made for this caller, with
 * this config and these scope flags, and the world did not move. A guardrails plan is checked by
 * observing only: the plan the config gives is walked target by target against the saved one
 * (src/core/plan/check-saved.ts), not built beside it — at 10,000 × 17 that second plan would be
 * 170,000 changes. A remediation plan (a short list of fixes) is still checked against a fresh one.
 */
import type { OrgTree } from '../core/model/types.js';
import { assemblePlan } from '../core/plan/build-plan.js';
import { judgeSavedPlan } from '../core/plan/check-saved.js';
import type { Plan } from '../core/plan/types.js';
import { PlanStaleError, UsageError } from '../errors.js';
import type { AppContext } from './context.js';
import { withStage } from './desired.js';
import { type Observation, observe } from './observe.js';
import { hashConfig, planInput, scopeFlagsOf, withScopeFlags } from './plan.js';
import { readPlanFile } from './plan-file.js';
import { createRemediationPlan, remediationOptions } from './remediate.js';
import {
  refuseOtherScopeFlags,
  refuseStaleOrEdited,
  refuseStaleOrEditedRemediation,
} from './saved-plan-check.js';

export async function checkedSavedPlan(
  given: AppContext,
  path: string,
): Promise<{ plan: Plan; org: OrgTree }> {
  const saved = await readPlanFile(path);
  const ctx = adoptPlanStage(given, saved);
  const { fresh, observation, refuse } = saved.remediation
    ? await againstRemediationPlan(ctx, path, saved)
    : await againstObservation(ctx, path, saved);
  if (saved.organizationId !== fresh.organizationId) {
    throw new UsageError(
      `${path} was made for organization ${saved.organizationId}, but these credentials manage ${fresh.organizationId}.`,
      { hint: 'Use the credentials of the organization the plan was made for, or plan again.' },
    );
  }
  if (saved.caller.accountId !== fresh.caller.accountId) {
    throw new UsageError(
      `${path} was made by ${saved.caller.arn} in account ${saved.caller.accountId}, but you are ${fresh.caller.arn}.`,
      { hint: 'Apply it with the management-account credentials it was made with, or plan again.' },
    );
  }
  if (saved.configHash !== hashConfig(ctx.config)) {
    throw new PlanStaleError(['(the config changed since the plan was made)'], {
      hint: 'Run `guardrails plan --out plan.json` with this config and review the new plan.',
    });
  }
  if (!saved.remediation) refuseOtherScopeFlags(path, saved, scopeFlagsOf(ctx.overrides));
  refuse();
  return { plan: saved, org: observation.observed.org };
}

interface Checked {
  /** Who and what the plan would be for now. */
  fresh: Pick<Plan, 'organizationId' | 'caller'>;
  observation: Observation;
  /** Refuses an edited or stale plan (after the owner, config and scope checks). */
  refuse: () => void;
}

/**
 * After-values and risk are recomputed, not read from the file; drift anywhere in scope counts.
 * plan.ready carries what `plan` would say now (summary, skipped, reach) with the saved changes:
 * the ones that run once the check passes.
 */
async function againstObservation(ctx: AppContext, path: string, saved: Plan): Promise<Checked> {
  const observation = await observe(ctx, { sweepStep: 'plan' });
  const input = planInput(ctx, observation);
  const verdict = judgeSavedPlan(saved, input);
  const now = assemblePlan(input, saved.changes, verdict.walk, verdict.summary);
  ctx.host.notify({ type: 'plan.ready', summary: now.summary, plan: withScopeFlags(ctx, now) });
  return { fresh: now, observation, refuse: () => refuseStaleOrEdited(path, verdict) };
}

async function againstRemediationPlan(
  ctx: AppContext,
  path: string,
  saved: Plan,
): Promise<Checked> {
  const { plan: fresh, observation } = await createRemediationPlan(ctx, remediationOptions(saved));
  return { fresh, observation, refuse: () => refuseStaleOrEditedRemediation(path, saved, fresh) };
}

/** `plan --stage 1 --out p.json` then `apply p.json`: the plan's ring, when it is the only difference. */
function adoptPlanStage(ctx: AppContext, saved: Plan): AppContext {
  if (saved.stage === undefined || saved.configHash === hashConfig(ctx.config)) return ctx;
  const staged = withStage(ctx.config, saved.stage);
  return saved.configHash === hashConfig(staged) ? { ...ctx, config: staged } : ctx;
}
