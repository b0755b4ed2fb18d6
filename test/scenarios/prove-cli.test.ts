import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ENABLED_REGIONS } from '../../src/core/model/regions.js';
import type { ProveReport, ProveResult } from '../../src/core/prove/types.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { DEMO } from './_demo-drift.js';

const open: SandboxHandle[] = [];
afterEach(async () => {
  for (const sb of open.splice(0)) await sb.close();
});

async function sandbox(): Promise<SandboxHandle> {
  const sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0, seed: 1 });
  open.push(sb);
  return sb;
}

async function proveJson(
  sb: SandboxHandle,
  cwd: string,
  extra: string[] = [],
): Promise<{ code: number; report: ProveReport }> {
  const run = await runAgainst(sb, cwd, ['prove', '--format', 'json', ...extra]);
  expect(run.stderr).toContain('dry-run launches');
  return { code: run.code, report: JSON.parse(run.stdout) as ProveReport };
}

/** security-audit has no VPC at all in sa-east-1 in the demo: nothing to dry-run a launch in. */
const NO_VPC_AT_ALL = { accountId: DEMO.securityAudit, region: 'sa-east-1' };

function statusesOf(
  report: ProveReport,
  accountId: string,
  options: { except?: { accountId: string; region: string } } = {},
): Set<string> {
  const skip = options.except;
  return new Set(
    report.results
      .filter((r) => r.accountId === accountId)
      .filter((r) => !(skip && r.accountId === skip.accountId && r.region === skip.region))
      .map((r) => r.status),
  );
}

const PROD = [DEMO.paymentsProd, DEMO.webProd, DEMO.dataPlatform];
const UNDER_OTHER_OUS = [
  DEMO.securityAudit,
  DEMO.logArchive,
  DEMO.network,
  DEMO.sharedServices,
  DEMO.paymentsDev,
  DEMO.webDev,
  DEMO.sandboxAlice,
];

