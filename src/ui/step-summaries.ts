/**
 * The checklist's step summaries as drawn: folded under the step, up to SUMMARY_ROWS each, more
 * for a long one (Confirm's reach and canary) when the screen has the rows. The screen budget
 * counts exactly these lines.
 */
import {
  describeAfterHolds,
  describeDiscovery,
  describePlanSummary,
  describeVerifyCounts,
} from '../events/describe.js';
import { SUMMARY_INDENT } from './components/StepRow.js';
import { foldWords } from './fold.js';
import type { RolloutState, StepView } from './state.js';

/** Rows a step's summary may fold onto: the checklist stays a checklist. */
const SUMMARY_ROWS = 3;

export type SummaryLimits = ReadonlyMap<StepView['step'], number>;

/** The step's summary folded under itself; a summary longer than its rows ends in `…`. */
export function summaryLines(
  state: RolloutState,
  view: StepView,
  columns: number,
  limit = SUMMARY_ROWS,
): string[] {
  const summary = summaryOf(state, view);
  if (summary === undefined) return [];
  const lines = foldWords(summary, columns - SUMMARY_INDENT);
  if (lines.length <= limit) return lines;
  return [...lines.slice(0, limit - 1), `${lines[limit - 1]} …`];
}

/** `extra` rows shared, in checklist order, by the summaries longer than SUMMARY_ROWS. */
export function summaryLimits(state: RolloutState, columns: number, extra: number): SummaryLimits {
  const limits = new Map<StepView['step'], number>();
  let left = extra;
  for (const view of state.steps) {
    const all = summaryLines(state, view, columns, Number.POSITIVE_INFINITY).length;
    const more = Math.min(Math.max(0, all - SUMMARY_ROWS), left);
    left -= more;
    if (more > 0) limits.set(view.step, SUMMARY_ROWS + more);
  }
  return limits;
}

/** Rows the checklist takes: a line per step, and the folded rest of long summaries. */
export function checklistRows(
  state: RolloutState,
  columns: number,
  limits: SummaryLimits = new Map(),
): number {
  return state.steps.reduce(
    (n, view) => n + Math.max(1, summaryLines(state, view, columns, limits.get(view.step)).length),
    0,
  );
}

/** The step's own summary when it finished, else what is known so far. */
function summaryOf(state: RolloutState, view: StepView): string | undefined {
  // Preflight and discover say the same everywhere: who, and what was found.
  if (view.step === 'preflight' && state.identity) return state.identity.caller.arn;
  if (view.step === 'discover' && state.discovery) return describeDiscovery(state.discovery);
  // Once accounts are held out, the Plan step says what it planned, then what will run.
  if (view.step === 'plan' && view.summary && state.revised) {
    return `${view.summary} · ${describeAfterHolds(state.revised)}`;
  }
  if (view.summary) return view.summary;
  if (view.status === 'pending') return undefined;
  switch (view.step) {
    case 'plan':
      return state.planSummary ? describePlanSummary(state.planSummary) : undefined;
    case 'verify':
      return state.verify ? describeVerifyCounts(state.verify) : undefined;
    default:
      return undefined;
  }
}
