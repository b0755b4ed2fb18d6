/** The report formats `verify` writes, and the file each one gets in a reports directory. */
import { reportFormats } from '../config/schema.js';

export const REPORT_FORMATS = reportFormats;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** File names inside `--out-dir` (or the config's reports.dir). */
export const REPORT_FILE_EXTENSIONS: Record<ReportFormat, string> = {
  table: 'txt',
  json: 'json',
  csv: 'csv',
  junit: 'junit.xml',
  markdown: 'md',
  html: 'html',
};

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}
