/**
 * How the rollout screen shares its rows once the checklist, the open question and the logs are
 * counted: how many principals the launch preview lists, whether it and the identity line stay
 * once the apply ended (80×24), the rows long step summaries get, and the live panel's height.
 * Every count is of lines as drawn (folded), so the frame fits the terminal.
 */

import { failureHint } from '../events/failure-hints.js';
import { heldLines } from './components/ApplyPanel.js';
import { launchesPanelRows } from './components/LaunchesPanel.js';
import type { RolloutState, StepView } from './state.js';
import { checklistRows, type SummaryLimits, summaryLimits } from './step-summaries.js';

/** Rows the live panel (the apply's progress and accounts) keeps before summaries get more. */
const PANEL_ROWS = 6;

export interface ScreenBudget {
  confirmed: boolean;
  launchesRoom: number;
  withLaunches: boolean;
  withIdentity: boolean;
  limits: SummaryLimits;
  panelHeight: number;
}

export function screenBudget(
  state: RolloutState,
  screen: {
    rows: number;
    columns: number;
    showPlan: boolean;
    questionLines: number;
    logRows: number;
  },
): ScreenBudget {
  const { rows, columns, showPlan, questionLines, logRows } = screen;
  // Once confirmed, the launch preview keeps its counts and holds: the apply needs the rows.
  const confirmed = !['pending', 'running'].includes(statusOf(state, 'confirm'));
  const applyEnded = !['pending', 'running'].includes(statusOf(state, 'apply'));
  // The launch preview lists the principals that fit what the checklist, the question, the logs,
  // the title and the keys leave (the rest are counted).
  const launchesRoom =
    rows -
    checklistRows(state, columns) -
    questionLines -
    logRows -
    (state.identity && !showPlan ? 1 : 0) -
    2;
  const launchesLayout = { compact: confirmed, columns, room: launchesRoom };
  // After the apply, a short screen (80×24) gives the launch preview (its holds are in Confirm's
  // summary), then the identity line, to the outcome, the verify and the report paths.
  const ending = applyEnded
    ? rows -
      checklistRows(state, columns) -
      questionLines -
      logRows -
      heldLines(state, columns).length -
      afterApplyRows(state) -
      2
    : Number.POSITIVE_INFINITY;
  const launchesShown = showPlan ? 0 : launchesPanelRows(state, launchesLayout);
  const withLaunches = launchesShown > 0 && launchesShown + (state.identity ? 1 : 0) <= ending;
  const withIdentity = state.identity !== undefined && !showPlan && ending >= 1;
  const identityRows = withIdentity ? 1 : 0;
  // The accounts held out stay under Apply once it ended, folded (their evidence is the point).
  const aboveRows =
    identityRows +
    (withLaunches ? launchesShown : 0) +
    (applyEnded ? heldLines(state, columns).length : 0);
  // Rows the live panel does not need go to long step summaries (Confirm's reach and canary).
  const panelRows = applyEnded ? Math.max(PANEL_ROWS, afterApplyRows(state)) : PANEL_ROWS;
  const spare =
    rows - checklistRows(state, columns) - questionLines - logRows - aboveRows - 4 - panelRows;
  const limits = summaryLimits(state, columns, showPlan ? 0 : Math.max(0, spare));
  const panelHeight = Math.max(
    3,
    rows - checklistRows(state, columns, limits) - questionLines - logRows - aboveRows - 4,
  );
  return { confirmed, launchesRoom, withLaunches, withIdentity, limits, panelHeight };
}

/**
 * Rows under the checklist once the apply ended besides the held accounts: the failures with
 * their hints and the resume command, the verify's sweep and the report paths.
 */
function afterApplyRows(state: RolloutState): number {
  const hints = new Set(state.failures.map((f) => failureHint(f.code)).filter((h) => h));
  return (
    Math.min(state.failures.length, 3) +
    hints.size +
    (state.run?.resumeCommand ? 3 : 0) +
    (statusOf(state, 'verify') === 'running' ? 1 : 0) +
    (state.run?.journal ? 1 : 0) +
    state.reports.length
  );
}

function statusOf(state: RolloutState, step: StepView['step']) {
  return state.steps.find((s) => s.step === step)?.status ?? 'pending';
}
