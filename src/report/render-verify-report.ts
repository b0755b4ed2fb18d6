/** One entry point for every verify format; pure: (report, format, options) → file content. */

import { sanitizeOutput } from '../core/text/sanitize-text.js';
import type { VerifyReport } from '../core/verify/types.js';
import type { ReportFormat } from './formats.js';
import { renderVerifyCsv } from './verify-csv.js';
import { renderVerifyHtml } from './verify-html.js';
import { renderVerifyJson } from './verify-json.js';
import { renderVerifyJunit } from './verify-junit.js';
import { renderVerifyMarkdown } from './verify-markdown.js';
import { renderVerifyTable } from './verify-table.js';

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
