/** Plan counts and the one-line summary (`3 to change, 200 unchanged, 2 skipped`). */
import type { Change, ChangeKind, Plan, PlanSummary } from './types.js';

export function summarizeCounts(
  changes: readonly Change[],
  unchanged: number,
  skipped: number,
): PlanSummary {
  const byKind: Partial<Record<ChangeKind, number>> = {};
  for (const c of changes) byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
  return { toChange: changes.length, unchanged, skipped, byKind };
}

export function summarize(plan: Pick<Plan, 'summary'>): string {
  const { toChange, unchanged, skipped } = plan.summary;
  const rest = `${unchanged} unchanged, ${skipped} skipped`;
  return toChange === 0 ? `No changes. ${rest}` : `${toChange} to change, ${rest}`;
}

export function isEmptyPlan(plan: Pick<Plan, 'changes'>): boolean {
  return plan.changes.length === 0;
}
