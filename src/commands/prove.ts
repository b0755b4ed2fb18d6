import { type Command, Option } from 'commander';
import { prove } from '../app/prove.js';
import { proveExitCode } from '../core/prove/build-prove-report.js';
import { renderProve } from '../report/prove/render-prove.js';
import type { CliContext } from './context.js';
import { addReportOutputOptions, type ReportFlags, runReportCommand } from './report-options.js';

interface ProveFlags extends ReportFlags {
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
    .action((flags: ProveFlags, command: Command) =>
      runReportCommand(ctx, command, flags, 'prove-report', async (app) => {
        const report = await prove(app, {
          ...(flags.imageId !== undefined ? { imageId: flags.imageId } : {}),
          ...(flags.instanceType !== undefined ? { instanceType: flags.instanceType } : {}),
        });
        return {
          render: (format, options) => renderProve(report, format, options),
          exitCode: proveExitCode(report),
        };
      }),
    );
}
