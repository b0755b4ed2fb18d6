import { afterEach, describe, expect, it } from 'vitest';
import { verify } from '../../src/app/verify.js';
import { DEFAULT_ENABLED_REGIONS } from '../../src/core/model/regions.js';
import type { VerifyReport } from '../../src/core/verify/types.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { appContext, summarize } from './_demo.js';

const ALL = [...DEFAULT_ENABLED_REGIONS].sort();
const except = (...regions: string[]) => ALL.filter((r) => !regions.includes(r));

/** Exactly the drift the demo scenario seeds (src/sandbox/scenarios/demo.ts). */
const DEMO_EXPECTED = {
  management: {
    scp: 'compliant:management-account',
    imds: { drift: ALL },
  },
  'security-audit': { scp: 'drift:missing', imds: { compliant: ALL } },
  'log-archive': {
    scp: 'drift:missing',
    imds: { compliant: except('eu-west-1'), drift: ['eu-west-1'] },
  },
  network: { scp: 'drift:missing', imds: { drift: ALL } },
  'shared-services': {
    scp: 'drift:missing',
    imds: { compliant: ['us-east-1', 'us-west-2'], drift: except('us-east-1', 'us-west-2') },
  },
  'payments-prod': { scp: 'compliant:inherited:Root/Workloads/Prod', imds: { drift: ALL } },
  'web-prod': {
    scp: 'compliant:inherited:Root/Workloads/Prod',
    imds: { compliant: ALL, drift: ['eu-south-1'] },
  },
  'data-platform': {
    scp: 'compliant:inherited:Root/Workloads/Prod',
    imds: { 'managed-by-declarative-policy': ALL },
  },
  'payments-dev': { scp: 'drift:missing', imds: { drift: ALL } },
  'web-dev': { scp: 'drift:missing', imds: { drift: ALL } },
  'sandbox-alice': { scp: 'drift:missing', imds: { drift: ALL } },
  'sandbox-bob': { scp: 'drift:missing', imds: { 'unreachable:role-denied': ['*'] } },
  'legacy-closed': { scp: 'suspended:missing', imds: { suspended: ['*'] } },
};

const sandboxes: SandboxHandle[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sb) => sb.close()));
});
async function demo(options: Parameters<typeof startSandbox>[0] = {}) {
  const sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0, seed: 1, ...options });
  sandboxes.push(sb);
  return sb;
}

async function runVerify(ctxAndEvents: ReturnType<typeof appContext>): Promise<VerifyReport> {
  const outcome = await verify(ctxAndEvents.ctx, {
    destination: { formats: ['json'] },
    cwd: process.cwd(),
  });
  ctxAndEvents.ctx.gateways.close?.();
  return outcome.report;
}

function imdsResult(report: VerifyReport, account: string, region: string) {
  return report.results.find(
    (r) => r.kind === 'imds' && r.accountName === account && r.region === region,
  );
}

