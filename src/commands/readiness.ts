import { type Command, InvalidArgumentError, Option } from 'commander';
import { createAppContext } from '../app/create-app-context.js';
import { readiness } from '../app/readiness.js';
import { reportTargets } from '../app/report-output.js';
import { readinessExitCode } from '../core/readiness/build-readiness.js';
import type { ReportFormat } from '../report/formats.js';
import { renderReadiness } from '../report/readiness/render-readiness.js';
import type { CliContext } from './context.js';
import { createReadHost } from './create-host.js';
import { addReportOutputOptions, printReports } from './report-options.js';

interface ReadinessFlags {
  format?: string[];
  out?: string;
  outDir?: string;
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
    .action(async (flags: ReadinessFlags, command: Command) => {
      const globals = ctx.globals(command);
      const mode = ctx.mode(command);
      const loaded = await ctx.loadConfig(command);
      const formats = (flags.format ?? (globals.json ? ['json'] : [])) as ReportFormat[];
      // Bad formats and --out/--out-dir mistakes fail before any AWS call.
      const targets = reportTargets(
        { formats, out: flags.out, outDir: flags.outDir, baseName: 'readiness-report' },
        ctx.io.cwd,
      );
      const host = createReadHost(ctx.io);
      const app = createAppContext({ globals, io: ctx.io, loaded, host });
      try {
        const { report } = await readiness(app, {
          ...(flags.lookbackDays !== undefined ? { lookbackDays: flags.lookbackDays } : {}),
          ...(globals.allowAtRisk ? { allowAtRisk: globals.allowAtRisk } : {}),
        });
        printReports(ctx.io, mode.color, targets, (format, options) =>
          renderReadiness(report, format, options),
        );
        ctx.exitCode = readinessExitCode(report);
      } finally {
        app.gateways.close?.();
      }
    });
}
