/**
 * What the ink UI shows, built from host events by one reducer. The state is mutated in place
 * (a 10,000-account apply sends hundreds of thousands of events); the store bumps a version so
 * React re-renders, throttled.
 */
import type { Plan, PlanSummary } from '../core/plan/types.js';
import type { StatusCounts } from '../core/verify/types.js';
import { stepTitle } from '../events/steps.js';
import type {
  GatedAccount,
  GuardrailsEvent,
  PlanTarget,
  Question,
  StepName,
  WaveAccount,
} from '../events/types.js';
import { insertStep } from './step-order.js';

export type StepStatus = 'pending' | 'running' | 'ok' | 'failed' | 'skipped';

export interface StepView {
  step: StepName;
  title: string;
  status: StepStatus;
  summary?: string;
}

export interface AccountProgress {
  accountId: string;
  name: string;
  total: number;
  done: number;
  failed: number;
  startedAt: number | undefined;
}

export interface FinishedAccount {
  key: string;
  wave: string;
  accountId: string;
  name: string;
  /** Changes planned for the account in this wave. */
  total: number;
  done: number;
  failed: number;
  durationMs: number;
}

export interface FailureView {
  id: number;
  label: string;
  code: string;
  message: string;
}

export interface WaveView {
  name: string;
  index: number;
  total: number;
  changes: number;
  done: number;
  failed: number;
  skipped: number;
  retries: number;
  startedAt: number;
  finishedAt: number | undefined;
  accounts: Map<string, AccountProgress>;
}

export interface PendingQuestion {
  question: Question;
  resolve: (answer: boolean | string[] | 1 | 2 | 3) => void;
}

export interface RolloutState {
  steps: StepView[];
  identity?: Extract<GuardrailsEvent, { type: 'preflight.identity' }>;
  discovery?: Extract<GuardrailsEvent, { type: 'discover.progress' }>;
  sweep?: { done: number; total: number };
  planSummary?: PlanSummary;
  /** The plan as shown: once the rollout holds accounts out, the plan it will execute. */
  plan?: Plan;
  /** The counts of the plan made again around held accounts (`plan` is that plan then). */
  revised?: PlanSummary;
  targets?: PlanTarget[];
  waves: WaveView[];
  failures: FailureView[];
  finished: FinishedAccount[];
  run?: Extract<GuardrailsEvent, { type: 'run.finished' }>;
  verify?: StatusCounts;
  /** At-risk accounts the readiness gate held out of the rollout. */
  held: GatedAccount[];
  /** The launch preview (Launches panel under Readiness). */
  launches?: Extract<GuardrailsEvent, { type: 'launches.previewed' }>;
  /** Accounts the launch gate held out of the SCP's reach (their defaults still apply). */
  scpHeld: GatedAccount[];
  reports: { format: string; path: string }[];
  logs: { id: number; level: 'info' | 'warn' | 'error'; message: string; detail?: string }[];
  /** Ids for list items (failures, logs). */
  seq: number;
  interrupting: boolean;
  question?: PendingQuestion;
  /** changeId → account and label of a started change (dropped when it ends). */
  inFlight: Map<string, { accountId: string; label: string }>;
}

/** The guided rollout's checklist; Readiness (when the gate is on) is inserted when it starts. */
export const CHECKLIST: { step: StepName; title: string }[] = (
  ['preflight', 'discover', 'plan', 'confirm', 'apply', 'verify', 'report'] as const
).map((step) => ({ step, title: stepTitle(step) }));

/** Key of changes that are not per account (SCP, policy type). */
export const ORGANIZATION_KEY = 'organization';

export function initialState(steps = CHECKLIST): RolloutState {
  return {
    steps: steps.map((s) => ({ ...s, status: 'pending' })),
    waves: [],
    failures: [],
    finished: [],
    held: [],
    scpHeld: [],
    reports: [],
    logs: [],
    seq: 0,
    interrupting: false,
    inFlight: new Map(),
  };
}

export function currentWave(state: RolloutState): WaveView | undefined {
  return state.waves.at(-1);
}

