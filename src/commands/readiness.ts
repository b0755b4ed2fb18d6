import { type Command, InvalidArgumentError, Option } from 'commander';
import { readiness } from '../app/readiness.js';
import { readinessExitCode } from '../core/readiness/build-readiness.js';
import { renderReadiness } from '../report/readiness/render-readiness.js';
import type { CliContext } from './context.js';
import { addReportOutputOptions, type ReportFlags, runReportCommand } from './report-options.js';

interface ReadinessFlags extends ReportFlags {
  lookbackDays?: number;
}

function days(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('a whole number of days (1–90)');
  return n;
}

export function registerReadinessCommand(program: Command, ctx: CliContext): void {
  addReportOutputOptions(
    program
      .command('readiness')
      .description(
        'Before enforcing IMDSv2: find who still calls IMDSv1 (CloudWatch MetadataNoToken per instance), instances and container hosts at risk, launch templates and Auto Scaling groups that keep producing IMDSv1 instances, and who the DenyIMDSv1 SCP would refuse (CloudTrail RunInstances records judged against the SCP as the plan would leave it). Verdict per account: ready, at-risk or unknown. Changes nothing.',
      ),
    'table, json, csv, junit, markdown or html',
  )
    .addOption(
      new Option(
        '--lookback-days <days>',
        'how far back to read launches (CloudTrail, up to 90) and IMDSv1 calls (CloudWatch, at most the last 63) (default: readiness.lookbackDays, 14)',
      ).argParser(days),
    )
    .addHelpText(
      'after',
      '\nResults go to stdout (or --out); progress goes to stderr.\n' +
        'Exit codes: 0 every account ready, 2 an account at risk or unknown or a launch the SCP would refuse, 1 could not run.\n' +
        'Example: guardrails readiness --lookback-days 30 --format junit,html,json --out-dir reports/',
    )
    .action((flags: ReadinessFlags, command: Command) =>
      runReportCommand(ctx, command, flags, 'readiness-report', async (app) => {
        const { allowAtRisk } = ctx.globals(command);
        const { report } = await readiness(app, {
          ...(flags.lookbackDays !== undefined ? { lookbackDays: flags.lookbackDays } : {}),
          ...(allowAtRisk ? { allowAtRisk } : {}),
        });
        return {
          render: (format, options) => renderReadiness(report, format, options),
          exitCode: readinessExitCode(report),
        };
      }),
    );
}
