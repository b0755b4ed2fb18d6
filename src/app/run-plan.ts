/**
 * Runs an approved plan with an open journal: split into waves (config.rollout.waves), execute,
 * close the journal, and say how to continue when the run did not finish.
 */

import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../aws/retry-settings.js';
import { plural } from '../core/model/plural.js';
import type { OrgTree } from '../core/model/types.js';
import type { Plan } from '../core/plan/types.js';
import { assignWaves } from '../core/plan/waves.js';
import { type ExecutionResult, type ExecutionWave, executeWaves } from '../execute/executor.js';
import type { JournalWriter } from '../execute/journal-store.js';
import { abortableSleep } from '../execute/retry.js';
import type { ApplyResult, ApplyStatus } from './apply.js';
import type { AppContext } from './context.js';

export interface RunOptions {
  /** Absolute directory for the journal (config.reports.dir resolved by the command). */
  reportsDir: string;
  /** A person can answer prompts (between-wave confirmation only then). */
  interactive: boolean;
  /** `--yes` skips the between-wave questions too. */
  yes: boolean;
  /** How to invoke the tool again with the same connection flags, e.g. `guardrails --profile x`. */
  commandPrefix?: string;
  /** How a file path is shown to the user (e.g. relative to the working directory). */
  showPath?: (path: string) => string;
  retry?: RetryPolicy;
  /**
   * Resume: changes whose write an earlier run sent without journaling `done`. They are applied
   * like a retry (read first, settled, so a landed write is not sent twice on a lagging read).
   */
  inFlight?: ReadonlySet<string>;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function resumeCommandFor(
  ctx: AppContext,
  journalPath: string,
  options: RunOptions,
): string {
  const parts = [options.commandPrefix ?? 'guardrails'];
  // Every path as the journal's is shown (relative to the working directory when under it).
  if (ctx.configFile) {
    parts.push('--config', shellQuote(options.showPath?.(ctx.configFile) ?? ctx.configFile));
  }
  parts.push('apply', '--resume', shellQuote(options.showPath?.(journalPath) ?? journalPath));
  if (options.yes) parts.push('--yes');
  return parts.join(' ');
}

/**
 * A target whose defaults could not be read was never planned: the organization is not converged
 * until a later apply reads it, so such a run is partial, like one with failed writes.
 */
export function unreadTargets(plan: Plan): Plan['skipped'] {
  return plan.skipped.filter((target) => target.reason === 'error');
}

export function statusOf(result: ExecutionResult, plan: Plan): ApplyStatus {
  if (result.stopReason === 'aborted') return 'aborted';
  if (result.failed.length > 0 || result.notStarted > 0 || result.skipped > 0) return 'partial';
  return unreadTargets(plan).length > 0 ? 'partial' : 'converged';
}

/**
 * The journal's last record (counts, aborted or not), then close it. A failure to write the
 * summary is not fatal: every intent/done record before it is already on disk.
 */
export async function finishJournal(
  journal: JournalWriter,
  execution: ExecutionResult,
  at: Date,
): Promise<void> {
  await journal
    .append({
      type: 'finished',
      at: at.toISOString(),
      succeeded: execution.succeeded,
      failed: execution.failed.length,
      skipped: execution.skipped + execution.notStarted,
      aborted: execution.stopReason === 'aborted',
    })
    .catch(() => {});
  await journal.close();
}

export async function runPlan(
  ctx: AppContext,
  plan: Plan,
  org: OrgTree,
  journal: JournalWriter,
  options: RunOptions,
): Promise<ApplyResult> {
  const assignment = assignWaves(plan.changes, ctx.config.rollout.waves, org);
  for (const account of assignment.unplaced) {
    ctx.host.notify({
      type: 'log',
      level: 'warn',
      message: `${account.accountName || account.accountId}: ${plural(account.changes, 'change')} in no rollout wave (add a wave with rest: true); not applied.`,
    });
  }
  // A resumed rollout runs only the waves its admin chose (the journal keeps them).
  const chosen = ctx.decisions?.waves;
  const waves = chosen ? assignment.waves.filter((w) => chosen.includes(w.name)) : assignment.waves;
  for (const w of assignment.waves) {
    if (chosen && !chosen.includes(w.name) && w.changes.length > 0) {
      ctx.host.notify({
        type: 'log',
        level: 'info',
        message: `Wave ${w.name}: ${w.changes.length} change(s) left out (the run did not choose this wave).`,
      });
    }
  }
  return runWaves(ctx, plan, waves, journal, options);
}

/** Executes already-assigned waves with an open journal (the guided rollout picks its waves). */
export async function runWaves(
  ctx: AppContext,
  plan: Plan,
  waves: ExecutionWave[],
  journal: JournalWriter,
  options: RunOptions,
): Promise<ApplyResult> {
  const { host, config } = ctx;
  host.notify({
    type: 'step.started',
    step: 'apply',
    title: `Applying ${plural(plan.changes.length, 'change')}`,
  });
  let execution: ExecutionResult;
  try {
    execution = await executeWaves({
      waves,
      gateways: ctx.gateways,
      host,
      journal,
      signal: ctx.signal,
      limits: {
        global: Math.max(1, ctx.concurrency),
        perAccount: config.rollout.perAccountConcurrency,
        organizations: 1,
      },
      retry: options.retry ?? ctx.retry ?? DEFAULT_RETRY_POLICY,
      maxFailureRatio: config.rollout.maxFailureRatio,
      confirmBetweenWaves:
        config.rollout.confirmBetweenWaves && options.interactive && !options.yes,
      sleep: options.sleep ?? abortableSleep,
      random: options.random ?? Math.random,
      now: ctx.now,
      ...(options.inFlight ? { inFlight: options.inFlight } : {}),
    });
  } catch (err) {
    // What reached the journal stays on disk; resume starts from there.
    await journal.close().catch(() => {});
    throw err;
  }
  await finishJournal(journal, execution, ctx.now());
  const status = statusOf(execution, plan);
  const finished = status === 'converged';
  const resumeCommand = finished ? undefined : resumeCommandFor(ctx, journal.path, options);
  host.notify({
    type: 'step.finished',
    step: 'apply',
    status: finished ? 'ok' : 'failed',
    summary: `${execution.succeeded} changed, ${execution.failed.length} failed, ${execution.skipped + execution.notStarted} not run`,
  });
  host.notify({
    type: 'run.finished',
    succeeded: execution.succeeded,
    failed: execution.failed.length,
    skipped: execution.skipped + execution.notStarted,
    durationMs: execution.durationMs,
    journal: options.showPath?.(journal.path) ?? journal.path,
    ...(resumeCommand ? { resumeCommand } : {}),
  });
  const result: ApplyResult = { status, plan, execution, journalPath: journal.path };
  if (resumeCommand) result.resumeCommand = resumeCommand;
  return result;
}
