import type { Command } from 'commander';
import { createAppContext } from '../app/create-app-context.js';
import { discover } from '../app/discover.js';
import type { CliContext } from './context.js';
import { createReadHost } from './create-host.js';
import { renderDiscoverTree } from './discover-tree.js';

export function registerDiscoverCommand(program: Command, ctx: CliContext): void {
  program
    .command('discover')
    .description(
      'Walk the organization: OUs, accounts with status, member-role reachability, enabled regions and SCPs at each level. Changes nothing.',
    )
    .addHelpText(
      'after',
      '\nA tree for people on stdout; --json prints the same data as JSON. Progress goes to stderr.\n' +
        'Scope flags (--accounts, --ous, --regions) narrow what is checked.\n' +
        'Exit codes: 0 done, 1 could not run.',
    )
    .action(async (_options: unknown, command: Command) => {
      const globals = ctx.globals(command);
      const loaded = await ctx.loadConfig(command);
      const host = createReadHost(ctx.io);
      const app = createAppContext({ globals, io: ctx.io, loaded, host });
      try {
        const result = await discover(app);
        ctx.io.stdout.write(
          globals.json ? `${JSON.stringify(result, null, 2)}\n` : renderDiscoverTree(result),
        );
      } finally {
        app.gateways.close?.();
      }
    });
}
