import { type Command, Option } from 'commander';
import { createAppContext } from '../app/create-app-context.js';
import { prove } from '../app/prove.js';
import { reportTargets } from '../app/report-output.js';
import { proveExitCode } from '../core/prove/build-prove-report.js';
import type { ReportFormat } from '../report/formats.js';
import { renderProve } from '../report/prove/render-prove.js';
import type { CliContext } from './context.js';
import { createReadHost } from './create-host.js';
import { addReportOutputOptions, printReports } from './report-options.js';

interface ProveFlags {
  format?: string[];
  out?: string;
  outDir?: string;
  imageId?: string;
  instanceType?: string;
}

export function registerProveCommand(program: Command, ctx: CliContext): void {
  addReportOutputOptions(
    program
      .command('prove')
      .description(
        'Prove the SCP works: in every in-scope account × enabled region, dry-run two launches through the member role — HttpTokens=optional must be refused, HttpTokens=required must pass. Launches nothing (DryRun).',
      ),
    'table, json, csv, junit, markdown or html',
  )
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
        'Example: guardrails prove --format junit,html --out-dir reports/',
    )
    .action(async (flags: ProveFlags, command: Command) => {
      const globals = ctx.globals(command);
      const mode = ctx.mode(command);
      const loaded = await ctx.loadConfig(command);
      const formats = (flags.format ?? (globals.json ? ['json'] : [])) as ReportFormat[];
      // Bad formats and --out/--out-dir mistakes fail before any dry run.
      const targets = reportTargets(
        { formats, out: flags.out, outDir: flags.outDir, baseName: 'prove-report' },
        ctx.io.cwd,
      );
      const host = createReadHost(ctx.io);
      const app = createAppContext({ globals, io: ctx.io, loaded, host });
      try {
        const report = await prove(app, {
          ...(flags.imageId !== undefined ? { imageId: flags.imageId } : {}),
          ...(flags.instanceType !== undefined ? { instanceType: flags.instanceType } : {}),
        });
        printReports(ctx.io, mode.color, targets, (format, options) =>
          renderProve(report, format, options),
        );
        ctx.exitCode = proveExitCode(report);
      } finally {
        app.gateways.close?.();
      }
    });
}
