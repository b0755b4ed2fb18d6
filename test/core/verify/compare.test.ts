import { describe, expect, it } from 'vitest';
import { buildDesiredState } from '../../../src/core/desired/build-desired-state.js';
import { buildVerifyReport } from '../../../src/core/verify/compare.js';
import type { ImdsResult, ScpResult, VerifyReport } from '../../../src/core/verify/types.js';
import { findingsOf } from '../../../src/report/verify-model.js';
import { demoConfig, demoObserved, TEMPLATES } from '../_fixtures/demo.js';

const meta = {
  toolVersion: '0.1.0',
  generatedAt: '2026-01-01T00:00:00.000Z',
  scopeRegions: 'enabled' as const,
};

function report(config = demoConfig(), observed = demoObserved()): VerifyReport {
  const desired = buildDesiredState(config, TEMPLATES, observed.org);
  return buildVerifyReport({ observed, desired, meta });
}

const scp = (r: VerifyReport, name: string) =>
  r.results.find((x): x is ScpResult => x.kind === 'scp' && x.accountName === name);
const imds = (r: VerifyReport, name: string, region: string) =>
  r.results.find(
    (x): x is ImdsResult => x.kind === 'imds' && x.accountName === name && x.region === region,
  );
const statusesOf = (r: VerifyReport, name: string) =>
  r.results
    .filter((x): x is ImdsResult => x.kind === 'imds' && x.accountName === name)
    .reduce<Record<string, number>>((acc, x) => {
      acc[x.status] = (acc[x.status] ?? 0) + 1;
      return acc;
    }, {});

describe('buildVerifyReport on the demo world', () => {
  const r = report();

  it('counts every target', () => {
    expect(r.counts).toMatchInlineSnapshot(`
      {
        "compliant": 56,
        "drift": 127,
        "error": 0,
        "managed-by-declarative-policy": 17,
        "suspended": 2,
        "total": 203,
        "unreachable": 1,
      }
    `);
    expect(r.scope).toEqual({ accounts: 13, regions: 'enabled' });
    expect(r.desired).toEqual({
      imds: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
      scpName: 'DenyIMDSv1',
      stage: 2,
      strategy: 'scp-and-defaults',
    });
  });

  it('reports exactly the seeded IMDS drift, field by field', () => {
    expect(statusesOf(r, 'security-audit')).toEqual({ compliant: 17 });
    expect(statusesOf(r, 'log-archive')).toEqual({ compliant: 16, drift: 1 });
    expect(imds(r, 'log-archive', 'eu-west-1')).toMatchObject({
      status: 'drift',
      diffs: [{ field: 'httpTokens', expected: 'required', actual: 'optional' }],
      detail: 'HttpTokens is optional (want required)',
    });
    expect(imds(r, 'network', 'us-east-1')?.detail).toBe('HttpPutResponseHopLimit is 1 (want 2)');
    expect(statusesOf(r, 'shared-services')).toEqual({ compliant: 2, drift: 15 });
    expect(statusesOf(r, 'web-prod')).toEqual({ compliant: 17, drift: 1 });
    expect(imds(r, 'web-prod', 'eu-south-1')?.detail).toBe(
      'HttpTokens is not set (want required); HttpPutResponseHopLimit is not set (want 2)',
    );
    expect(statusesOf(r, 'management')).toEqual({ drift: 17 });
    expect(statusesOf(r, 'payments-dev')).toEqual({ drift: 17 });
  });

  it('reports declarative-policy targets without fighting them', () => {
    expect(imds(r, 'data-platform', 'us-east-1')).toMatchObject({
      status: 'managed-by-declarative-policy',
      declarativeCompliant: true,
      managedBy: 'declarative-policy',
    });
  });

  it('reports a denied account as unreachable (a finding) and a suspended one as information', () => {
    expect(imds(r, 'sandbox-bob', '*')).toMatchObject({
      status: 'unreachable',
      detail: expect.stringMatching(/^role-denied: /),
    });
    // A suspended account cannot be changed: its SCP and regions are information, not findings
    expect(imds(r, 'legacy-closed', '*')).toMatchObject({
      status: 'suspended',
      detail: 'the account is SUSPENDED: nothing can be changed or launched there',
    });
    expect(scp(r, 'legacy-closed')).toMatchObject({ status: 'suspended', coverage: 'missing' });
    expect(findingsOf(r).filter((f) => f.accountName === 'legacy-closed')).toEqual([]);
  });

  it('reports SCP coverage per account', () => {
    expect(scp(r, 'payments-prod')).toMatchObject({
      status: 'compliant',
      coverage: 'inherited',
      via: 'Root/Workloads/Prod',
    });
    expect(scp(r, 'web-dev')).toMatchObject({ status: 'drift', coverage: 'missing' });
    expect(scp(r, 'management')).toMatchObject({
      status: 'compliant',
      coverage: 'management-account',
      detail: 'SCPs never apply to the management account; its IMDS defaults are checked directly',
    });
  });

  it('sorts by OU path, account, SCP before IMDS, then region', () => {
    const keys = r.results.map((x) =>
      [x.ouPath, x.accountName, x.kind === 'scp' ? '' : x.region].join('\u0000'),
    );
    expect(keys.slice(0, 3)).toEqual([
      'Root\u0000management\u0000',
      'Root\u0000management\u0000ap-northeast-1',
      'Root\u0000management\u0000ap-northeast-2',
    ]);
    expect(keys).toEqual([...keys].sort());
  });
});

