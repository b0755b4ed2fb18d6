import { describe, expect, it } from 'vitest';
import { buildProveReport } from '../../src/core/prove/build-prove-report.js';
import { renderProve } from '../../src/report/prove/render-prove.js';

const report = buildProveReport({
  toolVersion: '1.0.0',
  generatedAt: '2026-11-26T00:00:00.000Z',
  organizationId: 'o-guardrails01',
  managementAccountId: '111111111111',
  caller: { accountId: '111111111111', arn: 'arn:aws:iam::111111111111:user/x' },
  results: [
    {
      accountId: '222222222208',
      accountName: '<script>web-dev',
      ouPath: 'Root/Dev',
      region: 'us-east-1',
      status: 'proven',
      optional: { outcome: 'denied', explicitDeny: true, message: 'no' },
      required: { outcome: 'allowed' },
      detail: 'IMDSv1 refused',
    },
    {
      accountId: '222222222209',
      accountName: 'alice',
      ouPath: 'Root/Dev',
      region: 'us-east-1',
      status: 'not-enforced',
      optional: { outcome: 'allowed' },
      required: { outcome: 'allowed' },
      detail: 'an IMDSv1 launch would succeed',
    },
  ],
});

describe('prove --format html', () => {
  it('is one self-contained page: a row per target with its status, names escaped, the verdict failing on a finding', () => {
    const html = renderProve(report, 'html');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain('&lt;script&gt;web-dev (222222222208)');
    expect(html).toContain('data-status="proven"');
    expect(html).toContain('data-status="not-enforced"');
    expect(html).toContain('<div class="verdict fail">');
  });
});
