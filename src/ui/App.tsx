/**
 * The guided rollout screen: finished accounts scroll above in <Static>; below, the checklist
 * of steps, the live panel of the current step, the open question and the keys that work.
 * Sized for 80×24: panels get the rows the checklist leaves.
 */
import { Box, type Key, Static, Text, useInput, useStdout } from 'ink';
import { type ReactNode, useMemo, useState, useSyncExternalStore } from 'react';
import type { Question } from '../events/types.js';
import { ApplyOutcome, ApplyPanel } from './components/ApplyPanel.js';
import { FinishedAccountLine } from './components/FinishedAccountLine.js';
import { IdentityLine } from './components/IdentityLine.js';
import { KeyHelp } from './components/KeyHelp.js';
import { LaunchesPanel } from './components/LaunchesPanel.js';
import { type PlanNav, PlanPanel, planLineCount, planRows } from './components/PlanPanel.js';
import {
  accountListRows,
  askOf,
  detailsShown,
  QuestionPrompt,
  waveListRows,
} from './components/QuestionPrompt.js';
import { StepRow } from './components/StepRow.js';
import { DiscoverPanel, ReportPanel, VerifyPanel } from './components/SweepPanel.js';
import { askRows, foldWords } from './fold.js';
import { buildPlanView, type PlanView } from './plan-view.js';
import { screenBudget } from './screen-budget.js';
import type { RolloutState, StepView } from './state.js';
import { checklistRows, summaryLines } from './step-summaries.js';
import type { RolloutStore } from './store.js';
import { useTheme } from './theme.js';

export interface AppProps {
  store: RolloutStore;
  title: string;
  /** Ctrl-C outside a question: stop gracefully (abort the run's signal). */
  onInterrupt: () => void;
}

