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
import { assertReportDestination, writeReportFile } from './write-report-file.js';

/** Resolves and checks the destinations (a bad combination or a link fails before any AWS call). */
export function reportTargets(destination: ReportDestination, cwd: string): ReportTarget[] {
  const targets = resolveReportTargets(destination);
  for (const target of targets) {
    if (target.path !== null) assertReportDestination(resolve(cwd, target.path));
  }
  return targets;
}

export interface WrittenReports {
  /** What goes to stdout (null when every report went to a file). */
  stdout: string | null;
  /** Absolute paths of the files written, in target order. */
  files: string[];
}

/**
 * Renders and writes every target; `render` learns whether its text goes to stdout (colour).
 * Each file is announced to the host as `report.written` (its path as `showPath` shows it).
 */
export function writeReports(
  targets: readonly ReportTarget[],
  render: (format: ReportFormat, toStdout: boolean) => string,
  options: { cwd: string; host?: Host; showPath?: (path: string) => string },
): WrittenReports {
  let stdout: string | null = null;
  const files: string[] = [];
  for (const target of targets) {
    const content = render(target.format, target.path === null);
    if (target.path === null) {
      stdout = (stdout ?? '') + content;
      continue;
    }
    const path = resolve(options.cwd, target.path);
    writeReportFile(path, content);
    files.push(path);
    const shown = options.showPath ? options.showPath(path) : path;
    options.host?.notify({ type: 'report.written', format: target.format, path: shown });
  }
  return { stdout, files };
}
