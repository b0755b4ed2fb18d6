/** Report writers: pure (data, options) → string. Callers decide where the text goes. */
export {
  isReportFormat,
  REPORT_FILE_EXTENSIONS,
  REPORT_FORMATS,
  type ReportFormat,
} from './formats.js';
export { parsePlanJson, renderPlanJson } from './plan-json.js';
export { type PlanTextOptions, renderPlanText } from './plan-text.js';
export { type RenderOptions, renderVerifyReport } from './render-verify-report.js';
export { planSchema, verifyReportJsonSchema, verifyReportSchema } from './schemas.js';
export { findingsOf, isFinding } from './verify-model.js';
export {
  buildVerifyReportFiles,
  formatFromPath,
  type ReportDestination,
  type ReportFile,
  type ReportTarget,
  reportFileName,
  resolveReportTargets,
} from './write-reports.js';
