import type { Command } from 'commander';
import type { CliContext } from './context.js';

export function registerConfigCommand(program: Command, ctx: CliContext): void {
  program
    .command('config')
    .description(
      'Print the resolved configuration (defaults filled in) as JSON and the file it came from.',
    )
    .addHelpText(
      'after',
      '\nThe config is read from --config, or guardrails.config.{ts,mts,js,mjs,json} in the working directory.\nWith no config file the defaults are printed.',
    )
    .action(async (_options: unknown, command: Command) => {
      const { config, file } = await ctx.loadConfig(command);
      ctx.io.stderr.write(`Config: ${file ?? '(no config file found: defaults)'}\n`);
      ctx.io.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
    });
}