export function App(props: AppProps) {
  const { store } = props;
  useSyncExternalStore(store.subscribe, store.getVersion);
  const state = store.state;
  const theme = useTheme();
  const { stdout } = useStdout();
  const rows = stdout.rows && stdout.rows > 0 ? stdout.rows : 24;
  const [nav, setNav] = useState<PlanNav>({ mode: 'table', cursor: 0, expanded: new Set() });
  const planView = useMemo(
    () => (state.plan ? buildPlanView(state.plan, state.targets) : undefined),
    [state.plan, state.targets],
  );
  const showPlan = planView !== undefined && statusOf(state, 'apply') === 'pending';
  const question = state.question;
  const typing = question?.question.kind === 'type-to-confirm';

  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      if (question) {
        const kind = question.question.kind;
        if (kind === 'choose-stage') {
          question.resolve(question.question.defaultAnswer);
          store.setInterrupting();
          props.onInterrupt();
        } else {
          // Ctrl-C at a prompt (the between-waves one too) is a stop, not only a "no": the run
          // ends there, the journal is flushed and the resume command printed (exit 130).
          question.resolve(kind === 'choose-waves' || kind === 'choose-accounts' ? [] : false);
          if (!state.interrupting) {
            store.setInterrupting();
            props.onInterrupt();
          }
        }
      } else if (!state.interrupting) {
        store.setInterrupting();
        props.onInterrupt();
      }
      return;
    }
    if (!showPlan || !planView || typing) return;
    // Functional update: keys typed quickly must each see the previous key's result.
    setNav((prev) => nextNav(planView, prev, input, key));
  });

  const columns = stdout.columns && stdout.columns > 0 ? stdout.columns : 80;
  const questionLines = question ? questionRows(question.question, columns, rows, state) : 0;
  const logRows = visibleLogs(rows, state).reduce((n, log) => n + logRowsOf(log, columns), 0);
  const budget = screenBudget(state, { rows, columns, showPlan, questionLines, logRows });
  const { confirmed, launchesRoom, withLaunches, withIdentity, limits, panelHeight } = budget;
  const running = state.steps.find((s) => s.status === 'running')?.step;

  const panelOf = (view: StepView): ReactNode => {
    switch (view.step) {
      case 'preflight':
        // Shown unless the plan needs the room (80×24).
        return state.identity && withIdentity ? <IdentityLine identity={state.identity} /> : null;
      case 'discover':
        return view.status === 'running' ? <DiscoverPanel state={state} /> : null;
      case 'readiness':
        // The launch preview stays until the plan needs the room.
        return withLaunches ? (
          <LaunchesPanel state={state} compact={confirmed} room={launchesRoom} />
        ) : null;
      case 'plan':
        return showPlan && planView ? (
          <PlanPanel view={planView} nav={nav} height={panelHeight} />
        ) : null;
      case 'apply':
        if (view.status === 'running')
          return <ApplyPanel state={state} now={store.now()} height={panelHeight} />;
        return view.status === 'pending' ? null : <ApplyOutcome state={state} />;
      case 'verify':
        return view.status === 'running' ? <VerifyPanel state={state} /> : null;
      case 'report':
        return view.status === 'pending' ? null : <ReportPanel state={state} />;
      default:
        return null;
    }
  };

  return (
    <>
      {/* A new array each render: Static memoizes on the array's identity. */}
      <Static items={[...state.finished]}>
        {(item) => <FinishedAccountLine key={item.key} item={item} />}
      </Static>
      <Box flexDirection="column">
        <Text bold wrap="truncate-end" color={theme.tone('accent')}>
          {props.title}
        </Text>
        {state.steps.map((view, i) => (
          <Box key={view.step} flexDirection="column">
            <StepRow
              view={view}
              number={i + 1}
              summary={summaryLines(state, view, columns, limits.get(view.step))}
            />
            {panelOf(view)}
            {question && running === view.step ? (
              <QuestionPrompt pending={question} room={detailRoom(rows, state, columns)} />
            ) : null}
          </Box>
        ))}
        {question && !running ? (
          <QuestionPrompt pending={question} room={detailRoom(rows, state, columns)} />
        ) : null}
        {visibleLogs(rows, state).map((log) => (
          <Box key={log.id} flexDirection="column">
            {/* Folded, not cut: the account and the whole reason stay readable at 80 columns. */}
            {logLines(log, columns).map((line, i) => (
              <Text
                // biome-ignore lint/suspicious/noArrayIndexKey: folded lines have no identity beyond position
                key={i}
                wrap="truncate-end"
                color={theme.tone(log.level === 'error' ? 'fail' : 'warn')}
              >
                {line}
              </Text>
            ))}
            {log.detail === undefined ? null : <Text>{`  ${log.detail}`}</Text>}
          </Box>
        ))}
        <KeyHelp keys={keysFor(state, showPlan, typing)} />
      </Box>
    </>
  );
}

function nextNav(view: PlanView, nav: PlanNav, input: string, key: Key): PlanNav {
  const count = planLineCount(view, nav);
  if (key.upArrow) return { ...nav, cursor: Math.max(0, nav.cursor - 1) };
  if (key.downArrow) return { ...nav, cursor: Math.max(0, Math.min(count - 1, nav.cursor + 1)) };
  if (input === 'd') return { ...nav, mode: nav.mode === 'diff' ? 'table' : 'diff', cursor: 0 };
  if (input === 'x')
    return { ...nav, mode: nav.mode === 'skipped' ? 'table' : 'skipped', cursor: 0 };
  if ((key.rightArrow || key.leftArrow) && nav.mode === 'table') {
    const row = planRows(view, nav.expanded)[nav.cursor];
    const ou = row?.kind === 'ou' ? row.path : ouAbove(view, nav);
    if (!ou) return nav;
    const expanded = new Set(nav.expanded);
    if (key.rightArrow) expanded.add(ou);
    else expanded.delete(ou);
    const cursor = planRows(view, expanded).findIndex((r) => r.kind === 'ou' && r.path === ou);
    return { ...nav, expanded, cursor: Math.max(0, cursor) };
  }
  return nav;
}

