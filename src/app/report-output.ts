/**
 * The one report writer of verify, readiness, prove and the guided rollout's report step: `--format`/`--out`/`--out-dir` resolve to
 * targets the same way for each (resolveReportTargets), every destination is checked before the
 * long work, and each rendered report goes to stdout or, atomically, to its file
 * (writeReportFile). Colour only ever reaches a table on stdout.
 */
import { resolve } from 'node:path';
import type { Host } from '../events/host.js';
import type { ReportFormat } from '../report/formats.js';
import {
  type ReportDestination,
  type ReportTarget,
  resolveReportTargets,
} from '../report/write-reports.js';
import {
  assertReportDestination,
  type ChunkedContent,
  writeReportFile,
} from './write-report-file.js';

/** Resolves and checks the destinations (a bad combination or a link fails before any AWS call). */
export function reportTargets(destination: ReportDestination, cwd: string): ReportTarget[] {
  const targets = resolveReportTargets(destination);
  for (const target of targets) {
    if (target.path !== null) assertReportDestination(resolve(cwd, target.path));
  }
  return targets;
}

/** A rendered report: one string, or written piece by piece (a 10,000-account report). */
export type ReportContent = string | ChunkedContent;

export interface WrittenReports {
  /**
   * What goes to stdout, written to `write` when the caller prints it (null when every report
   * went to a file): a streamed report is rendered only then, piece by piece.
   */
  stdout: ChunkedContent | null;
  /** Absolute paths of the files written, in target order. */
  files: string[];
}

/**
 * Renders and writes every target; `render` learns whether its text goes to stdout (colour).
 * Each file is announced to the host as `report.written` (its path as `showPath` shows it).
 */
export function writeReports(
  targets: readonly ReportTarget[],
  render: (format: ReportFormat, toStdout: boolean) => ReportContent,
  options: { cwd: string; host?: Host; showPath?: (path: string) => string },
): WrittenReports {
  const printed: ChunkedContent[] = [];
  const files: string[] = [];
  for (const target of targets) {
    const content = render(target.format, target.path === null);
    if (target.path === null) {
      printed.push(typeof content === 'string' ? (write) => write(content) : content);
      continue;
    }
    const path = resolve(options.cwd, target.path);
    writeReportFile(path, content);
    files.push(path);
    const shown = options.showPath ? options.showPath(path) : path;
    options.host?.notify({ type: 'report.written', format: target.format, path: shown });
  }
  const stdout: ChunkedContent | null =
    printed.length === 0
      ? null
      : (write) => {
          for (const content of printed) content(write);
        };
  return { stdout, files };
}
