/**
 * `apply plan.json`: the saved plan against the world and the config as they are now. Stale
 * targets (a change's before-state moved, or a target in scope now needs a change the plan lacks
 * — also when the plan has no changes) refuse it as stale; a change whose after-values or risk
 * are not what the config gives refuses it as edited, naming the file and the first such change.
 */

import { canonicalJson } from '../core/model/canonical-json.js';
import type { ObservedState } from '../core/model/types.js';
import { changeId, changeKey } from '../core/plan/change-id.js';
import { labelOf } from '../core/plan/change-kinds.js';
import { compareWithExpected } from '../core/plan/check-saved.js';
import { staleChanges } from '../core/plan/check-stale.js';
import { isRemediationChange } from '../core/plan/remediation-types.js';
import type { Change, Plan } from '../core/plan/types.js';
import { staleRemediation } from '../core/remediation/build-remediation.js';
import { PlanStaleError, UsageError } from '../errors.js';

export function refuseStaleOrEdited(
  path: string,
  saved: Plan,
  expected: Plan,
  observed: ObservedState,
): void {
  const stale = staleChanges(saved, observed);
  const { drifted, edited } = compareWithExpected(saved, expected, (c) => stale.ids.has(c.id));
  refuseEdited(path, edited);
  const changed = [...stale.labels, ...drifted];
  if (changed.length > 0) {
    throw new PlanStaleError(changed, {
      hint: 'Run `guardrails plan --out plan.json` again and review the new plan. A plan made with --accounts/--ous/--regions is applied with the same flags.',
    });
  }
}

/**
 * `apply rem.json` (a `plan --remediate` plan): each saved change must be the change the fresh
 * remediation plan gives for its target — recomputed after-values and risk, not the file's. A
 * target whose before-state moved (or that no longer needs a change: an instance fixed by hand,
 * or one that called IMDSv1 since) refuses it as stale; anything else that differs, a change that
 * is not a remediation, or an id that is not its target's, refuses it as edited. Workloads that
 * need a change since the plan was made are left for the next plan (a remediation plan is a list
 * of fixes, not the whole organization's state).
 */
export function refuseStaleOrEditedRemediation(path: string, saved: Plan, fresh: Plan): void {
  const byId = new Map(fresh.changes.map((c) => [c.id, c]));
  const foreign = saved.changes.flatMap((change, index) =>
    !isRemediationChange(change) || changeId(changeKey(change)) !== change.id
      ? [`changes[${index}] (${labelOf(change)}) is not a remediation change the tool would write`]
      : [],
  );
  refuseEdited(path, foreign);
  const isStale = (change: Change) => {
    const now = byId.get(change.id);
    return now === undefined || canonicalJson(beforeOf(now)) !== canonicalJson(beforeOf(change));
  };
  refuseEdited(path, compareWithExpected(saved, fresh, isStale).edited);
  const changed = staleRemediation(saved, fresh);
  if (changed.length > 0) throw new PlanStaleError(changed);
}

function beforeOf(change: Change): unknown {
  return 'before' in change ? change.before : null;
}

function refuseEdited(path: string, edited: readonly string[]): void {
  const first = edited[0];
  if (first === undefined) return;
  throw new UsageError(
    `The plan file ${path} was edited: ${first}${edited.length > 1 ? ` (and ${edited.length - 1} more)` : ''}.`,
    {
      hint: 'guardrails applies a saved plan only as it wrote it. Make a fresh one with `guardrails plan --out plan.json` and review it.',
    },
  );
}
