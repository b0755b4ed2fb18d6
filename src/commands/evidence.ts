import { resolve } from 'node:path';
import type { Command } from 'commander';
import { checkEvidenceBundle } from '../app/evidence.js';
import { ExitCode } from '../errors.js';
import type { CliContext } from './context.js';

interface CheckFlags {
  head?: string;
}

export function registerEvidenceCommand(program: Command, ctx: CliContext): void {
  const evidence = program
    .command('evidence')
    .description('Work with evidence bundles written by `verify --evidence <dir>`.');
  evidence
    .command('check')
    .argument('<dir>', 'the evidence bundle directory')
    .description(
      'Validate an evidence bundle: every file against its SHA-256 and size, and the hash chain of manifest.json. Names the first file or record that fails.',
    )
    .option(
      '--head <sha256>',
      'the chain head printed when the bundle was written (detects a bundle rewritten as a whole)',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 intact, 2 tampered (a file or the manifest changed, a file added or removed), 1 no such directory.\n' +
        'With --json: {ok, dir, files, head} or {ok: false, dir, problem: {kind, index, path, message}}.\n' +
        'Example: guardrails evidence check evidence/2026-11-26 --head 3f5c…',
    )
    .action(async (dir: string, flags: CheckFlags, command: Command) => {
      const globals = ctx.globals(command);
      const result = checkEvidenceBundle(resolve(ctx.io.cwd, dir), flags.head);
      if (globals.json) {
        ctx.io.stdout.write(`${JSON.stringify({ ...result, dir }, null, 2)}\n`);
      } else if (result.ok) {
        ctx.io.stdout.write(`Evidence intact: ${result.files} files, chain head ${result.head}\n`);
      } else {
        const { problem } = result;
        const where =
          problem.index !== undefined
            ? ` (record ${problem.index}${problem.path ? `, ${problem.path}` : ''})`
            : '';
        ctx.io.stdout.write(`Evidence TAMPERED: ${problem.kind}${where}: ${problem.message}\n`);
      }
      ctx.exitCode = result.ok ? ExitCode.ok : ExitCode.changesOrFindings;
    });
}
