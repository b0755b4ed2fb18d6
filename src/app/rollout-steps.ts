/**
 * The real use cases behind the guided rollout's steps: `createPlan` (observe + plan), the
 * rollout waves of the config (`assignWaves`), `runPlan` (executor + journal), the verify sweep
 * and the report writers. The rollout itself only sequences them.
 */

import { relative } from 'node:path';
import { plural } from '../core/model/plural.js';
import { accountsInWaves, assignWaves } from '../core/plan/waves.js';
import { buildVerifyReport } from '../core/verify/compare.js';
import { verifyReportContent } from '../report/render-verify-report.js';
import { resolveReportTargets } from '../report/write-reports.js';
import { createApplyJournal } from './apply.js';
import { desiredFor, desiredRings } from './desired.js';
import { observe } from './observe.js';
import { acquireOrgLock } from './org-lock.js';
import { planFrom } from './plan.js';
import { readinessOf } from './readiness.js';
import { writeReports } from './report-output.js';
import type { ApplyOutcome, RolloutSteps } from './rollout.js';
import { relay } from './rollout-relays.js';
import { runPlan } from './run-plan.js';

export interface RolloutStepsOptions {
  /** Absolute directory for the journal and the reports (config.reports.dir, resolved). */
  reportsDir: string;
  /** A person can answer prompts (between-wave confirmation, if the config asks for it). */
  interactive: boolean;
  yes: boolean;
  /** Where paths are shown relative to (the command's working directory). */
  cwd: string;
  /** How to invoke the tool again in a resume command (default `guardrails`). */
  commandPrefix?: string;
}

export function createRolloutSteps(options: RolloutStepsOptions): RolloutSteps {
  // A path as the user would type it: relative to the working directory when inside it.
  const shown = (path: string) => {
    const rel = relative(options.cwd, path);
    return rel.startsWith('..') ? path : rel;
  };
  return {
    async plan(ctx, hooks) {
      if (!ctx.config.readiness.gate || !ctx.gateways.workloads) {
        const observation = await observe(ctx, { sweepStep: 'plan' });
        const config = (await hooks?.beforePlan?.({ observation })) ?? ctx.config;
        const { plan } = planFrom({ ...ctx, config }, observation);
        ctx.host.notify({ type: 'plan.ready', summary: plan.summary, plan });
        return { plan, observation };
      }
      // One observation for both: the defaults sweep and the workloads read form the Readiness
      // step (before the plan), told as one step to the host.
      const observation = await observe(
        {
          ...ctx,
          host: relay(ctx.host, (event, forward) => {
            if (event.type === 'step.finished' && event.step === 'readiness') return;
            if (event.type === 'step.started' && event.step === 'readiness') {
              forward({ ...event, title: 'Readiness' });
            } else forward(event);
          }),
        },
        { sweepStep: 'readiness' },
      );
      const { report } = await readinessOf(
        {
          ...ctx,
          host: relay(ctx.host, (event, forward) => {
            if (event.type !== 'step.started') forward(event);
          }),
        },
        observation,
      );
      const config = (await hooks?.beforePlan?.({ observation, readiness: report })) ?? ctx.config;
      ctx.host.notify({ type: 'step.started', step: 'plan', title: 'Plan' });
      const { plan } = planFrom({ ...ctx, config }, observation);
      return { plan, observation, readiness: report };
    },

    replan(ctx, observation) {
      return planFrom(ctx, observation).plan;
    },

    waveAccounts(ctx, observation, names) {
      return accountsInWaves(observation.observed.org, ctx.config.rollout.waves, names);
    },

    waves(ctx, plan, observation) {
      const assignment = assignWaves(
        plan.changes,
        ctx.config.rollout.waves,
        observation.observed.org,
      );
      for (const account of assignment.unplaced) {
        ctx.host.notify({
          type: 'log',
          level: 'warn',
          message: `${account.accountName || account.accountId}: ${plural(account.changes, 'change')} in no rollout wave (add a wave with rest: true); not applied.`,
        });
      }
      return assignment.waves;
    },

    async apply(ctx, plan, waves, observation) {
      // Only the chosen waves: the executor re-assigns them to the same waves by the config.
      const chosen = { ...plan, changes: waves.flatMap((w) => w.changes) };
      // One writer per organization: a second rollout or apply is refused while this one writes.
      const releaseLock = await acquireOrgLock({
        reportsDir: options.reportsDir,
        organizationId: plan.organizationId,
        command: 'rollout',
        now: ctx.now,
      });
      try {
        const journal = await createApplyJournal(ctx, chosen, options.reportsDir);
        // The journal as the user would type it (the run reports its absolute path).
        const host = relay(ctx.host, (event, forward) =>
          forward(
            event.type === 'run.finished' && event.journal
              ? { ...event, journal: shown(event.journal) }
              : event,
          ),
        );
        const result = await runPlan({ ...ctx, host }, chosen, observation.observed.org, journal, {
          reportsDir: options.reportsDir,
          interactive: options.interactive,
          yes: options.yes,
          // The resume command shows the journal and the config as the run's own lines do.
          showPath: shown,
          ...(options.commandPrefix ? { commandPrefix: options.commandPrefix } : {}),
        });
        const execution = result.execution;
        const outcome: ApplyOutcome = {
          succeeded: execution?.succeeded ?? 0,
          failed: execution?.failed.length ?? 0,
          skipped: (execution?.skipped ?? 0) + (execution?.notStarted ?? 0),
          stopped: execution?.stopReason !== undefined,
          ...(result.journalPath ? { journal: shown(result.journalPath) } : {}),
          ...(result.resumeCommand ? { resumeCommand: result.resumeCommand } : {}),
        };
        return outcome;
      } finally {
        await releaseLock();
      }
    },

    async verify(ctx) {
      const observation = await observe(ctx);
      return buildVerifyReport({
        observed: observation.observed,
        desired: desiredFor(ctx, observation.observed.org),
        rings: desiredRings(ctx, observation.observed.org),
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
      const targets = resolveReportTargets({
        formats: formats.length ? formats : ['json'],
        outDir: options.reportsDir,
        baseName: `verify-${stamp}`,
      });
      writeReports(targets, (format) => verifyReportContent(input.verify, format), {
        cwd: options.cwd,
        host: ctx.host,
        showPath: shown,
      });
    },
  };
}
