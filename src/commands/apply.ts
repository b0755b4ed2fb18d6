import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type ApplyResult, apply } from '../app/apply.js';
import { unreadTargets } from '../app/run-plan.js';
import { labelOf } from '../core/plan/change-kinds.js';
import { ExitCode, NonInteractiveError, UsageError } from '../errors.js';
import type { CliContext } from './context.js';
import { createWriteContext, shownPath } from './write-context.js';

interface ApplyFlags {
  resume?: string;
  remediate?: boolean;
}

export function registerApplyCommand(program: Command, ctx: CliContext): void {
  program
    .command('apply')
    .argument(
      '[plan]',
      'a plan saved with `guardrails plan --out`; applied exactly, refused if stale',
    )
    .option('--resume <journal>', 'continue an interrupted or partial apply from its journal')
    .option(
      '--remediate',
      'without a plan file: plan and apply the workload remediation (see `plan --remediate`)',
    )
    .description(
      'Apply the changes: deploy and attach the SCP and set the instance metadata defaults, wave by wave, with a journal.',
    )
    .addHelpText(
      'after',
      `
Without a plan file it plans first and asks for confirmation (--yes skips the question; without
a terminal --yes is required). With a plan file it re-reads the organization and refuses the plan
if any target changed since, naming them. Changes that loosen a protection (relaxing: the plan
names the field) need their own approval: a separate question in a terminal, else
--allow-relaxing (--yes alone refuses them, saved plans too).

Every write is journaled before it is sent (guardrails-reports/journal-<time>.jsonl), read back
after it, and retried with backoff on throttling. Rollout follows rollout.waves in the config;
between waves it asks in a terminal and stops when a wave fails more than
rollout.maxFailureRatio of its changes. Ctrl-C lets running calls finish and prints the resume
command.

Examples:
  guardrails apply                         # plan, confirm, apply
  guardrails plan --out plan.json && guardrails apply plan.json
  guardrails apply --yes                   # CI
  guardrails apply --resume guardrails-reports/journal-2026-11-26T10-30-00-000Z.jsonl --yes

Exit codes: 0 converged (or nothing to do), 3 partial (some targets failed: they are listed with
the resume command), 130 interrupted, 1 error.`,
    )
    .action(async (planFile: string | undefined, flags: ApplyFlags, command: Command) => {
      const globals = ctx.globals(command);
      if (planFile && flags.resume) {
        throw new UsageError('Pass either a plan file or --resume <journal>, not both.');
      }
      if (!planFile && !flags.resume && !globals.yes && !ctx.mode(command).interactive) {
        throw new NonInteractiveError('Applying changes', '--yes (or a reviewed plan file)');
      }
      const write = await createWriteContext(ctx, command, { title: 'guardrails apply' });
      let result: ApplyResult;
      try {
        result = await apply(write.app, {
          ...write.run,
          ...(planFile ? { planFile: resolve(ctx.io.cwd, planFile) } : {}),
          ...(flags.resume ? { resumeJournal: resolve(ctx.io.cwd, flags.resume) } : {}),
          ...(flags.remediate ? { remediate: true } : {}),
        });
      } finally {
        await write.close();
      }
      // With --json the NDJSON events (run.finished) are the result.
      if (!globals.json)
        ctx.io.stdout.write(renderApplyResult(result, (p) => shownPath(ctx.io.cwd, p)));
      ctx.exitCode = exitCodeOf(result);
    });
}

export function exitCodeOf(result: ApplyResult): number {
  if (result.status === 'partial') return ExitCode.partial;
  if (result.status === 'aborted') return ExitCode.aborted;
  return ExitCode.ok;
}

export function renderApplyResult(
  result: ApplyResult,
  show: (path: string) => string = (p) => p,
): string {
  if (result.status === 'no-changes') {
    return 'No changes. The organization already matches the configuration.\n';
  }
  const unread = unreadTargets(result.plan);
  const unreadLines = unread.length
    ? [
        '',
        'Not read (their defaults could not be read; run apply again to include them):',
        ...unread.map(
          (t) => `  ✖ ${t.accountName} (${t.accountId}) ${t.region ?? '*'}  ${t.message}`,
        ),
      ]
    : [];
  const ex = result.execution;
  if (!ex)
    return `Apply incomplete: nothing to change in the targets that could be read.${unreadLines.join('\n')}\n`;
  const lines: string[] = [];
  const notRun = ex.skipped + ex.notStarted;
  const counts = `${ex.succeeded} changed, ${ex.failed.length} failed${notRun ? `, ${notRun} not run` : ''}`;
  if (result.status === 'converged') lines.push(`Apply complete: ${counts}.`);
  else if (result.status === 'aborted') lines.push(`Apply interrupted: ${counts}.`);
  else lines.push(`Apply incomplete: ${counts}.`);
  if (ex.stopReason === 'failure-ratio') {
    lines.push(`The rollout stopped before wave "${ex.stoppedAtWave}": too many failures.`);
  } else if (ex.stopReason === 'declined') {
    lines.push(`The rollout stopped before wave "${ex.stoppedAtWave}" (declined).`);
  }
  if (ex.failed.length > 0) {
    lines.push('', 'Failed:');
    for (const f of ex.failed) lines.push(`  ✖ ${labelOf(f.change)}  ${f.code}: ${f.message}`);
  }
  lines.push(...unreadLines);
  if (result.journalPath) lines.push('', `Journal: ${show(result.journalPath)}`);
  if (result.resumeCommand) lines.push(`Resume with: ${result.resumeCommand}`);
  return `${lines.join('\n')}\n`;
}
