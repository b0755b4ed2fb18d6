/** One entry point for every readiness format; pure: (report, format, options) → file content. */
import type { ReadinessReport } from '../../core/readiness/types.js';
import { sanitizeOutput } from '../../core/text/sanitize-text.js';
import type { ReportFormat } from '../formats.js';
import { renderReadinessCsv } from './readiness-csv.js';
import { renderReadinessHtml } from './readiness-html.js';
import { renderReadinessJson } from './readiness-json.js';
import { renderReadinessJunit } from './readiness-junit.js';
import { renderReadinessMarkdown } from './readiness-markdown.js';
import { renderReadinessTable } from './readiness-table.js';

/** Every format passes through sanitizeOutput once: names from the organization are shown, never obeyed. */
export function renderReadiness(
  report: ReadinessReport,
  format: ReportFormat,
  options: { color?: boolean; width?: number } = {},
): string {
  const keepColors = format === 'table' && options.color === true;
  return sanitizeOutput(renderFormat(report, format, options), { keepColors });
}

function renderFormat(
  report: ReadinessReport,
  format: ReportFormat,
  options: { color?: boolean; width?: number },
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
