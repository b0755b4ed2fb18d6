import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type RollbackResult, rollback } from '../app/rollback.js';
import { ROLLBACK_CHECKLIST } from '../app/rollback-view.js';
import { labelOf } from '../core/plan/change-kinds.js';
import { ExitCode, NonInteractiveError } from '../errors.js';
import type { CliContext } from './context.js';
import { createWriteContext, shownPath } from './write-context.js';

interface RollbackFlags {
  journal: string;
}

export function registerRollbackCommand(program: Command, ctx: CliContext): void {
  program
    .command('rollback')
    .requiredOption('--journal <file>', 'the apply journal to undo (printed by apply)')
    .description(
      'Undo what an apply journal recorded: restore the previous defaults, detach and delete or restore the SCP.',
    )
    .addHelpText(
      'after',
      `
Newest change first, each target is re-read before it is restored: one that changed since the
apply (someone else touched it) is left alone and reported. Defaults that were unset before go
back to "no preference"; an SCP the run created is detached and deleted, one it updated gets
its previous content back. FullAWSAccess is never detached. The rollback writes its own journal.

Examples:
  guardrails rollback --journal guardrails-reports/journal-2026-11-26T10-30-00-000Z.jsonl
  guardrails rollback --journal <file> --yes      # without a terminal

Exit codes: 0 restored (or nothing to restore), 3 partial (targets left alone or failed), 1 error.`,
    )
    .action(async (flags: RollbackFlags, command: Command) => {
      if (!ctx.globals(command).yes && !ctx.mode(command).interactive) {
        throw new NonInteractiveError('Rolling back', '--yes');
      }
      const write = await createWriteContext(ctx, command, {
        title: 'guardrails rollback',
        checklist: ROLLBACK_CHECKLIST,
      });
      let result: RollbackResult;
      try {
        result = await rollback(write.app, {
          ...write.run,
          journalPath: resolve(ctx.io.cwd, flags.journal),
        });
      } finally {
        await write.close();
      }
      if (!ctx.globals(command).json)
        ctx.io.stdout.write(renderRollbackResult(result, (p) => shownPath(ctx.io.cwd, p)));
      ctx.exitCode =
        result.status === 'partial'
          ? ExitCode.partial
          : result.status === 'aborted'
            ? ExitCode.aborted
            : ExitCode.ok;
    });
}

export function renderRollbackResult(
  result: RollbackResult,
  show: (path: string) => string = (p) => p,
): string {
  const lines: string[] = [];
  const ex = result.execution;
  if (result.inverse.length === 0 && result.leftAlone.length === 0) {
    lines.push('Nothing to roll back: every target is already as it was before the run.');
  } else if (ex) {
    lines.push(
      `Rollback ${result.status === 'restored' ? 'complete' : 'incomplete'}: ${ex.succeeded} restored, ${ex.failed.length} failed, ${result.leftAlone.length} left alone.`,
    );
    for (const f of ex.failed) lines.push(`  ✖ ${labelOf(f.change)}  ${f.code}: ${f.message}`);
  } else {
    lines.push(`Rollback: nothing restored, ${result.leftAlone.length} left alone.`);
  }
  if (result.leftAlone.length > 0) {
    lines.push('', 'Left alone (changed since the apply):');
    for (const item of result.leftAlone) lines.push(`  ! ${item.label}: ${item.reason}`);
  }
  if (result.journalPath) lines.push('', `Journal: ${show(result.journalPath)}`);
  return `${lines.join('\n')}\n`;
}