// Each case observes the whole demo organization and dry-runs ~340 launches.
describe('guardrails prove against the demo organization', { timeout: 120_000 }, () => {
  it('before apply: Prod (under DenyIMDSv1) is proven, every other member account is not enforced', async () => {
    // Given the demo as seeded: DenyIMDSv1 attached to Root/Workloads/Prod only
    const sb = await sandbox();
    // When
    const { code, report } = await proveJson(sb, tempDir());
    // Then
    expect(code).toBe(2);
    for (const id of PROD) expect(statusesOf(report, id)).toEqual(new Set(['proven']));
    // web-prod's opt-in region is probed too
    expect(report.results.filter((r) => r.accountId === DEMO.webProd)).toHaveLength(
      DEFAULT_ENABLED_REGIONS.length + 1,
    );
    for (const id of UNDER_OTHER_OUS) {
      expect(statusesOf(report, id, { except: NO_VPC_AT_ALL }), id).toEqual(
        new Set(['not-enforced']),
      );
    }
    expect(statusesOf(report, DEMO.management)).toEqual(new Set(['management-account']));
    const proven = report.results.find((r) => r.status === 'proven') as ProveResult;
    expect(proven.optional).toMatchObject({ outcome: 'denied', explicitDeny: true });
    expect(proven.required).toEqual({ outcome: 'allowed' });
  });

  it('after applying the demo plan: every reachable member account × region is proven, the management account is reported as not covered, the denied account as unreachable, the suspended one as information', async () => {
    const sb = await sandbox();
    const cwd = tempDir();
    const apply = await runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing']);
    expect(apply.code, apply.stderr).toBe(0);
    const before = (await sb.admin.counters()).operations['ec2:RunInstances']?.calls ?? 0;

    const { code, report } = await proveJson(sb, cwd);

    for (const id of [...PROD, ...UNDER_OTHER_OUS]) {
      expect(statusesOf(report, id, { except: NO_VPC_AT_ALL }), id).toEqual(new Set(['proven']));
    }
    // Where there is no default VPC (the landing-zone accounts), the dry runs name a subnet of
    // the region and say which; where there is no VPC at all, prove cannot conclude
    const network = report.results.filter((r) => r.accountId === DEMO.network);
    expect(network.every((r) => r.subnet?.subnetId.startsWith('subnet-'))).toBe(true);
    expect(network[0]?.subnet?.availabilityZone.startsWith(network[0]?.region ?? '?')).toBe(true);
    expect(report.results.filter((r) => r.accountId === DEMO.paymentsDev && r.subnet)).toEqual([]);
    const nowhere = report.results.find(
      (r) => r.accountId === NO_VPC_AT_ALL.accountId && r.region === NO_VPC_AT_ALL.region,
    );
    expect(nowhere).toMatchObject({
      status: 'inconclusive',
      detail: expect.stringContaining('inconclusive: no subnet'),
      optional: { outcome: 'error', code: 'VPCIdNotSpecified' },
    });
    expect(nowhere?.required).toBeUndefined();
    const management = report.results.filter((r) => r.accountId === DEMO.management);
    expect(management).toHaveLength(DEFAULT_ENABLED_REGIONS.length);
    expect(management.every((r) => r.status === 'management-account' && !r.optional)).toBe(true);
    expect(management[0]?.detail).toMatch(/SCPs never apply to the management account/);
    expect(report.results.filter((r) => r.accountId === DEMO.sandboxBob)).toMatchObject([
      { region: '*', status: 'unreachable', detail: expect.stringMatching(/^role-denied: /) },
    ]);
    // Nothing can launch in a suspended account: information, not a finding
    expect(report.results.filter((r) => r.accountId === DEMO.legacyClosed)).toMatchObject([
      { region: '*', status: 'suspended' },
    ]);
    expect(report.counts.suspended).toBe(1);
    // Two dry runs per proven target (plus the subnet-less one that found no default VPC), one
    // where there was no subnet, none in the management account
    const proven = report.results.filter((r) => r.status === 'proven');
    expect(report.results.filter((r) => r.optional !== undefined)).toHaveLength(proven.length + 1);
    const retried = proven.filter((r) => r.subnet).length;
    expect(retried).toBe(3 * DEFAULT_ENABLED_REGIONS.length - 1);
    const after = (await sb.admin.counters()).operations['ec2:RunInstances'];
    expect((after?.calls ?? 0) - before).toBe(2 * proven.length + retried + 1);
    expect(after?.ok ?? 0).toBe(0);
    // The denied account is a finding, like verify
    expect(code).toBe(2);
  });

  it('reports blocked when something else denies every launch and HttpTokensEnforced as proven without an SCP, in json and in the table', async () => {
    const sb = await sandbox();
    const org = new OrganizationsClient({
      endpoint: sb.url,
      region: 'us-east-1',
      credentials: sb.credentials,
      maxAttempts: 1,
    });
    const created = await org.send(
      new CreatePolicyCommand({
        Name: 'NoLaunches',
        Description: 'deny every launch',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: 'ec2:RunInstances', Resource: '*' }],
        }),
      }),
    );
    await org.send(
      new AttachPolicyCommand({
        PolicyId: created.Policy?.PolicySummary?.Id,
        TargetId: DEMO.webDev,
      }),
    );
    await sb.admin.setFaults({
      principalDenies: [
        { accountId: DEMO.paymentsDev, kind: 'permissions-boundary', action: 'ec2:RunInstances' },
        // network has no default VPC, and its role may not list subnets
        { accountId: DEMO.network, kind: 'identity-policy', action: 'ec2:DescribeSubnets' },
      ],
    });
    // And sandbox-alice (no DenyIMDSv1) enforces IMDSv2 itself in us-east-1
    await sb.admin.setImds(DEMO.sandboxAlice, 'us-east-1', {
      httpTokens: 'required',
      httpTokensEnforced: 'enabled',
    });
    const cwd = tempDir();
    // Two regions keep it quick: the scope flags apply as for every command
    const scope = ['--regions', 'us-east-1,eu-west-1'];
    const { report } = await proveJson(sb, cwd, scope);
    expect(statusesOf(report, DEMO.webDev)).toEqual(new Set(['blocked']));
    const alice = report.results.filter((r) => r.accountId === DEMO.sandboxAlice);
    expect(alice.find((r) => r.region === 'us-east-1')).toMatchObject({
      status: 'proven',
      optional: { outcome: 'refused', code: 'UnsupportedOperation' },
      detail: expect.stringContaining('not by an SCP'),
      // EC2 refusing before DryRunOperation is documented for real launches only
      unconfirmed: expect.stringContaining('unconfirmed on AWS'),
    });
    // payments-dev's role has a permissions boundary denying every launch: told from an SCP
    expect(statusesOf(report, DEMO.paymentsDev)).toEqual(new Set(['blocked']));
    const bounded = report.results.find((r) => r.accountId === DEMO.paymentsDev);
    expect(bounded?.required).toMatchObject({
      outcome: 'denied',
      denyKind: 'permissions-boundary',
    });
    expect(bounded?.detail).toContain('explicit deny in a permissions boundary');
    const network = report.results.filter((r) => r.accountId === DEMO.network);
    expect(network.map((r) => r.status)).toEqual(['inconclusive', 'inconclusive']);
    expect(network[0]?.detail).toContain(
      'the subnets could not be listed (UnauthorizedOperation): grant ec2:DescribeSubnets',
    );
    expect(report.results.filter((r) => r.unconfirmed).map((r) => r.accountId)).toEqual([
      DEMO.sandboxAlice,
    ]);
    expect(alice.find((r) => r.region === 'eu-west-1')?.status).toBe('not-enforced');
    expect(new Set(report.results.map((r) => r.region))).toEqual(
      new Set(['us-east-1', 'eu-west-1', '*']),
    );

    const table = await runAgainst(sb, cwd, ['prove', ...scope]);
    expect(table.stdout).toMatch(/web-dev \(222222222208\).*eu-west-1, us-east-1\s+blocked/);
    expect(table.stdout).toMatch(/management \(111111111111\).*management-account/);
    expect(table.stdout).toContain('[unconfirmed: EC2 refusing a dry run for HttpTokensEnforced');
    expect(table.stdout).toContain('1 of them rest on AWS behaviour that is unconfirmed');
  });
});
