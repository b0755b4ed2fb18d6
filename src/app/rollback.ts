/**
 * `rollback --journal <file>`: undo what an apply journal records, newest first. Each target is
 * re-read first; only a target still exactly as the run left it is reverted, anything changed
 * since by someone else is left alone and reported (np checks before it undoes). The inverse
 * changes come from the pure core and run through the same executor, with their own journal.
 */
import pLimit from 'p-limit';
import { DEFAULT_RETRY_POLICY } from '../aws/retry-settings.js';
import { inverseOf } from '../core/journal/inverse.js';
import type { JournaledChange } from '../core/journal/types.js';
import { plural } from '../core/model/plural.js';
import { isFullAwsAccess } from '../core/model/policy-names.js';
import { labelOf } from '../core/plan/change-kinds.js';
import type { Change } from '../core/plan/types.js';
import { UsageError } from '../errors.js';
import { type ExecutionResult, executeWaves } from '../execute/executor.js';
import { type JournalState, JournalWriter, readJournal } from '../execute/journal-store.js';
import { expectedAfter, readImage, sameImage } from '../execute/read-image.js';
import { abortableSleep, errorCode } from '../execute/retry.js';
import type { AppContext } from './context.js';
import { describeDecisions } from './decisions-text.js';
import { sha256Of } from './hash.js';
import { withOrgLock } from './org-lock.js';
import { announceIdentity, confirmRestore, withRestoreAccounts } from './rollback-view.js';
import { finishJournal, type RunOptions } from './run-plan.js';

export interface RollbackOptions extends RunOptions {
  journalPath: string;
}

export interface LeftAlone {
  changeId: string;
  label: string;
  reason: string;
}

export interface RollbackResult {
  status: 'nothing-to-do' | 'restored' | 'partial' | 'aborted';
  inverse: Change[];
  leftAlone: LeftAlone[];
  execution?: ExecutionResult;
  journalPath?: string;
}

export async function rollback(ctx: AppContext, options: RollbackOptions): Promise<RollbackResult> {
  // Checked before anything is read from AWS: a damaged or edited journal is refused first.
  const state = await readJournal(options.journalPath);
  const { header } = state;
  if (header.command !== 'apply') {
    throw new UsageError(
      `${options.journalPath} is a ${header.command} journal; roll back an apply journal.`,
    );
  }
  // What the run decided (held accounts were never touched, so nothing of theirs is undone).
  for (const line of describeDecisions(header)) {
    ctx.host.notify({ type: 'log', level: 'info', message: line });
  }
  ctx.host.notify({ type: 'step.started', step: 'preflight', title: 'Checking credentials' });
  const caller = await ctx.gateways.sts.getCallerIdentity();
  const organization = await ctx.gateways.organizations.describeOrganization();
  if (organization.id !== header.organizationId || caller.accountId !== header.caller.accountId) {
    throw new UsageError(
      `${options.journalPath} belongs to organization ${header.organizationId} (account ${header.caller.accountId}); these credentials are ${caller.arn} in ${organization.id}.`,
    );
  }
  announceIdentity(ctx, caller, organization);
  // One writer per organization: refused while an apply, rollback or rollout holds it.
  return withOrgLock(
    {
      reportsDir: options.reportsDir,
      organizationId: organization.id,
      command: 'rollback',
      now: ctx.now,
    },
    () => restore(ctx, options, state),
  );
}

