/** `verify --format json`: the report as the core built it, plus its findings (schemas.ts). */
import type { VerifyReport } from '../core/verify/types.js';
import { findingsOf } from './verify-model.js';

export function renderVerifyJson(report: VerifyReport): string {
  return `${JSON.stringify({ ...report, findings: findingsOf(report) }, null, 2)}\n`;
}
