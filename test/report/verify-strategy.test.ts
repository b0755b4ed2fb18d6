import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../src/core/verify/types.js';
import { REPORT_FORMATS } from '../../src/report/formats.js';
import { renderVerifyReport } from '../../src/report/render-verify-report.js';
import { verifyReportJsonSchema } from '../../src/report/schemas.js';
import { findingCount } from '../../src/report/verify-strategy.js';
import { smallVerifyReport } from '../_fixtures/verify-reports.js';

/** The small report with a ring per account, an excepted target and two exceptions. */
function withStrategy(): VerifyReport {
  const report = smallVerifyReport();
  const first = report.results.find((r) => r.kind === 'imds');
  if (!first) throw new Error('fixture has no imds result');
  const excepted = {
    ...first,
    region: 'ap-south-1',
    status: 'excepted' as const,
    diffs: [],
    detail: 'exception owned by alice@example.com until 2999-12-31: batch jobs',
  };
  delete (excepted as { observed?: unknown }).observed;
  const accounts = [...new Map(report.results.map((r) => [r.accountId, r])).values()];
  return {
    ...report,
    desired: { ...report.desired, stage: 3, strategy: 'scp-and-defaults' },
    results: [...report.results, excepted],
    counts: { ...report.counts, excepted: 1, total: report.counts.total + 1 },
    rings: accounts.map((r, i) => ({
      accountId: r.accountId,
      accountName: r.accountName,
      ouPath: r.ouPath,
      ring: i === 0 ? 3 : null,
      ...(i === 0 ? {} : { detail: 'role-denied: AccessDenied' }),
    })),
    exceptions: [
      {
        kind: 'account',
        target: `${first.accountName} (${first.accountId})`,
        owner: 'alice@example.com',
        reason: 'batch jobs',
        expires: '2999-12-31',
        status: 'active',
      },
      {
        kind: 'ou',
        target: 'Root/Sandbox',
        owner: 'bob@example.com',
        reason: 'old trial',
        expires: '2020-01-31',
        status: 'expired',
      },
    ],
  };
}

describe('rings and exceptions in every verify format', () => {
  const report = withStrategy();

  it.each(REPORT_FORMATS)(
    '%s shows the rings, the excepted target and the expired exception',
    (format) => {
      const text = renderVerifyReport(report, format);
      expect(text).toContain('bob@example.com');
      expect(text).toContain('2020-01-31');
      expect(text).toMatch(/excepted/);
      if (format !== 'json') expect(text).toMatch(/ring 3|"ring":3|,3\r?\n|"3"/);
    },
  );

  it('counts an expired exception as a finding', () => {
    expect(findingCount(report)).toBe(findingCount(smallVerifyReport()) + 1);
  });

  it('json still validates against the published schema', () => {
    const parsed = verifyReportJsonSchema.safeParse(JSON.parse(renderVerifyReport(report, 'json')));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('junit fails the expired exception and skips the excepted target', () => {
    const xml = renderVerifyReport(report, 'junit');
    expect(xml).toMatch(/<testsuite name="exceptions" tests="2" failures="1"/);
    expect(xml).toMatch(/type="expired-exception"/);
    expect(xml).toMatch(
      /ap-south-1 instance metadata defaults"[\s\S]*?<skipped message="excepted: /,
    );
  });

  it('reports without rings or exceptions render exactly as before', () => {
    const csv = renderVerifyReport(smallVerifyReport(), 'csv');
    expect(csv.split('\r\n')[0]).not.toContain('ring');
  });
});
