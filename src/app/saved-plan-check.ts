/**
 * `apply plan.json`: the saved plan against the world and the config as they are now. Stale
 * targets (a change's before-state moved, or a target in scope now needs a change the plan lacks
 * — also when the plan has no changes) refuse it as stale; a change whose after-values or risk
 * are not what the config gives refuses it as edited, naming the file and the first such change.
 */

import { canonicalJson } from '../core/model/canonical-json.js';
import { changeId, changeKey } from '../core/plan/change-id.js';
import { labelOf } from '../core/plan/change-kinds.js';
import { compareWithExpected, type SavedPlanVerdict } from '../core/plan/check-saved.js';
import { isRemediationChange } from '../core/plan/remediation-types.js';
import type { Change, Plan, ScopeFlags } from '../core/plan/types.js';
import { staleRemediation } from '../core/remediation/build-remediation.js';
import { PlanStaleError, UsageError } from '../errors.js';

export function refuseStaleOrEdited(
  path: string,
  { stale, drifted, edited }: Pick<SavedPlanVerdict, 'stale' | 'drifted' | 'edited'>,
): void {
  refuseEdited(path, edited);
  const changed = [...stale, ...drifted];
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

/**
 * A plan made with --accounts / --ous / --regions holds the changes of that scope only (a narrowed
 * run attaches the SCP to accounts, not to the root): applied with other flags, every difference
 * would look like an edit or drift. Refused first, naming both sets of flags.
 */
export function refuseOtherScopeFlags(
  path: string,
  saved: Pick<Plan, 'scopeFlags'>,
  now: ScopeFlags | undefined,
): void {
  if (canonicalJson(saved.scopeFlags ?? null) === canonicalJson(now ?? null)) return;
  const made = saved.scopeFlags ? `with ${flagText(saved.scopeFlags)}` : 'without scope flags';
  const given = now ? `with ${flagText(now)}` : 'without scope flags';
  throw new UsageError(
    `${path} was made ${made}, but this apply runs ${given}. A saved plan is applied with the --accounts/--ous/--regions it was made with.`,
    {
      hint: `Run \`guardrails apply ${path}${saved.scopeFlags ? ` ${flagText(saved.scopeFlags)}` : ''}\`, or make a new plan for this scope.`,
    },
  );
}

function flagText(flags: ScopeFlags): string {
  return (['accounts', 'ous', 'regions'] as const)
    .flatMap((key) => (flags[key] ? [`--${key} ${flags[key].join(',')}`] : []))
    .join(' ');
}
