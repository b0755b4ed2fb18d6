/** Plan counts and the one-line summary (`3 to change, 200 unchanged, 2 skipped`). */
import type { Change, ChangeKind, Plan, PlanSummary } from './types.js';

export function summarizeCounts(
  changes: readonly Change[],
  unchanged: number,
  skipped: number,
): PlanSummary {
  const byKind: Partial<Record<ChangeKind, number>> = {};
  for (const c of changes) byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
  const relaxing = changes.filter((c) => c.risk === 'relaxing').length;
  return {
    toChange: changes.length,
    unchanged,
    skipped,
    byKind,
    ...(relaxing > 0 ? { relaxing } : {}),
  };
}

export function summarize(plan: Pick<Plan, 'summary'>): string {
  const { toChange, unchanged, skipped, relaxing } = plan.summary;
  const rest = `${unchanged} unchanged, ${skipped} skipped`;
  if (toChange === 0) return `No changes. ${rest}`;
  return `${toChange} to change${relaxing ? ` (${relaxing} relaxing)` : ''}, ${rest}`;
}

export function isEmptyPlan(plan: Pick<Plan, 'changes'>): boolean {
  return plan.changes.length === 0;
}