/** Rows the open question takes as drawn: its folded message and hint, and its list. */
function questionRows(question: Question, columns: number, rows: number, state: RolloutState) {
  const { message, hint } = askOf(question);
  const ask = askRows(message, hint, columns);
  switch (question.kind) {
    case 'choose-waves': {
      const held = question.heldNote ? foldWords(question.heldNote, columns - 2).length : 0;
      return ask + held + waveListRows(question, columns);
    }
    case 'choose-accounts':
      return ask + accountListRows(question, columns);
    case 'choose-stage':
      return ask + question.stages.length + (question.reason ? 2 : 0);
    case 'type-to-confirm':
      return ask + 2;
    case 'confirm':
      // The rows its details take as drawn: the plan above keeps the rest.
      return (
        ask +
        (question.details?.length
          ? detailsShown(question.details, detailRoom(rows, state, columns), columns).rows
          : 0)
      );
  }
}

/** Rows a question's detail lines may take: what the title, checklist, prompt and keys leave. */
function detailRoom(rows: number, state: RolloutState, columns: number): number {
  const logRows = visibleLogs(rows, state).reduce((n, log) => n + logRowsOf(log, columns), 0);
  const question = state.question?.question;
  const ask = question ? askRows(askOf(question).message, askOf(question).hint, columns) : 1;
  return Math.max(3, rows - checklistRows(state, columns) - logRows - 4 - ask);
}

type LogView = RolloutState['logs'][number];

/** A log line as drawn: its level, then the message folded at the screen's width. */
function logLines(log: LogView, columns: number): string[] {
  return foldWords(`${log.level === 'info' ? '' : `${log.level}: `}${log.message}`, columns);
}

function logRowsOf(log: LogView, columns: number): number {
  return logLines(log, columns).length + (log.detail === undefined ? 0 : 1);
}

/**
 * The log lines the screen has room for. A short terminal (80×24) is full with the checklist and
 * a question: logs wait until no question is asked, and then only the latest warning shows (the
 * CI log and the reports keep every line).
 */
function visibleLogs(rows: number, state: RolloutState): RolloutState['logs'] {
  if (rows >= 30) return state.logs;
  if (state.question) return [];
  return state.logs.filter((log) => log.level !== 'info').slice(-1);
}

function statusOf(state: RolloutState, step: StepView['step']) {
  return state.steps.find((s) => s.step === step)?.status ?? 'pending';
}

function ouAbove(view: PlanView, nav: PlanNav) {
  const rows = planRows(view, nav.expanded);
  for (let i = Math.min(nav.cursor, rows.length - 1); i >= 0; i--) {
    const row = rows[i];
    if (row?.kind === 'ou') return row.path;
  }
  return undefined;
}

function keysFor(state: RolloutState, showPlan: boolean, typing: boolean): [string, string][] {
  const q = state.question?.question;
  if (typing)
    return [
      ['⏎', 'confirm'],
      ['esc', 'cancel'],
    ];
  const keys: [string, string][] = [];
  if (showPlan) keys.push(['↑↓', 'move'], ['→←', 'details'], ['d', 'SCP diff'], ['x', 'skipped']);
  if (q?.kind === 'choose-waves') keys.push(['1-9', 'waves'], ['⏎', 'apply'], ['esc', 'cancel']);
  else if (q?.kind === 'choose-stage') keys.push(['1-3', 'ring'], ['⏎', 'go on']);
  else if (q?.kind === 'choose-accounts')
    keys.push(['1-9', 'include'], ['⏎', 'go on'], ['esc', 'hold all']);
  else if (q?.kind === 'confirm') keys.push(['y/n', 'answer']);
  else if (statusOf(state, 'apply') === 'running') keys.push(['Ctrl-C', 'stop (resumable)']);
  return keys;
}
