import { type Command, InvalidArgumentError, Option } from 'commander';
import { buildPolicies, type PolicyDocument } from '../core/permissions/build-policies.js';
import { COMMANDS, type PermissionCommand } from '../core/permissions/command-actions.js';
import type { CliContext } from './context.js';

interface PermissionsFlags {
  command?: PermissionCommand[];
  role?: 'management' | 'member';
}

function commandList(
  value: string,
  previous: PermissionCommand[] | undefined,
): PermissionCommand[] {
  const names = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(COMMANDS as readonly string[]).includes(name)) {
      throw new InvalidArgumentError(`use ${COMMANDS.join(', ')}`);
    }
  }
  return [...(previous ?? []), ...(names as PermissionCommand[])];
}

const json = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;

export function registerPermissionsCommand(program: Command, ctx: CliContext): void {
  program
    .command('permissions')
    .description(
      'Print the least-privilege IAM policies the management-account caller and the member role need, for every command or the ones named. Calls nothing.',
    )
    .addOption(
      new Option(
        '--command <names>',
        `only these commands (comma-separated or repeated): ${COMMANDS.join(', ')}`,
      ).argParser(commandList),
    )
    .addOption(
      new Option('--role <role>', 'print only this policy document, ready for IAM').choices([
        'management',
        'member',
      ]),
    )
    .addHelpText(
      'after',
      '\nThe member role name comes from the config (organization.memberRoleName).\n' +
        'In the management account the tool uses the caller itself, so the caller policy includes the member actions.\n' +
        'With --json: {memberRoleName, commands: {<command>: {management, member}}, combined: {management, member}}.\n' +
        'Example: guardrails permissions --command verify,prove --role member > member-policy.json',
    )
    .action(async (flags: PermissionsFlags, command: Command) => {
      const globals = ctx.globals(command);
      const { config } = await ctx.loadConfig(command);
      const roleName = config.organization.memberRoleName;
      const commands = flags.command ? [...new Set(flags.command)] : [...COMMANDS];
      const combined = buildPolicies(commands, roleName);
      if (flags.role) {
        ctx.io.stdout.write(json(combined[flags.role]));
        return;
      }
      if (globals.json) {
        ctx.io.stdout.write(
          json({
            schemaVersion: 1,
            memberRoleName: roleName,
            commands: Object.fromEntries(commands.map((c) => [c, buildPolicies([c], roleName)])),
            combined,
          }),
        );
        return;
      }
      const what = commands.length === COMMANDS.length ? 'every command' : commands.join(', ');
      const section = (title: string, doc: PolicyDocument) => `# ${title}\n${json(doc)}`;
      ctx.io.stdout.write(
        `${section(`Management-account caller — ${what}`, combined.management)}\n${section(
          `Member role ${roleName} (every member account) — ${what}`,
          combined.member,
        )}`,
      );
    });
}
