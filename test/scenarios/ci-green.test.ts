/**
 * CI can go green (#16 point 7): after a non-interactive guided rollout of the demo that lets
 * every at-risk account in, with `scope.excludeAccounts` naming the role-denied account, `verify`
 * exits 0 in every format, and so does `prove` wherever a dry run can be placed (the demo's one
 * VPC-less region stays `inconclusive`, an honest finding). The suspended account is reported as information, never a
 * finding; the summary mark on stderr agrees with the exit code. Accounts the readiness gate
 * holds (no --allow-at-risk) stay findings until they are rolled out: a hold is a postponement,
 * not an exception (config `exceptions` are the way to excuse an account for good).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ENABLED_REGIONS } from '../../src/core/model/regions.js';
import { isProveFinding } from '../../src/core/prove/build-prove-report.js';
import type { ProveReport } from '../../src/core/prove/types.js';
import type { VerifyReport } from '../../src/core/verify/types.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { DEMO } from './_demo-drift.js';

/** Held by the gate in the demo: payments-dev (IMDSv1 calls), shared-services and web-dev (launches). */
const AT_RISK = [DEMO.paymentsDev, DEMO.sharedServices, DEMO.webDev];

let sb: SandboxHandle;
/** Shared by the tests below (tempDir would remove it after the first). */
let cwd: string;
let rollout: Awaited<ReturnType<typeof runAgainst>>;
beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0, seed: 1 });
  cwd = mkdtempSync(join(tmpdir(), 'guardrails-ci-green-'));
  writeFileSync(join(cwd, 'guardrails.config.json'), config([DEMO.sandboxBob]));
  // The guided rollout, non-interactive, lets every at-risk account in: everything converges
  rollout = await runAgainst(sb, cwd, [
    '--yes',
    '--allow-relaxing',
    '--allow-at-risk',
    AT_RISK.join(','),
  ]);
}, 90_000);
afterAll(async () => {
  await sb.close();
  rmSync(cwd, { recursive: true, force: true });
});

function config(excludeAccounts: string[]): string {
  return JSON.stringify({
    scope: { excludeAccounts },
    rollout: {
      waves: [
        { name: 'canary', ous: ['Root/Sandbox'] },
        { name: 'non-production', ous: ['Root/Workloads/Dev', 'Root/Infrastructure'] },
        { name: 'production', rest: true },
      ],
    },
  });
}

// The tests share one rolled-out sandbox, so the rollout runs once, before them (tests shuffle).
describe('verify and prove after a full rollout of the demo', () => {
  it('the guided rollout converged and said the suspended account is information', () => {
    expect(rollout.code, rollout.stderr).toBe(0);
    expect(rollout.stderr).toContain(
      'legacy-closed (222222222211): suspended, reported as information, not a finding',
    );
    expect(rollout.stderr).toMatch(/✔ Verify: .* · 1 suspended/);
  });

  it('verify exits 0 in every format; the suspended account is information', async () => {
    const run = await runAgainst(sb, cwd, ['verify', '--format', 'json']);
    expect(run.code, run.stdout.slice(0, 2000)).toBe(0);
    const report = JSON.parse(run.stdout) as VerifyReport & { findings: unknown[] };
    expect(report.findings).toEqual([]);
    expect(report.counts).toMatchObject({ drift: 0, unreachable: 0, error: 0 });
    expect(report.counts.suspended).toBeGreaterThanOrEqual(1);
    expect(report.results.filter((r) => r.accountId === DEMO.legacyClosed)).toMatchObject([
      { kind: 'scp', status: expect.stringMatching(/^(compliant|suspended)$/) },
      { kind: 'imds', region: '*', status: 'suspended' },
    ]);
    expect(run.stderr).toMatch(/^✔ report: all targets compliant$/m);
    expect(run.stderr).toContain('suspended (information) — 0 findings');

    const table = await runAgainst(sb, cwd, ['verify']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('✓ All');
    expect(table.stdout).toMatch(/all regions\s+suspended\s+the account is SUSPENDED/);
    expect(table.stdout).toContain('in suspended accounts: information, not findings.');

    const files = await runAgainst(sb, cwd, [
      'verify',
      '--format',
      'csv,junit,markdown,html',
      '--out-dir',
      'out',
    ]);
    expect(files.code, files.stderr).toBe(0);
  }, 60_000);

  it('prove: the suspended account is information; exit 0 where a dry run can be placed', async () => {
    const run = await runAgainst(sb, cwd, ['prove', '--format', 'json']);
    const report = JSON.parse(run.stdout) as ProveReport;
    expect(report.results.filter((r) => r.accountId === DEMO.legacyClosed)).toMatchObject([
      { region: '*', status: 'suspended' },
    ]);
    expect(report.counts).toMatchObject({ 'not-enforced': 0, unreachable: 0, suspended: 1 });
    // The demo's security-audit has no VPC at all in sa-east-1: nothing to dry-run into, so that
    // one target is inconclusive, a finding (exit 2) that no config line can honestly turn green.
    const findings = report.results.filter((r) => isProveFinding(r.status));
    expect(findings).toMatchObject([
      { accountId: DEMO.securityAudit, region: 'sa-east-1', status: 'inconclusive' },
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^✗ prove: .* · 1 finding$/m);
    // Everywhere a launch can be placed, prove is green in every format
    const placeable = DEFAULT_ENABLED_REGIONS.filter((r) => r !== 'sa-east-1').join(',');
    for (const format of ['json', 'table', 'csv', 'junit', 'markdown']) {
      const other = await runAgainst(sb, cwd, [
        'prove',
        '--regions',
        placeable,
        '--format',
        format,
      ]);
      expect(other.code, `${format}: ${other.stdout.slice(0, 1500)}`).toBe(0);
      if (format === 'table') {
        expect(other.stderr).toMatch(/^✔ prove: \d+ of \d+ account × region targets proven$/m);
      }
    }
  }, 120_000);

  it('without the exclusion the denied account is a finding: ✗ on stderr, exit 2, the config line that excludes it', async () => {
    const dir = tempDir({ 'guardrails.config.json': config([]) });
    const verify = await runAgainst(sb, dir, ['verify', '--regions', 'us-east-1']);
    expect(verify.code).toBe(2);
    expect(verify.stderr).toMatch(/^✗ report: \d+ findings?$/m);
    expect(verify.stdout).toContain('hint: sandbox-bob (222222222210): cannot be reached');
    expect(verify.stdout).toContain("    scope: { excludeAccounts: ['222222222210'] }");

    const prove = await runAgainst(sb, dir, ['prove', '--regions', 'us-east-1']);
    expect(prove.code).toBe(2);
    expect(prove.stderr).toMatch(/^✗ prove: .* · \d+ findings?$/m);
    expect(prove.stdout).toContain("  scope: { excludeAccounts: ['222222222210'] }");
  }, 60_000);
});
