/**
 * Runs a plan's changes wave by wave: dependency order, bounded concurrency (global, per account,
 * Organizations serial), change-level retries, a journal record before and after every write,
 * read-back before `done`, a failure-ratio brake between waves, and a graceful stop on abort
 * (running calls finish and are journaled; nothing new starts).
 */

import type { AwsGateways } from '../aws/gateways.js';
import type { RetryPolicy } from '../aws/retry-settings.js';
import { plural } from '../core/model/plural.js';
import { labelOf, whereOf } from '../core/plan/change-kinds.js';
import type { Change } from '../core/plan/types.js';
import type { Host } from '../events/host.js';
import { applyChange, beforeImageOf, type PolicyIdRegistry } from './apply-change.js';
import { laneOf, laneRules, ORGANIZATIONS_LANE, ORGANIZATIONS_READS_LANE } from './change-info.js';
import type { JournalWriter } from './journal-store.js';
import type { ReadBackPace } from './read-back.js';
import {
  abortableSleep,
  errorCode,
  errorMessage,
  isRetryableError,
  maxAttemptsFor,
  withRetry,
} from './retry.js';
import { type NodeOutcome, runGraph, type Slot } from './scheduler.js';

export interface ExecutionWave {
  name: string;
  changes: Change[];
}

export interface ExecutorLimits {
  global: number;
  perAccount: number;
  /** Parallel Organizations writes; 1 = serialised (ConcurrentModificationException otherwise). */
  organizations: number;
  /** Parallel Organizations read-backs of attachments (default 4). */
  organizationsReads?: number;
}

export interface ExecuteInput {
  waves: ExecutionWave[];
  gateways: AwsGateways;
  host: Host;
  journal: JournalWriter;
  signal: AbortSignal;
  limits: ExecutorLimits;
  retry: RetryPolicy;
  maxFailureRatio: number;
  /** Ask the host before each wave after the first (TTY runs with rollout.confirmBetweenWaves). */
  confirmBetweenWaves: boolean;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  now: () => Date;
  /** Outcomes known before this run (e.g. journaled done on resume). */
  known?: ReadonlyMap<string, NodeOutcome>;
  /** Changes an earlier run sent without a journaled `done`: applied as a retry (read first). */
  inFlight?: ReadonlySet<string>;
  /** Policy ids known before this run (policy name → id). */
  policyIds?: PolicyIdRegistry;
}

export interface FailedChange {
  change: Change;
  code: string;
  message: string;
}

export type StopReason = 'aborted' | 'failure-ratio' | 'declined' | 'journal-error';

export interface ExecutionResult {
  outcomes: Map<string, NodeOutcome>;
  succeeded: number;
  failed: FailedChange[];
  skipped: number;
  notStarted: number;
  stopReason?: StopReason;
  stoppedAtWave?: string;
  durationMs: number;
}

