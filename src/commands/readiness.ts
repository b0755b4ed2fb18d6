import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { createAppContext } from '../app/create-app-context.js';
import { readiness } from '../app/readiness.js';
import { readinessExitCode } from '../core/readiness/build-readiness.js';
import { UsageError } from '../errors.js';
import { renderReadinessJson } from '../report/readiness/readiness-json.js';
import { renderReadinessTable } from '../report/readiness/readiness-table.js';
import type { CliContext } from './context.js';
import { ReadHost } from './read-host.js';

interface ReadinessFlags {
  format?: string;
  out?: string;
  lookbackDays?: number;
}

const FORMATS = ['table', 'json'] as const;

function days(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('a whole number of days (1–63)');
  return n;
}

export function registerReadinessCommand(program: Command, ctx: CliContext): void {
  program
    .command('readiness')
    .description(
      'Before enforcing IMDSv2: find who still calls IMDSv1 (CloudWatch MetadataNoToken per instance), instances and container hosts at risk, launch templates and Auto Scaling groups that keep producing IMDSv1 instances. Verdict per account: ready, at-risk or unknown. Changes nothing.',
    )
    .addOption(new Option('-f, --format <format>', 'table or json').choices([...FORMATS]))
    .addOption(new Option('-o, --out <file>', 'write the report to this file instead of stdout'))
    .addOption(
      new Option(
        '--lookback-days <days>',
        'how far back to count IMDSv1 calls (default: readiness.lookbackDays, 14)',
      ).argParser(days),
    )
    .addHelpText(
      'after',
      '\nResults go to stdout (or --out); progress goes to stderr.\n' +
        'Exit codes: 0 every account ready, 2 an account at risk or unknown, 1 could not run.\n' +
        'Example: guardrails readiness --lookback-days 30 --format json --out readiness.json',
    )
    .action(async (flags: ReadinessFlags, command: Command) => {
      const globals = ctx.globals(command);
      const mode = ctx.mode(command);
      const loaded = await ctx.loadConfig(command);
      const format = flags.format ?? (globals.json ? 'json' : 'table');
      if (!(FORMATS as readonly string[]).includes(format)) {
        throw new UsageError(`Unknown format ${format}: use table or json.`);
      }
      const host = new ReadHost({ stderr: ctx.io.stderr });
      const app = createAppContext({ globals, io: ctx.io, loaded, host });
      try {
        const { report } = await readiness(app, {
          ...(flags.lookbackDays !== undefined ? { lookbackDays: flags.lookbackDays } : {}),
          ...(globals.allowAtRisk ? { allowAtRisk: globals.allowAtRisk } : {}),
        });
        const text =
          format === 'json'
            ? renderReadinessJson(report)
            : renderReadinessTable(report, {
                color: mode.color && flags.out === undefined,
                ...(ctx.io.stdout.columns ? { width: ctx.io.stdout.columns } : {}),
              });
        if (flags.out !== undefined) {
          const path = resolve(ctx.io.cwd, flags.out);
          writeFileSync(path, text);
          ctx.io.stderr.write(`Wrote ${path}\n`);
        } else ctx.io.stdout.write(text);
        ctx.exitCode = readinessExitCode(report);
      } finally {
        app.gateways.close?.();
      }
    });
}
