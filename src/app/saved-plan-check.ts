/**
 * `apply plan.json`: the saved plan against the world and the config as they are now. Stale
 * targets (a change's before-state moved, or a target in scope now needs a change the plan lacks
 * — also when the plan has no changes) refuse it as stale; a change whose after-values or risk
 * are not what the config gives refuses it as edited, naming the file and the first such change.
 */

import type { ObservedState } from '../core/model/types.js';
import { compareWithExpected } from '../core/plan/check-saved.js';
import { staleChanges } from '../core/plan/check-stale.js';
import type { Plan } from '../core/plan/types.js';
import { PlanStaleError, UsageError } from '../errors.js';

export function refuseStaleOrEdited(
  path: string,
  saved: Plan,
  expected: Plan,
  observed: ObservedState,
): void {
  const stale = staleChanges(saved, observed);
  const { drifted, edited } = compareWithExpected(saved, expected, (c) => stale.ids.has(c.id));
  const first = edited[0];
  if (first !== undefined) {
    throw new UsageError(
      `The plan file ${path} was edited: ${first}${edited.length > 1 ? ` (and ${edited.length - 1} more)` : ''}.`,
      {
        hint: 'guardrails applies a saved plan only as it wrote it. Make a fresh one with `guardrails plan --out plan.json` and review it.',
      },
    );
  }
  const changed = [...stale.labels, ...drifted];
  if (changed.length > 0) {
    throw new PlanStaleError(changed, {
      hint: 'Run `guardrails plan --out plan.json` again and review the new plan. A plan made with --accounts/--ous/--regions is applied with the same flags.',
    });
  }
}
