/**
 * A saved plan is data on disk (SECURITY.md): its after-values and risk are not trusted but
 * recomputed. Each change the config gives for the organization as observed now is compared
 * with the saved change of the same id:
 * - a saved change whose target did not move (check-stale.ts found nothing) must be exactly the
 *   change the config gives — same after-values, same risk, same everything — else the file was
 *   edited;
 * - a change the config gives that the saved plan lacks is drift: a target in scope moved since
 *   the plan was made (this also holds when the saved plan has no changes at all).
 * The expected changes come one at a time (walkPlan) and none is kept: at 10,000 × 17 a second
 * plan of 170,000 changes beside the saved one is what this avoids. Only findings are kept.
 * Pure: (saved, expected changes, stale ids) → labels.
 */
import { canonicalJson } from '../model/canonical-json.js';
import { type BuildPlanInput, type PlanWalk, walkPlan } from './build-plan.js';
import { labelOf } from './change-kinds.js';
import { staleChanges } from './check-stale.js';
import { compareOrderKeys, type OrderKey, orderKey } from './order.js';
import { ChangeTally } from './summarize.js';
import type { Change, Plan, PlanSummary } from './types.js';

export interface SavedPlanComparison {
  /** Targets that need a change the saved plan does not have (in plan order). */
  drifted: string[];
  /** Saved changes that are not what the config gives (in file order: the first is named). */
  edited: string[];
}

export interface SavedPlanVerdict extends SavedPlanComparison {
  /** Saved changes whose target moved since the plan was made (check-stale.ts). */
  stale: string[];
  /** The fresh plan's parts but its changes, and its summary: what `plan` would show now. */
  walk: PlanWalk;
  summary: PlanSummary;
}

/** The saved plan against the observation and the config, walking the plan they give. */
export function judgeSavedPlan(
  saved: Pick<Plan, 'changes'>,
  input: BuildPlanInput,
): SavedPlanVerdict {
  const stale = staleChanges(saved, input.observed);
  const comparer = savedPlanComparer(saved, (c) => stale.ids.has(c.id));
  const tally = new ChangeTally();
  const walk = walkPlan(input, (change) => {
    tally.add(change);
    comparer.visit(change);
  });
  return {
    stale: stale.labels,
    ...comparer.finish(),
    walk,
    summary: tally.summary(walk.unchanged, walk.skipped.length),
  };
}

/** The same comparison against a plan already made (a remediation plan: a short list of fixes). */
export function compareWithExpected(
  saved: Pick<Plan, 'changes'>,
  expected: Pick<Plan, 'changes'>,
  isStale: (change: Change) => boolean,
): SavedPlanComparison {
  const comparer = savedPlanComparer(saved, isStale);
  for (const change of expected.changes) comparer.visit(change);
  return comparer.finish();
}

export interface SavedPlanComparer {
  /** One change the config gives (each once, in any order). */
  visit(want: Change): void;
  finish(): SavedPlanComparison;
}

/**
 * Keeps an index of the saved changes by id, a flag per saved change met, and the findings.
 * Saved ids are unique (refused on reading, src/app/plan-file-checks.ts); a repeated one is
 * still compared like the others.
 */
export function savedPlanComparer(
  saved: Pick<Plan, 'changes'>,
  isStale: (change: Change) => boolean,
): SavedPlanComparer {
  const indexById = new Map<string, number>();
  const repeats = new Map<string, number[]>();
  for (const [index, change] of saved.changes.entries()) {
    if (!indexById.has(change.id)) indexById.set(change.id, index);
    else repeats.set(change.id, [...(repeats.get(change.id) ?? []), index]);
  }
  const met = new Uint8Array(saved.changes.length);
  const edited: { index: number; text: string }[] = [];
  const drifted: { key: OrderKey; text: string }[] = [];
  const where = (index: number, change: Change) => `changes[${index}] (${labelOf(change)})`;
  const compare = (index: number, want: Change) => {
    met[index] = 1;
    const change = saved.changes[index] as Change;
    if (isStale(change)) return;
    const field = firstDifference(change, want);
    if (field === undefined) return;
    edited.push({
      index,
      text: `${where(index, change)} has ${field} ${canonicalJson(fieldOf(change, field))}, but the config gives ${canonicalJson(fieldOf(want, field))}`,
    });
  };
  return {
    visit(want) {
      const first = indexById.get(want.id);
      if (first === undefined) {
        drifted.push({
          key: orderKey(want),
          text: `${labelOf(want)} (changed since the plan was made; it now needs a change)`,
        });
        return;
      }
      compare(first, want);
      for (const index of repeats.get(want.id) ?? NONE) compare(index, want);
    },
    finish() {
      for (const [index, change] of saved.changes.entries()) {
        if (met[index] === 1 || isStale(change)) continue;
        edited.push({
          index,
          text: `${where(index, change)} is not a change the config gives for the organization as it is`,
        });
      }
      return {
        drifted: drifted.sort((a, b) => compareOrderKeys(a.key, b.key)).map((d) => d.text),
        edited: edited.sort((a, b) => a.index - b.index).map((e) => e.text),
      };
    },
  };
}

const NONE: readonly number[] = [];

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
