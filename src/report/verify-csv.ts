/** `verify --format csv`: one row per result, RFC 4180 quoting, spreadsheet-safe. */
import { stringify } from 'csv-stringify/sync';
import { IMDS_FIELDS } from '../core/model/types.js';
import type { VerifyReport, VerifyResult } from '../core/verify/types.js';
import { describeResult, isFinding } from './verify-model.js';
import { describeException, ringLabel, ringsByAccount } from './verify-strategy.js';

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

/**
 * Reports with rings get a trailing `ring` column (the account's ring); exceptions get one row
 * each (kind `exception`, status active or expired, finding when expired).
 */
export function renderVerifyCsv(report: VerifyReport): string {
  const parts: string[] = [];
  writeVerifyCsv(report, (chunk) => parts.push(chunk));
  return parts.join('');
}

/** Rows written in batches of this many: every record stands alone, so batches concatenate. */
const BATCH = 1024;

/** The same CSV written batch by batch (a 10,000 × 17 report is never one string). */
export function writeVerifyCsv(report: VerifyReport, write: (chunk: string) => void): void {
  const rings = ringsByAccount(report);
  const withRing = report.rings !== undefined;
  const rowOf = (result: VerifyResult) => {
    const cells = row(result);
    return withRing
      ? [...cells, ringLabel(rings.get(result.accountId)).replace('ring ', '')]
      : cells;
  };
  const exceptions = (report.exceptions ?? []).map((e) => {
    const cells = [
      e.kind === 'account' ? e.target.replace(/^.*\((\d{12})\)$/, '$1') : '',
      '',
      e.kind === 'ou' ? e.target : '',
      'exception',
      '',
      e.status,
      String(e.status === 'expired'),
      '',
      '',
      '',
      describeException(e),
      ...IMDS_FIELDS.map(() => ''),
    ];
    return withRing ? [...cells, ''] : cells;
  });
  const head = withRing ? [...CSV_COLUMNS, 'ring'] : [...CSV_COLUMNS];
  const records = (rows: string[][]) =>
    stringify(rows, {
      record_delimiter: 'windows',
      // A cell starting with = + - @ would run as a formula in a spreadsheet.
      escape_formulas: true,
    });
  write(records([head]));
  for (let i = 0; i < report.results.length; i += BATCH) {
    write(records(report.results.slice(i, i + BATCH).map(rowOf)));
  }
  if (exceptions.length > 0) write(records(exceptions));
}