export function reduce(state: RolloutState, event: GuardrailsEvent, now: number): void {
  switch (event.type) {
    case 'step.started': {
      const found = state.steps.find((s) => s.step === event.step);
      // A new sweep (plan's read, verify, verify again) starts from zero.
      state.sweep = undefined;
      if (found) found.status = 'running';
      else insertStep(state, { step: event.step, title: event.title, status: 'running' });
      return;
    }
    case 'step.finished': {
      const found = state.steps.find((s) => s.step === event.step);
      if (!found) return;
      found.status = event.status;
      if (event.summary !== undefined) found.summary = event.summary;
      return;
    }
    case 'preflight.identity':
      state.identity = event;
      return;
    case 'discover.progress':
      state.discovery = event;
      return;
    case 'sweep.progress':
      state.sweep = { done: event.done, total: event.total };
      return;
    case 'plan.ready':
      state.planSummary = event.summary;
      if (event.plan) state.plan = event.plan;
      if (event.targets) state.targets = event.targets;
      return;
    case 'plan.revised':
      state.revised = event.summary;
      if (event.plan) state.plan = event.plan;
      return;
    case 'wave.started':
      state.waves.push(startWave(event, now));
      return;
    case 'wave.finished': {
      const wave = currentWave(state);
      if (!wave) return;
      wave.finishedAt = now;
      for (const account of wave.accounts.values()) {
        if (account.done + account.failed > 0) finishAccount(state, wave, account, now);
      }
      wave.accounts.clear();
      return;
    }
    case 'change.started': {
      const accountId = event.accountId ?? ORGANIZATION_KEY;
      state.inFlight.set(event.changeId, { accountId, label: event.label });
      const wave = currentWave(state);
      if (!wave) return;
      const account = accountOf(wave, accountId);
      account.startedAt ??= now;
      return;
    }
    case 'change.retrying': {
      const wave = currentWave(state);
      if (wave) wave.retries += 1;
      return;
    }
    case 'change.succeeded':
    case 'change.skipped':
    case 'change.failed':
      endChange(state, event, now);
      return;
    case 'run.finished':
      state.run = event;
      return;
    case 'verify.finished':
      state.verify = event.counts;
      return;
    case 'readiness.gated':
      if (event.lane === 'scp') state.scpHeld = event.held;
      else state.held = event.held;
      return;
    case 'launches.previewed':
      state.launches = event;
      return;
    case 'report.written':
      state.reports.push({ format: event.format, path: event.path });
      return;
    case 'log': {
      // The verify sweep repeats Discover's hints (the same accounts, the same advice): one line
      // each, at its latest place, instead of the same warning twice on a short screen.
      const same = state.logs.findIndex(
        (l) => l.level === event.level && l.message === event.message && l.detail === event.detail,
      );
      if (same >= 0) state.logs.splice(same, 1);
      state.logs.push({
        id: ++state.seq,
        level: event.level,
        message: event.message,
        ...(event.detail !== undefined ? { detail: event.detail } : {}),
      });
      if (state.logs.length > 3) {
        // Information gives way first: a warning (an account that cannot be reached, with the
        // config line that excludes it) stays until three newer warnings replace it.
        const info = state.logs.findIndex((l) => l.level === 'info');
        state.logs.splice(info >= 0 && info < state.logs.length - 1 ? info : 0, 1);
      }
      return;
    }
    case 'heartbeat':
      return;
  }
}

function startWave(event: Extract<GuardrailsEvent, { type: 'wave.started' }>, now: number) {
  const wave: WaveView = {
    name: event.wave,
    index: event.index,
    total: event.total,
    changes: event.changes,
    done: 0,
    failed: 0,
    skipped: 0,
    retries: 0,
    startedAt: now,
    finishedAt: undefined,
    accounts: new Map(),
  };
  for (const a of event.accounts ?? []) wave.accounts.set(a.accountId, progressOf(a));
  return wave;
}

function progressOf(a: WaveAccount): AccountProgress {
  return {
    accountId: a.accountId,
    name: a.accountName,
    total: a.changes,
    done: 0,
    failed: 0,
    startedAt: undefined,
  };
}

function accountOf(wave: WaveView, accountId: string): AccountProgress {
  let account = wave.accounts.get(accountId);
  if (!account) {
    const name = accountId === ORGANIZATION_KEY ? 'Organizations (SCP)' : accountId;
    account = progressOf({ accountId, accountName: name, changes: 0 });
    wave.accounts.set(accountId, account);
  }
  return account;
}

function endChange(
  state: RolloutState,
  event: Extract<
    GuardrailsEvent,
    { type: 'change.succeeded' | 'change.failed' | 'change.skipped' }
  >,
  now: number,
): void {
  const started = state.inFlight.get(event.changeId);
  state.inFlight.delete(event.changeId);
  const wave = currentWave(state);
  if (!wave) return;
  if (event.type === 'change.succeeded') wave.done += 1;
  else if (event.type === 'change.skipped') wave.skipped += 1;
  else {
    wave.failed += 1;
    state.failures.push({
      id: ++state.seq,
      label: started?.label ?? event.changeId,
      code: event.code,
      message: event.message,
    });
  }
  const account = accountOf(wave, started?.accountId ?? ORGANIZATION_KEY);
  if (event.type === 'change.failed') account.failed += 1;
  else account.done += 1;
  if (account.total > 0 && account.done + account.failed >= account.total) {
    finishAccount(state, wave, account, now);
  }
}

function finishAccount(
  state: RolloutState,
  wave: WaveView,
  account: AccountProgress,
  now: number,
): void {
  wave.accounts.delete(account.accountId);
  state.finished.push({
    key: `${wave.index}:${account.accountId}`,
    wave: wave.name,
    accountId: account.accountId,
    name: account.name,
    total: Math.max(account.total, account.done + account.failed),
    done: account.done,
    failed: account.failed,
    durationMs: now - (account.startedAt ?? wave.startedAt),
  });
}

/** Changes per second so far in the wave, and the seconds left at that pace. */
export function pace(wave: WaveView, now: number): { perSecond: number; etaSeconds?: number } {
  const elapsed = ((wave.finishedAt ?? now) - wave.startedAt) / 1000;
  const processed = wave.done + wave.failed + wave.skipped;
  if (elapsed <= 0 || processed === 0) return { perSecond: 0 };
  const perSecond = processed / elapsed;
  return { perSecond, etaSeconds: Math.max(0, (wave.changes - processed) / perSecond) };
}
