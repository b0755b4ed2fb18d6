import { describe, expect, it } from 'vitest';
import { buildProveReport } from '../../src/core/prove/build-prove-report.js';
import type { ProveReport } from '../../src/core/prove/types.js';
import { proveReportSchema } from '../../src/report/prove/prove-schema.js';
import { renderProve } from '../../src/report/prove/render-prove.js';

const deny = {
  outcome: 'denied' as const,
  explicitDeny: true,
  message: 'You are not authorized to perform this operation.',
};

function report(): ProveReport {
  const base = { accountName: 'web-dev', ouPath: 'Root/Dev', detail: 'd' };
  return buildProveReport({
    toolVersion: '1.0.0',
    generatedAt: '2026-11-26T00:00:00.000Z',
    organizationId: 'o-guardrails01',
    managementAccountId: '111111111111',
    caller: { accountId: '111111111111', arn: 'arn:aws:iam::111111111111:user/x' },
    results: [
      ...['eu-west-1', 'us-east-1', 'us-west-2', 'eu-north-1'].map((region) => ({
        ...base,
        accountId: '222222222208',
        region,
        status: 'proven' as const,
        optional: deny,
        required: { outcome: 'allowed' as const },
      })),
      {
        ...base,
        accountId: '222222222209',
        accountName: 'alice',
        region: 'us-east-1',
        status: 'blocked' as const,
        optional: deny,
        required: deny,
        detail: 'refused | too',
      },
      {
        accountId: '111111111111',
        accountName: 'management',
        ouPath: 'Root',
        region: 'us-east-1',
        status: 'management-account' as const,
        detail: 'SCPs never apply',
      },
      {
        accountId: '222222222210',
        accountName: 'bob',
        ouPath: 'Root/Sandbox',
        region: '*',
        status: 'unreachable' as const,
        detail: 'AccessDenied',
      },
    ],
  });
}

describe('prove reports', () => {
  it('json is the report, valid against the documented schema', () => {
    const text = renderProve(report(), 'json');
    expect(proveReportSchema.parse(JSON.parse(text))).toEqual(report());
  });

  it('table folds the regions of an account that share an outcome and ends with the counts', () => {
    const text = renderProve(report(), 'table', { color: false });
    expect(text).toMatch(/web-dev \(222222222208\)\s+Root\/Dev\s+4 regions\s+proven/);
    expect(text).toMatch(/management \(111111111111\)\s+Root\s+us-east-1\s+management-account/);
    expect(text).toContain(
      '7 account × region targets: 4 proven, 0 not enforced, 1 blocked, 1 unreachable',
    );
  });

  it('csv has one row per account × region', () => {
    const lines = renderProve(report(), 'csv').trim().split('\r\n');
    expect(lines).toHaveLength(8);
    expect(lines).toContain(
      '222222222209,alice,Root/Dev,us-east-1,blocked,true,denied,denied,refused | too',
    );
  });

  it('junit fails blocked targets and skips the management account and unreachable accounts', () => {
    const xml = renderProve(report(), 'junit');
    expect(xml).toContain('<failure message="blocked: refused | too" type="blocked">');
    expect(xml).toContain('<skipped message="management-account: SCPs never apply"/>');
    expect(xml).toContain('<skipped message="unreachable: AccessDenied"/>');
    expect(xml).toMatch(/name="web-dev \(222222222208\)" tests="4" failures="0"/);
  });

  it('markdown escapes pipes in cells', () => {
    const md = renderProve(report(), 'markdown');
    expect(md).toContain(
      '| alice (222222222209) | Root/Dev | us-east-1 | blocked | refused \\| too |',
    );
  });
});
