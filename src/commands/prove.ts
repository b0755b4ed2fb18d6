import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { createAppContext } from '../app/create-app-context.js';
import { prove } from '../app/prove.js';
import { assertReportDestination, writeReportFile } from '../app/write-report-file.js';
import { proveExitCode } from '../core/prove/build-prove-report.js';
import { UsageError } from '../errors.js';
import { PROVE_FORMATS, type ProveFormat, renderProve } from '../report/prove/render-prove.js';
import type { CliContext } from './context.js';
import { ReadHost } from './read-host.js';

interface ProveFlags {
  format?: string;
  out?: string;
  imageId?: string;
  instanceType?: string;
}

export function registerProveCommand(program: Command, ctx: CliContext): void {
  program
    .command('prove')
    .description(
      'Prove the SCP works: in every in-scope account × enabled region, dry-run two launches through the member role — HttpTokens=optional must be refused, HttpTokens=required must pass. Launches nothing (DryRun).',
    )
    .addOption(
      new Option('-f, --format <format>', 'table, json, csv, junit or markdown').choices([
        ...PROVE_FORMATS,
      ]),
    )
    .addOption(new Option('-o, --out <file>', 'write the report to this file instead of stdout'))
    .addOption(
      new Option(
        '--image-id <ami>',
        'AMI of the dry runs (default: the latest Amazon Linux 2023 through resolve:ssm:, valid in every region)',
      ),
    )
    .addOption(
      new Option('--instance-type <type>', 'instance type of the dry runs (default t3.micro)'),
    )
    .addHelpText(
      'after',
      '\nStatuses: proven (IMDSv1 refused, IMDSv2 allowed), not-enforced (an IMDSv1 launch would succeed),\n' +
        'blocked (IMDSv2 refused too), inconclusive (no subnet where there is no default VPC, or another\n' +
        'kind of policy denied first), unreachable, error, management-account (SCPs never apply there).\n' +
        'Where a region has no default VPC the dry runs name one of its subnets; a result resting on\n' +
        'unconfirmed AWS behaviour is marked "unconfirmed" in every format.\n' +
        'Results go to stdout (or --out); progress goes to stderr.\n' +
        'Exit codes: 0 every covered target proven, 2 findings (not-enforced, blocked, inconclusive, unreachable, error), 1 could not run.\n' +
        'Example: guardrails prove --format junit --out prove.xml',
    )
    .action(async (flags: ProveFlags, command: Command) => {
      const globals = ctx.globals(command);
      const mode = ctx.mode(command);
      const loaded = await ctx.loadConfig(command);
      const format = (flags.format ?? (globals.json ? 'json' : 'table')) as ProveFormat;
      if (!PROVE_FORMATS.includes(format)) {
        throw new UsageError(`Unknown format ${format}: use ${PROVE_FORMATS.join(', ')}.`);
      }
      if (flags.out !== undefined) assertReportDestination(resolve(ctx.io.cwd, flags.out));
      const host = new ReadHost({ stderr: ctx.io.stderr });
      const app = createAppContext({ globals, io: ctx.io, loaded, host });
      try {
        const report = await prove(app, {
          ...(flags.imageId !== undefined ? { imageId: flags.imageId } : {}),
          ...(flags.instanceType !== undefined ? { instanceType: flags.instanceType } : {}),
        });
        const text = renderProve(report, format, {
          color: mode.color && flags.out === undefined,
          ...(ctx.io.stdout.columns ? { width: ctx.io.stdout.columns } : {}),
        });
        if (flags.out !== undefined) {
          const path = resolve(ctx.io.cwd, flags.out);
          writeReportFile(path, text);
          ctx.io.stderr.write(`Wrote ${path}\n`);
        } else ctx.io.stdout.write(text);
        ctx.exitCode = proveExitCode(report);
      } finally {
        app.gateways.close?.();
      }
    });
}
