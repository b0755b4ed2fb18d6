/**
 * A saved plan is data on disk (SECURITY.md): its after-values and risk are not trusted but
 * recomputed. The plan the config gives for the organization as observed now (`expected`) is
 * compared with the saved one, change by change:
 * - a saved change whose target did not move (checkStale found nothing) must be exactly the
 *   change the config gives — same after-values, same risk, same everything — else the file was
 *   edited;
 * - a change the config gives that the saved plan lacks is drift: a target in scope moved since
 *   the plan was made (this also holds when the saved plan has no changes at all).
 * Pure: (saved, expected, stale ids) → labels.
 */
import { canonicalJson } from '../model/canonical-json.js';
import { labelOf } from './change-kinds.js';
import type { Change, Plan } from './types.js';

export interface SavedPlanComparison {
  /** Targets that need a change the saved plan does not have. */
  drifted: string[];
  /** Saved changes that are not what the config gives (the first is the one to name). */
  edited: string[];
}

export function compareWithExpected(
  saved: Pick<Plan, 'changes'>,
  expected: Pick<Plan, 'changes'>,
  isStale: (change: Change) => boolean,
): SavedPlanComparison {
  const byId = new Map(expected.changes.map((c) => [c.id, c]));
  const savedIds = new Set<string>();
  const edited: string[] = [];
  for (const [index, change] of saved.changes.entries()) {
    savedIds.add(change.id);
    if (isStale(change)) continue;
    const want = byId.get(change.id);
    const where = `changes[${index}] (${labelOf(change)})`;
    if (!want) {
      edited.push(`${where} is not a change the config gives for the organization as it is`);
      continue;
    }
    const field = firstDifference(change, want);
    if (field !== undefined) {
      edited.push(
        `${where} has ${field} ${canonicalJson(fieldOf(change, field))}, but the config gives ${canonicalJson(fieldOf(want, field))}`,
      );
    }
  }
  const drifted = expected.changes
    .filter((c) => !savedIds.has(c.id))
    .map((c) => `${labelOf(c)} (changed since the plan was made; it now needs a change)`);
  return { drifted, edited };
}

function fieldOf(change: Change, field: string): unknown {
  return (change as unknown as Record<string, unknown>)[field] ?? null;
}

/** The first field (in a stable order, `after` and `risk` first) whose value differs. */
function firstDifference(saved: Change, want: Change): string | undefined {
  const keys = new Set([...Object.keys(saved), ...Object.keys(want)]);
  const ordered = ['after', 'risk', ...[...keys].sort()].filter(
    (k, i, all) => all.indexOf(k) === i,
  );
  return ordered.find(
    (key) =>
      keys.has(key) && canonicalJson(fieldOf(saved, key)) !== canonicalJson(fieldOf(want, key)),
  );
}
