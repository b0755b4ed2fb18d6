/**
 * The real use cases behind the guided rollout's steps: the shared read path (observe), the
 * pure core (desired state, plan, verify comparison), the executor and its journal.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { loadTemplates } from '../config/load-templates.js';
import { buildDesiredState } from '../core/desired/build-desired-state.js';
import { isUnderPath } from '../core/desired/org-lookup.js';
import type { DesiredState } from '../core/desired/types.js';
import { buildPlan } from '../core/plan/build-plan.js';
import type { Change } from '../core/plan/types.js';
import { buildVerifyReport } from '../core/verify/compare.js';
import { executeWaves } from '../execute/executor.js';
import { JournalWriter } from '../execute/journal-store.js';
import { abortableSleep, DEFAULT_RETRY_POLICY } from '../execute/retry.js';
import { canonicalJson } from '../observe/observed-state.js';
import { buildVerifyReportFiles } from '../report/write-reports.js';
import type { AppContext } from './context.js';
import { type Observation, observe } from './observe.js';
import type { ApplyOutcome, RolloutSteps, RolloutWave } from './rollout.js';

function desiredOf(ctx: AppContext, observation: Observation): DesiredState {
  return buildDesiredState(ctx.config, loadTemplates(), observation.observed.org);
}

function configHash(ctx: AppContext): string {
  return `sha256:${createHash('sha256').update(canonicalJson(ctx.config)).digest('hex')}`;
}

/** A path as the user should type it: relative to the working directory when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

export const rolloutSteps: RolloutSteps = {
  observe: (ctx) => observe(ctx),

  async plan(ctx, observation) {
    return buildPlan({
      observed: observation.observed,
      desired: desiredOf(ctx, observation),
      meta: {
        toolVersion: ctx.toolVersion,
        createdAt: ctx.now().toISOString(),
        configHash: configHash(ctx),
        observedHash: observation.observedHash,
      },
    });
  },

  waves(ctx, plan, observation) {
    return splitWaves(plan.changes, ctx.config.rollout.waves, observation);
  },

  async apply(ctx, plan, waves) {
    const dir = ctx.config.reports.dir;
    const journal = await JournalWriter.create(
      dir,
      {
        type: 'header',
        version: 1,
        command: 'apply',
        startedAt: ctx.now().toISOString(),
        toolVersion: ctx.toolVersion,
        planHash: `sha256:${createHash('sha256').update(canonicalJson(plan)).digest('hex')}`,
        configHash: plan.configHash,
        observedHash: plan.observedHash,
        caller: { accountId: plan.caller.accountId, arn: plan.caller.arn },
        organizationId: plan.organizationId,
        managementAccountId: plan.managementAccountId,
        ...(ctx.configFile ? { configFile: ctx.configFile } : {}),
        overrides: ctx.overrides,
      },
      ctx.now(),
    );
    let result: Awaited<ReturnType<typeof executeWaves>>;
    try {
      result = await executeWaves({
        waves,
        gateways: ctx.gateways,
        host: ctx.host,
        journal,
        signal: ctx.signal,
        limits: {
          global: ctx.concurrency,
          perAccount: ctx.config.rollout.perAccountConcurrency,
          organizations: 1,
        },
        retry: DEFAULT_RETRY_POLICY,
        maxFailureRatio: ctx.config.rollout.maxFailureRatio,
        confirmBetweenWaves: false,
        sleep: abortableSleep,
        random: Math.random,
        now: ctx.now,
      });
    } finally {
      await journal.close();
    }
    const path = shown(journal.path);
    const stopped = result.stopReason !== undefined;
    const outcome: ApplyOutcome = {
      succeeded: result.succeeded,
      failed: result.failed.length,
      skipped: result.skipped,
      stopped,
      journal: path,
      ...(stopped || result.failed.length > 0
        ? { resumeCommand: `guardrails apply --resume ${path}` }
        : {}),
    };
    ctx.host.notify({
      type: 'run.finished',
      succeeded: outcome.succeeded,
      failed: outcome.failed,
      skipped: outcome.skipped,
      durationMs: result.durationMs,
      journal: path,
      ...(outcome.resumeCommand ? { resumeCommand: outcome.resumeCommand } : {}),
    });
    return outcome;
  },

  async verify(ctx) {
    const observation = await observe(ctx);
    return buildVerifyReport({
      observed: observation.observed,
      desired: desiredOf(ctx, observation),
      meta: {
        toolVersion: ctx.toolVersion,
        generatedAt: ctx.now().toISOString(),
        scopeRegions: observation.scope.regions,
      },
    });
  },

  async report(ctx, input) {
    // Every configured format as a file in the reports directory (never stdout: the UI owns it).
    const stamp = input.verify.generatedAt.replace(/[:.]/g, '-');
    const formats = ctx.config.reports.formats.filter((f) => f !== 'table');
    const files = buildVerifyReportFiles(input.verify, {
      formats: formats.length ? formats : ['json'],
      outDir: ctx.config.reports.dir,
      baseName: `verify-${stamp}`,
    });
    await mkdir(ctx.config.reports.dir, { recursive: true });
    for (const file of files) {
      if (file.path === null) continue;
      await writeFile(file.path, file.content);
      ctx.host.notify({ type: 'report.written', format: file.format, path: shown(file.path) });
    }
  },
};

/** Changes per configured wave: accounts by id, then OU subtree, then the `rest` wave. */
export function splitWaves(
  changes: readonly Change[],
  waves: AppContext['config']['rollout']['waves'],
  observation: Observation,
): RolloutWave[] {
  const accounts = new Map(observation.observed.org.accounts.map((a) => [a.id, a]));
  const out: RolloutWave[] = waves.map((w) => ({ name: w.name, changes: [] }));
  const rest = waves.findIndex((w) => w.rest);
  const last = waves.length - 1;
  for (const change of changes) {
    let index = change.kind === 'imds.set' ? -1 : last;
    if (change.kind === 'imds.set') {
      const account = accounts.get(change.accountId);
      index = waves.findIndex(
        (w) =>
          w.accounts.includes(change.accountId) ||
          (account !== undefined && w.ous.some((ou) => isUnderPath(account, ou))),
      );
      if (index < 0) index = rest;
    }
    if (index >= 0) out[index]?.changes.push(change);
  }
  return out;
}
