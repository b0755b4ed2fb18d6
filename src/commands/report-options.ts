import { type Command, Option } from 'commander';
import type { AppContext } from '../app/context.js';
import { createAppContext } from '../app/create-app-context.js';
import { reportTargets, writeReports } from '../app/report-output.js';
import type { ReportFormat } from '../report/formats.js';
import type { ReportTarget } from '../report/write-reports.js';
import type { CliContext, CliIo } from './context.js';
import { createReadHost } from './create-host.js';

/** Commander arg parser for list flags: comma-separated, repeatable, blanks dropped. */
export function parseList(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

/** `--format`, `--out` and `--out-dir`, the same for every command that writes reports. */
export function addReportOutputOptions(command: Command, formats: string): Command {
  return command
    .addOption(
      new Option(
        '-f, --format <formats>',
        `${formats} (comma-separated or repeated; several need --out-dir)`,
      ).argParser(parseList),
    )
    .addOption(
      new Option(
        '-o, --out <file>',
        'write the report to this file (format from --format or the extension)',
      ),
    )
    .addOption(new Option('--out-dir <dir>', 'write one file per format into this directory'));
}

/** Options every report renderer takes: colour (a table on a colour terminal) and width. */
export interface ReportRenderOptions {
  color: boolean;
  width?: number;
}

/**
 * Writes a command's reports (src/app/report-output.ts) and says so: the stdout report on stdout,
 * `Wrote <path>` on stderr per file. Colour only for what goes to a colour terminal's stdout.
 */
export function printReports(
  io: CliIo,
  color: boolean,
  targets: readonly ReportTarget[],
  render: (format: ReportFormat, options: ReportRenderOptions) => string,
): void {
  const written = writeReports(
    targets,
    (format, toStdout) =>
      render(format, {
        color: color && toStdout,
        ...(io.stdout.columns ? { width: io.stdout.columns } : {}),
      }),
    { cwd: io.cwd },
  );
  written.stdout?.((chunk) => io.stdout.write(chunk));
  for (const file of written.files) io.stderr.write(`Wrote ${file}\n`);
}

/** What a reading command produced: how to render it in each format, and its exit code. */
export interface ReportOutcome {
  render: (format: ReportFormat, options: ReportRenderOptions) => string;
  exitCode: number;
}

/**
 * The action of a command that reads the organization and reports (`prove`, `readiness`): bad
 * formats and `--out`/`--out-dir` mistakes fail before any AWS call, progress goes to stderr
 * through the read host, the reports through `printReports`, and the clients are closed however
 * it ends. `--json` alone means `--format json`, as for every other reading command.
 */
export async function runReportCommand(
  ctx: CliContext,
  command: Command,
  flags: ReportFlags,
  baseName: string,
  produce: (app: AppContext) => Promise<ReportOutcome>,
): Promise<void> {
  const globals = ctx.globals(command);
  const mode = ctx.mode(command);
  const loaded = await ctx.loadConfig(command);
  const formats = (flags.format ?? (globals.json ? ['json'] : [])) as ReportFormat[];
  const targets = reportTargets(
    { formats, out: flags.out, outDir: flags.outDir, baseName },
    ctx.io.cwd,
  );
  const app = createAppContext({ globals, io: ctx.io, loaded, host: createReadHost(ctx.io) });
  try {
    const outcome = await produce(app);
    printReports(ctx.io, mode.color, targets, outcome.render);
    ctx.exitCode = outcome.exitCode;
  } finally {
    app.gateways.close?.();
  }
}

/** The report flags `addReportOutputOptions` adds. */
export interface ReportFlags {
  format?: string[];
  out?: string;
  outDir?: string;
}