describe('verify against the demo scenario', () => {
  it('reports exactly the seeded drift, with the fields that differ', async () => {
    // Given the demo organization
    const sb = await demo();
    // When verifying with the default config
    const report = await runVerify(appContext(sb));
    // Then every account shows exactly its seeded state
    expect(summarize(report)).toEqual(DEMO_EXPECTED);
    expect(report.counts).toEqual({
      compliant: 56,
      drift: 127,
      'managed-by-declarative-policy': 17,
      unreachable: 1,
      error: 0,
      suspended: 2,
      total: 203,
    });
    // And the differing fields are named per target
    expect(imdsResult(report, 'log-archive', 'eu-west-1')).toMatchObject({
      diffs: [{ field: 'httpTokens', expected: 'required', actual: 'optional' }],
    });
    expect(imdsResult(report, 'network', 'us-east-1')).toMatchObject({
      diffs: [{ field: 'httpPutResponseHopLimit', expected: 2, actual: 1 }],
    });
    expect(imdsResult(report, 'web-prod', 'eu-south-1')).toMatchObject({
      diffs: [
        { field: 'httpTokens', expected: 'required', actual: undefined },
        { field: 'httpPutResponseHopLimit', expected: 2, actual: undefined },
      ],
    });
    expect(imdsResult(report, 'data-platform', 'eu-west-1')).toMatchObject({
      managedBy: 'declarative-policy',
      declarativeCompliant: true,
    });
    const bob = report.results.find((r) => r.accountName === 'sandbox-bob' && r.kind === 'imds');
    expect(bob?.detail).toMatch(/^role-denied: .*not authorized to perform: sts:AssumeRole/);
    expect(report.caller.accountId).toBe('111111111111');
    expect(report.organizationId).toBe('o-guardrails01');
  });

  it('reflects state changed through the admin API in the next sweep', async () => {
    // Given a first sweep of the two Security accounts
    const sb = await demo();
    const overrides = { ous: ['Root/Security'] };
    const before = summarize(await runVerify(appContext(sb, { overrides })));
    expect(before['log-archive']?.imds.drift).toEqual(['eu-west-1']);
    // When log-archive's eu-west-1 is fixed and security-audit's us-east-1 is cleared
    await sb.admin.setImds('222222222202', 'eu-west-1', {
      httpTokens: 'required',
      httpPutResponseHopLimit: 2,
    });
    await sb.admin.setImds('222222222201', 'us-east-1', {});
    const after = summarize(await runVerify(appContext(sb, { overrides })));
    // Then the next sweep shows both
    expect(after['log-archive']?.imds).toEqual({ compliant: ALL });
    expect(after['security-audit']?.imds).toEqual({
      compliant: except('us-east-1'),
      drift: ['us-east-1'],
    });
  });

  it('reports a region disabled through the admin API as unreachable region-disabled', async () => {
    // Given web-prod's opt-in region eu-south-1 is disabled
    const sb = await demo();
    await sb.admin.disableRegion('222222222206', 'eu-south-1');
    // When verifying web-prod in eu-south-1 and us-east-1 explicitly
    const report = await runVerify(
      appContext(sb, {
        overrides: { accounts: ['web-prod'], regions: ['eu-south-1', 'us-east-1'] },
      }),
    );
    // Then eu-south-1 is unreachable with its reason, us-east-1 compliant
    expect(summarize(report)).toEqual({
      'web-prod': {
        scp: 'compliant:inherited:Root/Workloads/Prod',
        imds: { compliant: ['us-east-1'], 'unreachable:region-disabled': ['eu-south-1'] },
      },
    });
  });

  it('retries throttling and still reports exactly the seeded drift', async () => {
    // Given an endpoint that throttles a third of all calls
    const sb = await demo({ throttleRate: 0.3 });
    // When verifying with enough attempts
    const report = await runVerify(appContext(sb, { env: { AWS_MAX_ATTEMPTS: '12' } }));
    // Then the retries absorbed the throttling
    expect(summarize(report)).toEqual(DEMO_EXPECTED);
    const counters = await sb.admin.counters();
    const throttled = Object.values(counters.operations).reduce(
      (n, op) =>
        n +
        Object.entries(op.errors)
          .filter(([code]) => /Throttl|LimitExceeded|TooMany/.test(code))
          .reduce((m, [, c]) => m + c, 0),
      0,
    );
    expect(throttled).toBeGreaterThan(10);
  });

  it('turns a target that still fails after retries into an error finding and completes the sweep', async () => {
    // Given GetInstanceMetadataDefaults always fails with a 5xx
    const sb = await demo();
    await sb.admin.setFaults({ failRate: 1, faultOperations: ['ec2:GetInstanceMetadataDefaults'] });
    // When verifying two accounts
    const report = await runVerify(
      appContext(sb, {
        overrides: { accounts: ['network', 'web-prod'] },
        env: { AWS_MAX_ATTEMPTS: '2' },
      }),
    );
    // Then every region is an error finding with its code, and nothing crashed
    const summary = summarize(report);
    const network = Object.entries(summary.network?.imds ?? {});
    for (const [key] of network) expect(key).toMatch(/^error:(InternalError|Unavailable)$/);
    expect(network.flatMap(([, regions]) => regions).sort()).toEqual(ALL);
    expect(report.counts.error).toBe(17 + 18);
  });

  it('refreshes member credentials that expired between sweeps', async () => {
    // Given one context (its credential cache) used for two sweeps
    const sb = await demo();
    const app = appContext(sb, {
      overrides: { accounts: ['security-audit'], regions: ['us-east-1'] },
    });
    const first = await verify(app.ctx, { destination: { formats: ['json'] }, cwd: process.cwd() });
    // When every issued session token expires
    await sb.admin.expireCredentials();
    const second = await verify(app.ctx, {
      destination: { formats: ['json'] },
      cwd: process.cwd(),
    });
    app.ctx.gateways.close?.();
    // Then the second sweep re-assumed the role and read the same state
    expect(summarize(second.report)).toEqual(summarize(first.report));
    expect(second.report.counts.error).toBe(0);
    const assumes = (await sb.admin.counters()).operations['sts:AssumeRole'];
    expect(assumes?.ok).toBe(2);
  });
});
