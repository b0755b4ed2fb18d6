/** One entry point for every verify format; pure: (report, format, options) → file content. */
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

export function renderVerifyReport(
  report: VerifyReport,
  format: ReportFormat,
  options: RenderOptions = {},
): string {
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
