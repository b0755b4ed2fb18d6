import { describe, expect, it } from 'vitest';
import {
  buildProveReport,
  UNCONFIRMED_ENFORCEMENT_ORDER,
} from '../../src/core/prove/build-prove-report.js';
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
      '7 account × region targets: 4 proven, 0 not enforced, 1 blocked, 0 inconclusive, 1 unreachable',
    );
  });

  it('csv has one row per account × region', () => {
    const lines = renderProve(report(), 'csv').trim().split('\r\n');
    expect(lines).toHaveLength(8);
    expect(lines).toContain(
      '222222222209,alice,Root/Dev,us-east-1,blocked,true,denied,denied,,refused | too,',
    );
  });

  it('junit fails blocked targets, errors unreachable accounts and skips the management account', () => {
    const xml = renderProve(report(), 'junit');
    expect(xml).toContain('<failure message="blocked: refused | too" type="blocked">');
    expect(xml).toContain('<skipped message="management-account: SCPs never apply"/>');
    expect(xml).toContain(
      '<error message="unreachable: AccessDenied" type="unreachable">AccessDenied</error>',
    );
    expect(xml).not.toContain('<skipped message="unreachable');
    expect(xml).toContain('name="us-east-1: a dry-run IMDSv1 launch is refused"');
    expect(xml).toMatch(/name="web-dev \(222222222208\)" tests="4" failures="0"/);
  });

  it('markdown escapes pipes in cells', () => {
    const md = renderProve(report(), 'markdown');
    expect(md).toContain(
      '| alice (222222222209) | Root/Dev | us-east-1 | blocked | refused \\| too |',
    );
  });

  it('every format says which subnet the dry runs used and marks a result resting on unconfirmed AWS behaviour', () => {
    const unconfirmed = UNCONFIRMED_ENFORCEMENT_ORDER;
    const marked = buildProveReport({
      ...report(),
      results: [
        {
          accountId: '222222222201',
          accountName: 'audit',
          ouPath: 'Root/Security',
          region: 'us-east-1',
          status: 'proven',
          optional: { outcome: 'refused', code: 'UnsupportedOperation', message: 'enforced' },
          required: { outcome: 'allowed' },
          subnet: { subnetId: 'subnet-0a1', vpcId: 'vpc-0a1', availabilityZone: 'us-east-1a' },
          detail: 'IMDSv1 launch refused by EC2',
          unconfirmed,
        },
        {
          accountId: '222222222201',
          accountName: 'audit',
          ouPath: 'Root/Security',
          region: 'sa-east-1',
          status: 'inconclusive',
          detail: 'inconclusive: no subnet',
        },
      ],
    });
    const table = renderProve(marked, 'table', { width: 400 });
    expect(table).toContain('dry runs in subnet-0a1 (vpc-0a1, us-east-1a)');
    expect(table).toContain(`[unconfirmed: ${unconfirmed}]`);
    expect(table).toContain('1 inconclusive');
    expect(table).toContain('1 of them rest on AWS behaviour that is unconfirmed');
    const md = renderProve(marked, 'markdown');
    expect(md).toContain(`[unconfirmed: ${unconfirmed}]`);
    expect(md).toContain('subnet-0a1');
    const csv = renderProve(marked, 'csv');
    expect(csv).toContain(`subnet-0a1,IMDSv1 launch refused by EC2,${unconfirmed}`);
    const junit = renderProve(marked, 'junit');
    expect(junit).toContain(`<system-out>unconfirmed: ${unconfirmed}</system-out>`);
    expect(junit).toContain('<failure message="inconclusive: inconclusive: no subnet"');
    const json = JSON.parse(renderProve(marked, 'json'));
    expect(proveReportSchema.parse(json).results[1]).toMatchObject({ unconfirmed });
  });
});
