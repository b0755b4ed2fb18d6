import type { ReadinessReport } from '../../core/readiness/types.js';

/** The readiness report as stable, pretty JSON (schemaVersion 1), for CI and other tools. */
export function renderReadinessJson(report: ReadinessReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
