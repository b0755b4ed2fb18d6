/** One entry point for every verify format; pure: (report, format, options) → file content. */

import { prettyJsonChunks } from '../core/model/json-chunks.js';
import { sanitizeOutput } from '../core/text/sanitize-text.js';
import type { VerifyReport } from '../core/verify/types.js';
import type { ReportFormat } from './formats.js';
import { renderVerifyCsv, writeVerifyCsv } from './verify-csv.js';
import { renderVerifyHtml } from './verify-html.js';
import { renderVerifyJson } from './verify-json.js';
import { renderVerifyJunit, writeVerifyJunit } from './verify-junit.js';
import { renderVerifyMarkdown } from './verify-markdown.js';
import { findingsOf } from './verify-model.js';
import { renderVerifyTable, verifyTableChunks } from './verify-table.js';

export interface RenderOptions {
  /** ANSI colours (table only). */
  color?: boolean;
  /** Terminal width for wrapping (table only). */
  width?: number;
}

/** Every format passes through sanitizeOutput once: names from the organization are shown, never obeyed. */
export function renderVerifyReport(
  report: VerifyReport,
  format: ReportFormat,
  options: RenderOptions = {},
): string {
  const keepColors = format === 'table' && options.color === true;
  return sanitizeOutput(renderFormat(report, format, options), { keepColors });
}

/** Content written piece by piece (the writer decides where: a file, stdout). */
export type ChunkedContent = (write: (chunk: string) => void) => void;

/**
 * The same bytes as renderVerifyReport, written piece by piece: at 10,000 accounts × 17 regions
 * a report is tens of MB (the JSON ~150 MB), which as one string — twice, once sanitized — was
 * the peak of verify's memory. Table, JSON and CSV stream; the other formats are one piece.
 * Every piece ends where a line or a JSON value does, so sanitizing piece by piece changes
 * exactly what sanitizing the whole would (no CR/LF pair or escape sequence is ever split).
 */
export function verifyReportContent(
  report: VerifyReport,
  format: ReportFormat,
  options: RenderOptions = {},
): ChunkedContent {
  const keepColors = format === 'table' && options.color === true;
  return (write) => {
    const sanitized = (chunk: string) => write(sanitizeOutput(chunk, { keepColors }));
    switch (format) {
      case 'table':
        for (const chunk of verifyTableChunks(report, options)) sanitized(chunk);
        return;
      case 'json':
        prettyJsonChunks({ ...report, findings: findingsOf(report) }, sanitized);
        sanitized('\n');
        return;
      case 'csv':
        writeVerifyCsv(report, sanitized);
        return;
      case 'junit':
        writeVerifyJunit(report, sanitized);
        return;
      default:
        sanitized(renderFormat(report, format, options));
    }
  };
}

function renderFormat(report: VerifyReport, format: ReportFormat, options: RenderOptions): string {
  switch (format) {
    case 'table':
      return renderVerifyTable(report, options);
    case 'json':
      return renderVerifyJson(report);
    case 'csv':
      return renderVerifyCsv(report);
    case 'junit':
      return renderVerifyJunit(report);
    case 'markdown':
      return renderVerifyMarkdown(report);
    case 'html':
      return renderVerifyHtml(report);
  }
}
