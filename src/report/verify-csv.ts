/** `verify --format csv`: one row per result, RFC 4180 quoting, spreadsheet-safe. */
import { stringify } from 'csv-stringify/sync';
import { IMDS_FIELDS } from '../core/model/types.js';
import type { VerifyReport, VerifyResult } from '../core/verify/types.js';
import { describeResult, isFinding } from './verify-model.js';

export const CSV_COLUMNS = [
  'account_id',
  'account_name',
  'ou_path',
  'kind',
  'region',
  'status',
  'finding',
  'scp_coverage',
  'scp_via',
  'drift_fields',
  'detail',
  ...IMDS_FIELDS.map((field) => `observed_${field}`),
] as const;

function row(result: VerifyResult): string[] {
  const imds = result.kind === 'imds' ? result : undefined;
  const scp = result.kind === 'scp' ? result : undefined;
  return [
    result.accountId,
    result.accountName,
    result.ouPath,
    result.kind,
    imds?.region ?? '',
    result.status,
    String(isFinding(result)),
    scp?.coverage ?? '',
    scp?.via ?? '',
    (imds?.diffs ?? []).map((diff) => diff.field).join(' '),
    describeResult(result),
    ...IMDS_FIELDS.map((field) => {
      const value = imds?.observed?.[field];
      return value === undefined ? '' : String(value);
    }),
  ];
}

export function renderVerifyCsv(report: VerifyReport): string {
  return stringify([[...CSV_COLUMNS], ...report.results.map(row)], {
    record_delimiter: 'windows',
    // A cell starting with = + - @ would run as a formula in a spreadsheet.
    escape_formulas: true,
  });
}
