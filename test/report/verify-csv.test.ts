import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, renderVerifyCsv } from '../../src/report/verify-csv.js';
import { demoVerifyReport, smallVerifyReport } from '../_fixtures/verify-reports.js';

describe('renderVerifyCsv', () => {
  it('writes one row per result under a header', () => {
    // Given the demo scenario
    const report = demoVerifyReport();
    // When it is written as CSV and parsed back
    const rows = parse(renderVerifyCsv(report), { columns: true }) as Record<string, string>[];
    // Then every result is a row, in order, with its values
    expect(rows).toHaveLength(report.results.length);
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
    const logArchive = rows.find(
      (row) => row.account_name === 'log-archive' && row.region === 'eu-west-1',
    );
    expect(logArchive).toMatchObject({
      account_id: '222222222202',
      ou_path: 'Root/Security',
      kind: 'imds',
      status: 'drift',
      finding: 'true',
      drift_fields: 'httpTokens',
      detail: 'httpTokens optional → required',
      observed_httpTokens: 'optional',
      observed_httpPutResponseHopLimit: '2',
    });
    const scp = rows.find((row) => row.account_name === 'web-prod' && row.kind === 'scp');
    expect(scp).toMatchObject({ scp_coverage: 'inherited', scp_via: 'Root/Workloads/Prod' });
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and defuses formulas', () => {
    // Given names that would break naive CSV or run in a spreadsheet
    const report = smallVerifyReport();
    const first = report.results[0]!;
    first.accountName = 'a, "b"\nc';
    first.ouPath = '=HYPERLINK("http://x")';
    const text = renderVerifyCsv(report);
    // Then the raw text quotes the field and doubles the quotes, lines end in CRLF
    expect(text).toContain('"a, ""b""\nc"');
    expect(text.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    // And parsing gives the original name back, and the formula is neutralised
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows[0]?.account_name).toBe('a, "b"\nc');
    expect(rows[0]?.ou_path?.startsWith('=')).toBe(false);
  });
});
