import { describe, expect, it } from 'vitest';
import { renderVerifyHtml } from '../../src/report/verify-html.js';
import { demoVerifyReport, smallVerifyReport } from '../_fixtures/verify-reports.js';

describe('renderVerifyHtml', () => {
  it('is one self-contained file: no external scripts, styles, images or fonts', () => {
    const html = renderVerifyHtml(demoVerifyReport());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<link\b|<img\b|\bsrc=|@import|url\(|https?:\/\//i);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('has one heat map cell per result, titled with its details', () => {
    const report = demoVerifyReport();
    const html = renderVerifyHtml(report);
    expect(html.match(/class="cell /g)).toHaveLength(report.results.length);
    expect(html).toContain(
      'title="log-archive (222222222202) · eu-west-1 · drift\nhttpTokens optional → required"',
    );
  });

  it('escapes every interpolated value', () => {
    // Given names and details carrying markup and quotes
    const report = smallVerifyReport();
    const evil = `"><script>alert('x')</script><b a='`;
    for (const result of report.results) {
      result.accountName = evil;
      result.ouPath = `Root/${evil}`;
      result.detail = evil;
    }
    report.organizationId = evil;
    report.caller.arn = evil;
    const html = renderVerifyHtml(report);
    // Then only the report's own script tag is present, and no attribute is broken out of
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toContain("<b a='");
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
  });

  it('says so when there are no findings', () => {
    const report = smallVerifyReport();
    report.results = report.results.filter((r) => r.status === 'compliant');
    report.counts = { ...report.counts, drift: 0, unreachable: 0, error: 0, total: 6 };
    const html = renderVerifyHtml(report);
    expect(html).toContain('No findings: every target is compliant.');
  });
});
