/**
 * Decides where each requested report goes (`--out file`, `--out-dir dir`, or stdout) and renders
 * it. Returns {path, content} pairs; the caller (src/app) writes the files. Colour is only ever
 * applied to a table printed on stdout, never to a file.
 */
import { join } from 'node:path';
import type { VerifyReport } from '../core/verify/types.js';
import { UsageError } from '../errors.js';
import {
  isReportFormat,
  REPORT_FILE_EXTENSIONS,
  REPORT_FORMATS,
  type ReportFormat,
} from './formats.js';
import { type RenderOptions, renderVerifyReport } from './render-verify-report.js';

export interface ReportDestination {
  /** Formats asked for (`--format`, repeatable). Empty: inferred from `--out`, else `table`. */
  formats: readonly ReportFormat[];
  /** One file (`--out`): takes exactly one format. */
  out?: string | undefined;
  /** A directory (`--out-dir`): one file per format, named `<baseName>.<ext>`. */
  outDir?: string | undefined;
  /** Default `verify-report`. */
  baseName?: string;
}

export interface ReportTarget {
  format: ReportFormat;
  /** null = stdout. */
  path: string | null;
}

export interface ReportFile extends ReportTarget {
  content: string;
}

const EXTENSION_FORMATS: Array<[string, ReportFormat]> = [
  ['.junit.xml', 'junit'],
  ['.xml', 'junit'],
  ['.json', 'json'],
  ['.csv', 'csv'],
  ['.md', 'markdown'],
  ['.markdown', 'markdown'],
  ['.html', 'html'],
  ['.htm', 'html'],
  ['.txt', 'table'],
];

/** The format a file name implies (`report.html` → html), if any. */
export function formatFromPath(path: string): ReportFormat | undefined {
  const lower = path.toLowerCase();
  return EXTENSION_FORMATS.find(([extension]) => lower.endsWith(extension))?.[1];
}

/** The file name a format gets in a reports directory: `verify-report.html`, … */
export function reportFileName(format: ReportFormat, baseName = 'verify-report'): string {
  return `${baseName}.${REPORT_FILE_EXTENSIONS[format]}`;
}

export function resolveReportTargets(destination: ReportDestination): ReportTarget[] {
  const { out, outDir } = destination;
  const formats = [...new Set(destination.formats)];
  for (const format of formats) {
    if (!isReportFormat(format)) {
      throw new UsageError(`Unknown report format "${String(format)}".`, {
        hint: `Use one of: ${REPORT_FORMATS.join(', ')}.`,
      });
    }
  }
  if (out !== undefined && outDir !== undefined) {
    throw new UsageError('--out and --out-dir cannot be used together.', {
      hint: '--out writes one file; --out-dir writes one file per format.',
    });
  }
  if (outDir !== undefined) {
    const list: ReportFormat[] = formats.length === 0 ? ['table'] : formats;
    return list.map((format) => ({
      format,
      path: join(outDir, reportFileName(format, destination.baseName)),
    }));
  }
  if (formats.length > 1) {
    throw new UsageError(`${formats.length} formats (${formats.join(', ')}) need --out-dir.`, {
      hint: '--out and stdout take one format; --out-dir <dir> writes one file per format.',
    });
  }
  if (out === undefined) return [{ format: formats[0] ?? 'table', path: null }];
  const format = formats[0] ?? formatFromPath(out);
  if (format === undefined) {
    throw new UsageError(`Cannot tell the report format from the file name "${out}".`, {
      hint: `Pass --format (${REPORT_FORMATS.join(', ')}) or use a known extension (.html, .json, .csv, .xml, .md, .txt).`,
    });
  }
  return [{ format, path: out }];
}

/** Renders every requested verify report; colour only for a table going to stdout. */
export function buildVerifyReportFiles(
  report: VerifyReport,
  destination: ReportDestination,
  options: RenderOptions = {},
): ReportFile[] {
  return resolveReportTargets(destination).map((target) => ({
    ...target,
    content: renderVerifyReport(report, target.format, {
      ...options,
      color: target.path === null && options.color === true,
    }),
  }));
}
