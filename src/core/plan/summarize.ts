/** Plan counts and the one-line summary (`3 to change, 200 unchanged, 2 skipped`). */
import { CHANGE_KINDS } from './change-kinds.js';
import type { Change, ChangeKind, Plan, PlanSummary } from './types.js';

export function summarizeCounts(
  changes: readonly Change[],
  unchanged: number,
  skipped: number,
): PlanSummary {
  const tally = new ChangeTally();
  for (const c of changes) tally.add(c);
  return tally.summary(unchanged, skipped);
}

/** The counts of changes seen one at a time (a plan walked without keeping its changes). */
export class ChangeTally {
  readonly #byKind = new Map<ChangeKind, number>();
  #total = 0;
  #relaxing = 0;

  add(change: Change): void {
    this.#byKind.set(change.kind, (this.#byKind.get(change.kind) ?? 0) + 1);
    this.#total += 1;
    if (change.risk === 'relaxing') this.#relaxing += 1;
  }

  summary(unchanged: number, skipped: number): PlanSummary {
    // Kinds in plan order, as a sorted plan meets them: the saved JSON keeps this key order.
    const byKind: Partial<Record<ChangeKind, number>> = {};
    const kinds = [...this.#byKind.keys()].sort(
      (a, b) => CHANGE_KINDS[a].order - CHANGE_KINDS[b].order,
    );
    for (const kind of kinds) byKind[kind] = this.#byKind.get(kind);
    return {
      toChange: this.#total,
      unchanged,
      skipped,
      byKind,
      ...(this.#relaxing > 0 ? { relaxing: this.#relaxing } : {}),
    };
  }
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
