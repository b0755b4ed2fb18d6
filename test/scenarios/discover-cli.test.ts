import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runCliCaptured } from '../_helpers/run-cli.js';
import { FAST_RETRY } from './_demo.js';

let sb: SandboxHandle;
let dir: string;
// The CLI runs here read state only, so one sandbox serves the file.
beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0, seed: 1 });
  dir = mkdtempSync(join(tmpdir(), 'guardrails-discover-'));
});
afterAll(async () => {
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
});

function run(argv: string[], env: Record<string, string> = {}) {
  return runCliCaptured(argv, { env: { ...sb.env, ...FAST_RETRY, ...env }, cwd: dir });
}

describe('guardrails discover (CLI)', () => {
  it('prints the tree with reachability and region counts', async () => {
    const result = await run(['discover']);
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toContain(
      'Policy types on the root: SERVICE_CONTROL_POLICY ENABLED, DECLARATIVE_POLICY_EC2 ENABLED',
    );
    expect(out).toContain(
      'management (111111111111) · ACTIVE · management · reachable (caller credentials) · 17 regions',
    );
    expect(out).toContain('sandbox-bob (222222222210) · ACTIVE · unreachable: role-denied');
    expect(out).toContain('legacy-closed (222222222211) · SUSPENDED · unreachable: suspended');
    expect(out).toContain('web-prod (222222222206) · ACTIVE · reachable · 18 regions');
    expect(out).toMatch(/Prod\/ \(ou-[\w-]+\) \[SCPs: DenyIMDSv1, FullAWSAccess\] · 3 accounts/);
    expect(out).toContain(
      '13 accounts in 6 OUs · 13 in scope · 11 reachable, 2 unreachable · 188 account × region targets',
    );
    expect(out).toContain('is attached to: Root/Workloads/Prod');
  });

  it('prints the same data as JSON with --json', async () => {
    const result = await run(['discover', '--json']);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data.organization).toEqual({
      id: 'o-guardrails01',
      managementAccountId: '111111111111',
      featureSet: 'ALL',
    });
    expect(data.ous.map((o: { path: string }) => o.path)).toEqual([
      'Root/Infrastructure',
      'Root/Sandbox',
      'Root/Security',
      'Root/Workloads',
      'Root/Workloads/Dev',
      'Root/Workloads/Prod',
    ]);
    const byName = Object.fromEntries(data.accounts.map((a: { name: string }) => [a.name, a]));
    expect(byName['sandbox-bob'].access).toMatchObject({
      status: 'unreachable',
      reason: 'role-denied',
    });
    expect(byName['legacy-closed'].access).toMatchObject({
      status: 'unreachable',
      reason: 'suspended',
    });
    expect(byName['web-prod'].enabledRegions).toContain('eu-south-1');
    expect(byName['web-prod'].enabledRegions).toHaveLength(18);
    expect(byName.management.access).toEqual({ status: 'reachable', via: 'caller' });
    expect(byName['data-platform'].ouPath).toBe('Root/Workloads/Prod');
    expect(data.counts).toEqual({
      ous: 6,
      accounts: 13,
      inScope: 13,
      reachable: 11,
      unreachable: 2,
      regionTargets: 188,
    });
  });

  it('narrows with --ous and --regions', async () => {
    const result = await run([
      'discover',
      '--json',
      '--ous',
      'Root/Workloads',
      '--regions',
      'eu-south-1,us-east-1',
    ]);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data.counts.inScope).toBe(5);
    const webProd = data.accounts.find((a: { name: string }) => a.name === 'web-prod');
    expect(webProd.regionsInScope).toEqual(['eu-south-1', 'us-east-1']);
  });
});
