/**
 * `apply`: get a plan (fresh, or a saved one re-checked against a fresh observation), confirm,
 * then run it wave by wave with a journal. `--resume <journal>` re-observes — which re-reads every
 * target, including ones whose write was in flight when the last run died — and continues
 * without touching what the journal records as done.
 */

import { plural } from '../core/model/plural.js';
import type { OrgTree } from '../core/model/types.js';
import { relaxingChanges } from '../core/plan/relaxing-list.js';
import type { Plan } from '../core/plan/types.js';
import { NonInteractiveError, UsageError, UserAbortError } from '../errors.js';
import type { ExecutionResult } from '../execute/executor.js';
import {
  type JournalDecisions,
  type JournalState,
  JournalWriter,
  readJournal,
} from '../execute/journal-store.js';
import { expectedAfter, readImageSettled, sameImage } from '../execute/read-image.js';
import type { AppContext } from './context.js';
import { describeDecisions } from './decisions-text.js';
import { withStage } from './desired.js';
import { withOrgLock } from './org-lock.js';
import { createPlan, hashConfig, hashPlan } from './plan.js';
import { approveRelaxing } from './relaxing-approval.js';
import { createRemediationPlan } from './remediate.js';
import { type RunOptions, runPlan, unreadTargets } from './run-plan.js';
import { checkedSavedPlan } from './saved-plan.js';

export interface ApplyOptions extends RunOptions {
  planFile?: string;
  resumeJournal?: string;
  /** --yes: no confirmation prompt. */
  yes: boolean;
  /** A person can answer prompts (TTY, not CI). */
  interactive: boolean;
  /** `apply --remediate`: plan the workload remediation instead of the guardrails. */
  remediate?: boolean;
}

export type ApplyStatus = 'no-changes' | 'converged' | 'partial' | 'aborted';

export interface ApplyResult {
  status: ApplyStatus;
  plan: Plan;
  execution?: ExecutionResult;
  journalPath?: string;
  resumeCommand?: string;
}

export async function apply(ctx: AppContext, options: ApplyOptions): Promise<ApplyResult> {
  if (!options.resumeJournal && !options.planFile && !options.yes && !options.interactive) {
    throw new NonInteractiveError('Applying changes', '--yes (or a reviewed plan file)');
  }
  // One writer per organization, taken before reading it: a second run waits for nothing and
  // plans nothing, it is refused with the holder's name.
  const organization = await ctx.gateways.organizations.describeOrganization();
  return withOrgLock(
    {
      reportsDir: options.reportsDir,
      organizationId: organization.id,
      command: options.resumeJournal ? 'apply --resume' : 'apply',
      now: ctx.now,
    },
    () => applyLocked(ctx, options),
  );
}

async function applyLocked(given: AppContext, options: ApplyOptions): Promise<ApplyResult> {
  if (options.resumeJournal) return resume(given, options, options.resumeJournal);
  let ctx = given;
  const { plan, org } = options.planFile
    ? await checkedSavedPlan(ctx, options.planFile)
    : await freshPlan(ctx, options.remediate === true);
  if (plan.changes.length === 0) {
    return { status: unreadTargets(plan).length > 0 ? 'partial' : 'no-changes', plan };
  }
  if (!options.planFile && !options.yes) await confirmApply(ctx, plan);
  // Its own approval, recorded in the journal's decisions (a saved plan's `risk` is not read).
  ctx = await approveRelaxing(ctx, plan.changes, options);
  const journal = await createApplyJournal(ctx, plan, options.reportsDir);
  return runPlan(ctx, plan, org, journal, options);
}

/** A new apply journal whose header ties it to this plan, config, caller and organization. */
export function createApplyJournal(
  ctx: AppContext,
  plan: Plan,
  reportsDir: string,
): Promise<JournalWriter> {
  return JournalWriter.create(
    reportsDir,
    {
      type: 'header',
      version: 2,
      command: 'apply',
      startedAt: ctx.now().toISOString(),
      toolVersion: ctx.toolVersion,
      planHash: hashPlan(plan),
      configHash: plan.configHash,
      observedHash: plan.observedHash,
      caller: { accountId: plan.caller.accountId, arn: plan.caller.arn },
      organizationId: plan.organizationId,
      managementAccountId: plan.managementAccountId,
      ...(plan.remediation ? { remediation: { lookbackDays: plan.remediation.lookbackDays } } : {}),
      ...(ctx.configFile ? { configFile: ctx.configFile } : {}),
      overrides: ctx.overrides,
      decisions: journalDecisions(ctx, plan),
    },
    ctx.now(),
  );
}

/** What the journal keeps of the run's decisions (only what was decided). */
function journalDecisions(ctx: AppContext, plan: Plan): JournalDecisions {
  const d = ctx.decisions ?? {};
  return {
    ...(d.held && d.held.length > 0 ? { held: d.held } : {}),
    ...(d.waves ? { waves: d.waves } : {}),
    ...(plan.stage !== undefined ? { stage: plan.stage } : {}),
    ...(plan.strategy !== undefined ? { strategy: plan.strategy } : {}),
    ...(d.includeOrgChanges ? { includeOrgChanges: true } : {}),
    ...(d.allowRelaxing ? { allowRelaxing: true } : {}),
  };
}

async function freshPlan(
  ctx: AppContext,
  remediate: boolean,
): Promise<{ plan: Plan; org: OrgTree }> {
  const { plan, observation } = remediate
    ? await createRemediationPlan(ctx)
    : await createPlan(ctx);
  return { plan, org: observation.observed.org };
}

