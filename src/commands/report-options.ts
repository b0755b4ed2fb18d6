import { type Command, Option } from 'commander';
import { writeReports } from '../app/report-output.js';
import type { ReportFormat } from '../report/formats.js';
import type { ReportTarget } from '../report/write-reports.js';
import type { CliIo } from './context.js';

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
