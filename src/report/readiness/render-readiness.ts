/** One entry point for every readiness format; pure: (report, format, options) → file content. */
import type { ReadinessReport } from '../../core/readiness/types.js';
import type { ReportFormat } from '../formats.js';
import { renderReadinessCsv } from './readiness-csv.js';
import { renderReadinessHtml } from './readiness-html.js';
import { renderReadinessJson } from './readiness-json.js';
import { renderReadinessJunit } from './readiness-junit.js';
import { renderReadinessMarkdown } from './readiness-markdown.js';
import { renderReadinessTable } from './readiness-table.js';

export function renderReadiness(
  report: ReadinessReport,
  format: ReportFormat,
  options: { color?: boolean; width?: number } = {},
): string {
  switch (format) {
    case 'table':
      return renderReadinessTable(report, options);
    case 'json':
      return renderReadinessJson(report);
    case 'csv':
      return renderReadinessCsv(report);
    case 'junit':
      return renderReadinessJunit(report);
    case 'markdown':
      return renderReadinessMarkdown(report);
    case 'html':
      return renderReadinessHtml(report);
  }
}
