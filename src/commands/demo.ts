import type { Command } from 'commander';
import type { CliContext } from './context.js';

export function registerDemoCommand(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description(
      'Start a sandbox AWS organization in-process and run the guided rollout against it (no AWS account needed).',
    )
    .action(async () => {
      ctx.io.stderr.write(
        'guardrails demo: the sandbox and the guided rollout are being built; nothing to run yet.\n',
      );
    });
}