describe('buildVerifyReport SCP coverage', () => {
  it('reports direct coverage and content that differs from the template', () => {
    // Given the policy attached to an account directly, with an older content
    const observed = demoObserved();
    const policy = observed.policies[0]!;
    policy.targets.push('222222222209');
    const config = demoConfig({ scp: { companions: { maxHopLimit: { enabled: true } } } });
    const r = report(config, observed);
    // Then both the direct and inherited accounts are flagged for their content
    expect(scp(r, 'sandbox-alice')).toMatchObject({
      status: 'drift',
      coverage: 'content-differs',
      via: 'sandbox-alice (222222222209)',
    });
    expect(scp(r, 'web-prod')).toMatchObject({
      coverage: 'content-differs',
      via: 'Root/Workloads/Prod',
    });
    // And with matching content the direct attachment is compliant
    expect(scp(report(demoConfig(), observed), 'sandbox-alice')).toMatchObject({
      status: 'compliant',
      coverage: 'direct',
    });
  });

  it('compares content canonically (whitespace and key order do not matter)', () => {
    const observed = demoObserved();
    const policy = observed.policies[0]!;
    policy.content = JSON.stringify(JSON.parse(policy.content), null, 2).replace(
      '"Effect": "Deny",',
      '',
    );
    policy.content = policy.content.replace(
      '"Sid": "DenyIMDSv1",',
      '"Sid": "DenyIMDSv1", "Effect": "Deny",',
    );
    expect(scp(report(demoConfig(), observed), 'web-prod')).toMatchObject({ status: 'compliant' });
  });

  it('has no SCP results when the SCP is disabled, and no management IMDS when excluded', () => {
    const r = report(
      demoConfig({ scp: { enabled: false }, organization: { includeManagementAccount: false } }),
    );
    expect(r.results.some((x) => x.kind === 'scp')).toBe(false);
    expect(r.results.some((x) => x.accountName === 'management')).toBe(false);
    expect(r.desired.scpName).toBeNull();
  });

  it('turns region errors and unreachable regions into findings', () => {
    const observed = demoObserved();
    const alice = observed.accounts.find((a) => a.accountId === '222222222209')!;
    alice.regions = [
      { region: 'us-east-1', status: 'error', code: 'Throttling', message: 'Rate exceeded' },
      {
        region: 'eu-south-1',
        status: 'unreachable',
        reason: 'region-disabled',
        message: 'not enabled',
      },
    ];
    const r = report(demoConfig(), observed);
    expect(imds(r, 'sandbox-alice', 'us-east-1')).toMatchObject({
      status: 'error',
      detail: 'Throttling: Rate exceeded',
    });
    expect(imds(r, 'sandbox-alice', 'eu-south-1')).toMatchObject({
      status: 'unreachable',
      detail: 'region-disabled: not enabled',
    });
  });
});

describe('buildVerifyReport SCP coverage outside scp.attachTo', () => {
  it('reports an account no configured target covers as missing but not as a finding', () => {
    // Given the SCP configured for Root/Workloads only, and attached there
    const observed = demoObserved();
    observed.policies[0]?.targets.push('ou-gr01-workloads');
    const r = report(demoConfig({ scp: { attachTo: ['Root/Workloads'] } }), observed);
    // Then Workloads accounts are covered and the others are uncovered by choice
    expect(scp(r, 'web-dev')).toMatchObject({
      status: 'compliant',
      coverage: 'inherited',
      via: 'Root/Workloads',
    });
    expect(scp(r, 'network')).toMatchObject({
      status: 'compliant',
      coverage: 'missing',
      detail:
        'DenyIMDSv1 does not cover this account: scp.attachTo names neither it nor an OU above it',
    });
  });
});