export async function executeWaves(input: ExecuteInput): Promise<ExecutionResult> {
  const { host, journal, gateways } = input;
  const started = input.now().getTime();
  const outcomes = new Map<string, NodeOutcome>(input.known ?? []);
  const registry: PolicyIdRegistry = new Map(input.policyIds ?? []);
  const failed: FailedChange[] = [];
  let stopReason: StopReason | undefined;
  let stoppedAtWave: string | undefined;
  let journalError: unknown;
  const shouldStart = () => !input.signal.aborted && journalError === undefined;

  const runChange = async (change: Change, slot: Slot): Promise<'succeeded' | 'failed'> => {
    const lane = laneOf(change);
    // A read-back waits without its slot. An Organizations change reads back outside the write
    // lane, whose cap of one keeps writes from conflicting (ConcurrentModificationException); its
    // rank (runGraph's rankOf) keeps attach before swap before detach before delete.
    const pace: ReadBackPace = {
      wait: (ms) => slot.yieldWhile(() => abortableSleep(ms)),
      reading: () =>
        lane === ORGANIZATIONS_LANE ? slot.moveTo(ORGANIZATIONS_READS_LANE) : Promise.resolve(),
    };
    host.notify({
      type: 'change.started',
      changeId: change.id,
      kind: change.kind,
      label: labelOf(change),
      ...whereOf(change),
    });
    try {
      await journal.append(
        {
          type: 'intent',
          at: input.now().toISOString(),
          changeId: change.id,
          change,
          before: beforeImageOf(change),
        },
        { sync: true },
      );
    } catch (err) {
      // Without a durable intent we must not write: stop the whole run.
      journalError ??= err;
      failed.push({ change, code: 'JournalWriteFailed', message: errorMessage(err) });
      host.notify({
        type: 'change.failed',
        changeId: change.id,
        code: 'JournalWriteFailed',
        message: errorMessage(err),
      });
      return 'failed';
    }
    try {
      const after = await withRetry(
        async (attempt) => {
          // A retry writes again: from the write lane, not the read-back lane it may be in.
          await slot.moveTo(lane);
          return applyChange(
            change,
            gateways,
            registry,
            attempt > 1 || (input.inFlight?.has(change.id) ?? false),
            pace,
          );
        },
        {
          policy: input.retry,
          signal: input.signal,
          sleep: input.sleep,
          random: input.random,
          isRetryable: isRetryableError,
          maxAttemptsFor: (err) => maxAttemptsFor(err, input.retry),
          onRetry: ({ attempt, delayMs, code }) =>
            host.notify({ type: 'change.retrying', changeId: change.id, attempt, delayMs, code }),
        },
      );
      await journal
        .append({ type: 'done', at: input.now().toISOString(), changeId: change.id, after })
        .catch((err: unknown) => {
          journalError ??= err;
        });
      host.notify({ type: 'change.succeeded', changeId: change.id });
      return 'succeeded';
    } catch (err) {
      const code = errorCode(err);
      const message = errorMessage(err);
      failed.push({ change, code, message });
      await journal
        .append({
          type: 'failed',
          at: input.now().toISOString(),
          changeId: change.id,
          code,
          message,
        })
        .catch((e: unknown) => {
          journalError ??= e;
        });
      host.notify({ type: 'change.failed', changeId: change.id, code, message });
      return 'failed';
    }
  };

  const lanes = laneRules(input.limits);
  const waves = input.waves.filter((w) => w.changes.length > 0);
  for (const [index, wave] of waves.entries()) {
    if (!shouldStart()) {
      stopReason ??= input.signal.aborted ? 'aborted' : 'journal-error';
      stoppedAtWave ??= wave.name;
      break;
    }
    if (index > 0 && input.confirmBetweenWaves) {
      const go = await host.ask({
        kind: 'confirm',
        id: 'apply.next-wave',
        message: `Continue with wave "${wave.name}" (${plural(wave.changes.length, 'change')})?`,
        defaultAnswer: true,
        flag: '--yes',
      });
      if (!go) {
        // Ctrl-C at the prompt answers "no" and aborts: a stop (exit 130), not a decline.
        stopReason = input.signal.aborted ? 'aborted' : 'declined';
        stoppedAtWave = wave.name;
        break;
      }
    }
    host.notify({
      type: 'wave.started',
      wave: wave.name,
      index,
      total: waves.length,
      changes: wave.changes.length,
    });
    let waveSkipped = 0;
    const waveOutcomes = await runGraph({
      nodes: wave.changes.map((change) => ({
        id: change.id,
        lane: laneOf(change),
        dependsOn: change.dependsOn,
        change,
      })),
      known: outcomes,
      global: input.limits.global,
      ...lanes,
      run: (node, slot) => runChange(node.change, slot),
      onSkip: (node, reason) => {
        waveSkipped += 1;
        host.notify({ type: 'change.skipped', changeId: node.id, reason });
      },
      shouldStart,
    });
    let ok = 0;
    let bad = 0;
    for (const [id, outcome] of waveOutcomes) {
      outcomes.set(id, outcome);
      if (outcome === 'succeeded') ok += 1;
      if (outcome === 'failed') bad += 1;
    }
    host.notify({
      type: 'wave.finished',
      wave: wave.name,
      succeeded: ok,
      failed: bad,
      skipped: waveSkipped,
    });
    if (!shouldStart()) {
      stopReason = input.signal.aborted ? 'aborted' : 'journal-error';
      stoppedAtWave = wave.name;
      break;
    }
    const ratio = (bad + waveSkipped) / wave.changes.length;
    if (ratio > input.maxFailureRatio && index < waves.length - 1) {
      host.notify({
        type: 'log',
        level: 'error',
        message: `Wave "${wave.name}": ${bad + waveSkipped} of ${plural(wave.changes.length, 'change')} failed (${Math.round(ratio * 100)}% > ${Math.round(input.maxFailureRatio * 100)}%); the rollout stops here.`,
      });
      stopReason = 'failure-ratio';
      stoppedAtWave = waves[index + 1]?.name;
      break;
    }
  }
  if (journalError !== undefined) stopReason = 'journal-error';

  let succeeded = 0;
  let skipped = 0;
  let notStarted = 0;
  for (const wave of waves) {
    for (const change of wave.changes) {
      const outcome = outcomes.get(change.id);
      if (outcome === 'succeeded') succeeded += 1;
      else if (outcome === 'skipped') skipped += 1;
      else if (outcome === undefined || outcome === 'not-started') notStarted += 1;
    }
  }
  const result: ExecutionResult = {
    outcomes,
    succeeded,
    failed,
    skipped,
    notStarted,
    durationMs: input.now().getTime() - started,
  };
  if (stopReason) result.stopReason = stopReason;
  if (stoppedAtWave) result.stoppedAtWave = stoppedAtWave;
  return result;
}