async function confirmApply(ctx: AppContext, plan: Plan): Promise<void> {
  const relaxing = relaxingChanges(plan.changes).length;
  const ok = await ctx.host.ask({
    kind: 'confirm',
    id: 'apply.confirm',
    message: `Apply ${plural(plan.changes.length, 'change')}${relaxing ? ` (${relaxing} relaxing)` : ''} to organization ${plan.organizationId}?`,
    defaultAnswer: false,
    flag: '--yes',
  });
  if (!ok) throw new UserAbortError();
}

/** `--stage 1 apply` died: `apply --resume j.jsonl` continues ring 1 without --stage again. */
function adoptStageOf(ctx: AppContext, configHash: string): AppContext {
  if (configHash === hashConfig(ctx.config)) return ctx;
  const stage = ([1, 2, 3] as const).find(
    (s) => hashConfig(withStage(ctx.config, s)) === configHash,
  );
  return stage === undefined ? ctx : { ...ctx, config: withStage(ctx.config, stage) };
}

async function resume(
  given: AppContext,
  options: ApplyOptions,
  path: string,
): Promise<ApplyResult> {
  const state = await readJournal(path);
  const { header } = state;
  const ctx = adoptStageOf(given, header.configHash);
  if (header.command !== 'apply') {
    throw new UsageError(`${path} is a ${header.command} journal; only apply journals resume.`);
  }
  if (header.configHash !== hashConfig(ctx.config)) {
    throw new UsageError(`The config differs from the one ${path} was started with.`, {
      hint: `Resume with the same config${header.configFile ? ` (${header.configFile})` : ''}, or start a new apply.`,
    });
  }
  // Continue the same run: its scope flags (unless new ones were given) and its decisions —
  // held accounts stay held in every lane, only the chosen waves run.
  const hasOverrides = Object.values(ctx.overrides).some((v) => v && v.length > 0);
  let runCtx: AppContext = withDecisions(
    hasOverrides ? ctx : { ...ctx, overrides: header.overrides },
    header.decisions,
  );
  for (const line of describeDecisions(header)) {
    ctx.host.notify({ type: 'log', level: 'info', message: line });
  }
  if (!options.yes && !options.interactive) {
    throw new NonInteractiveError('Resuming the apply', '--yes');
  }
  const { plan, observation } = header.remediation
    ? await createRemediationPlan(runCtx, header.remediation)
    : await createPlan(runCtx);
  if (
    plan.organizationId !== header.organizationId ||
    plan.caller.accountId !== header.caller.accountId
  ) {
    throw new UsageError(
      `${path} belongs to organization ${header.organizationId} (${header.caller.arn}); these credentials are ${plan.caller.arn} in ${plan.organizationId}.`,
    );
  }
  const done = new Set(
    [...state.changes.values()].filter((c) => c.status === 'done').map((c) => c.changeId),
  );
  const remaining = plan.changes.filter((c) => !done.has(c.id));
  for (const change of plan.changes.filter((c) => done.has(c.id))) {
    ctx.host.notify({
      type: 'change.skipped',
      changeId: change.id,
      reason: 'done in the journal, but the target differs again; run apply once more to converge',
    });
  }
  const resumedPlan: Plan = { ...plan, changes: remaining };
  if (remaining.length > 0 && !options.yes) await confirmApply(runCtx, resumedPlan);
  // Approved when the run started (the journal's decisions) or now.
  runCtx = await approveRelaxing(runCtx, remaining, options);
  const journal = await JournalWriter.openForAppend(path);
  await journal.append(
    {
      type: 'resume',
      at: ctx.now().toISOString(),
      planHash: hashPlan(plan),
      observedHash: plan.observedHash,
    },
    { sync: true },
  );
  await settleInFlight(ctx, state, new Set(remaining.map((c) => c.id)), journal);
  if (remaining.length === 0) {
    await journal.close();
    return { status: 'no-changes', plan: resumedPlan, journalPath: path };
  }
  const inFlight = new Set(remaining.filter((c) => state.changes.has(c.id)).map((c) => c.id));
  return runPlan(runCtx, resumedPlan, observation.observed.org, journal, { ...options, inFlight });
}

/**
 * A write in flight when the last run died — or one that failed after it was sent (say, its
 * read-back was refused) — may or may not have landed. Those the fresh plan no
 * longer needs are re-read: if the target shows what the write intended, it did land, and the
 * journal gets its `done` (so rollback undoes it); the rest are redone by the plan.
 */
async function settleInFlight(
  ctx: AppContext,
  state: JournalState,
  planned: ReadonlySet<string>,
  journal: JournalWriter,
): Promise<void> {
  for (const entry of state.changes.values()) {
    // `failed` too: the write may have landed and only its read-back failed.
    if (entry.status === 'done' || planned.has(entry.changeId)) continue;
    const expected = expectedAfter(entry);
    if (!expected) continue;
    const current = await readImageSettled(ctx.gateways, expected).catch(() => undefined);
    if (current && sameImage(current, expected)) {
      await journal.append({
        type: 'done',
        at: ctx.now().toISOString(),
        changeId: entry.changeId,
        after: current,
      });
    }
  }
}

/** The journal's decisions on top of this invocation's flags (a flag given now adds to them). */
function withDecisions(ctx: AppContext, saved: JournalDecisions | undefined): AppContext {
  if (!saved) return ctx;
  return {
    ...ctx,
    decisions: {
      ...ctx.decisions,
      ...(saved.held ? { held: saved.held } : {}),
      ...(saved.waves ? { waves: saved.waves } : {}),
      ...(saved.includeOrgChanges ? { includeOrgChanges: true } : {}),
      ...(saved.allowRelaxing || ctx.decisions?.allowRelaxing ? { allowRelaxing: true } : {}),
    },
  };
}