async function restore(
  ctx: AppContext,
  options: RollbackOptions,
  state: JournalState,
): Promise<RollbackResult> {
  const { header } = state;
  // Failed and in-flight writes may have landed too (e.g. the read-back was refused): every
  // target with an intent is re-read, and undone only if it shows what the write intended.
  const candidates = [...state.changes.values()].sort((a, b) => b.sequence - a.sequence);
  ctx.host.notify({
    type: 'step.started',
    step: 'discover',
    title: `Re-reading ${plural(candidates.length, 'target')}`,
  });
  const leftAlone: LeftAlone[] = [];
  const inverse: Change[] = [];
  const limit = pLimit(Math.max(1, ctx.concurrency));
  const decisions = await Promise.all(candidates.map((entry) => limit(() => decide(ctx, entry))));
  for (const decision of decisions) {
    if (decision.kind === 'undo') inverse.push(decision.change);
    else if (decision.kind === 'leave') leftAlone.push(decision.leftAlone);
  }
  ctx.host.notify({
    type: 'step.finished',
    step: 'discover',
    status: 'ok',
    summary: `${inverse.length} to restore, ${leftAlone.length} changed since (left alone)`,
  });
  for (const item of leftAlone) {
    ctx.host.notify({
      type: 'log',
      level: 'warn',
      message: `Left alone: ${item.label}: ${item.reason}`,
    });
  }
  if (inverse.length === 0)
    return { status: leftAlone.length ? 'partial' : 'nothing-to-do', inverse, leftAlone };

  const ordered = withDeleteAfterDetach(inverse);
  await confirmRestore(ctx, ordered, {
    yes: options.yes,
    interactive: options.interactive,
    journal: options.showPath?.(options.journalPath) ?? options.journalPath,
  });

  const journal = await JournalWriter.create(
    options.reportsDir,
    {
      ...header,
      command: 'rollback',
      startedAt: ctx.now().toISOString(),
      toolVersion: ctx.toolVersion,
      planHash: sha256Of(ordered),
      rollbackOf: options.journalPath,
    },
    ctx.now(),
  );
  ctx.host.notify({
    type: 'step.started',
    step: 'apply',
    title: `Restoring ${plural(ordered.length, 'change')}`,
  });
  let execution: ExecutionResult;
  try {
    execution = await executeWaves({
      waves: [{ name: 'rollback', changes: ordered }],
      gateways: ctx.gateways,
      host: withRestoreAccounts(ctx.host, ordered),
      journal,
      signal: ctx.signal,
      limits: {
        global: Math.max(1, ctx.concurrency),
        perAccount: ctx.config.rollout.perAccountConcurrency,
        organizations: 1,
      },
      retry: options.retry ?? ctx.retry ?? DEFAULT_RETRY_POLICY,
      maxFailureRatio: 1,
      confirmBetweenWaves: false,
      sleep: options.sleep ?? abortableSleep,
      random: options.random ?? Math.random,
      now: ctx.now,
    });
  } catch (err) {
    await journal.close().catch(() => {});
    throw err;
  }
  await finishJournal(journal, execution, ctx.now());
  const ok = execution.failed.length === 0 && execution.notStarted === 0 && execution.skipped === 0;
  ctx.host.notify({
    type: 'step.finished',
    step: 'apply',
    status: ok ? 'ok' : 'failed',
    summary: `${execution.succeeded} restored, ${execution.failed.length} failed`,
  });
  ctx.host.notify({
    type: 'run.finished',
    succeeded: execution.succeeded,
    failed: execution.failed.length,
    skipped: execution.skipped + execution.notStarted + leftAlone.length,
    durationMs: execution.durationMs,
    journal: journal.path,
  });
  const status =
    execution.stopReason === 'aborted'
      ? 'aborted'
      : ok && leftAlone.length === 0
        ? 'restored'
        : 'partial';
  return { status, inverse: ordered, leftAlone, execution, journalPath: journal.path };
}

type Decision =
  | { kind: 'undo'; change: Change }
  | { kind: 'leave'; leftAlone: LeftAlone }
  | { kind: 'nothing' };

async function decide(ctx: AppContext, entry: JournaledChange): Promise<Decision> {
  const label = labelOf(entry.change);
  const leave = (reason: string): Decision => ({
    kind: 'leave',
    leftAlone: { changeId: entry.changeId, label, reason },
  });
  const expected = expectedAfter(entry);
  if (!expected) return leave('the journal has no after-image for it');
  let current: Awaited<ReturnType<typeof readImage>>;
  try {
    current = await readImage(ctx.gateways, expected);
  } catch (err) {
    return leave(`could not re-read it (${errorCode(err)})`);
  }
  if (!sameImage(current, expected)) {
    // An in-flight write that never landed, or already restored: nothing to undo.
    if (sameImage(current, entry.before)) return { kind: 'nothing' };
    return leave('changed since the run by someone else');
  }
  const undo = inverseOf(entry.change, entry.before, entry.after ?? current);
  const change = undo.changes[0];
  if (!change) return undo.note ? leave(undo.note) : { kind: 'nothing' };
  if (
    (change.kind === 'attachment.remove' || change.kind === 'policy.delete') &&
    (isFullAwsAccess(change.policyId) || isFullAwsAccess(change.policyName))
  ) {
    return leave('FullAWSAccess is never detached or deleted');
  }
  return { kind: 'undo', change };
}

/** Deleting a policy waits for every detach of it (AWS refuses to delete an attached policy). */
function withDeleteAfterDetach(changes: Change[]): Change[] {
  const detachIds = new Map<string, string[]>();
  for (const c of changes) {
    if (c.kind === 'attachment.remove') {
      detachIds.set(c.policyId, [...(detachIds.get(c.policyId) ?? []), c.id]);
    }
  }
  return changes.map((c) =>
    c.kind === 'policy.delete'
      ? { ...c, dependsOn: [...new Set([...c.dependsOn, ...(detachIds.get(c.policyId) ?? [])])] }
      : c,
  );
}
