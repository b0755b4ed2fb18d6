import { afterEach, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../src/core/verify/types.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { diffWorlds, snapshotWorld } from '../_helpers/sandbox-world.js';
import { tempDir } from '../_helpers/temp-dir.js';

let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
});

function journalOf(stdout: string): string {
  const match = /Journal: (\S+)/.exec(stdout);
  if (!match?.[1]) throw new Error(`no journal in:\n${stdout}`);
  return match[1];
}

const config = (strategy: string) =>
  JSON.stringify({ strategy, declarative: { name: 'GuardrailsEc2Imds' } });

// Every step observes the whole demo organization; a busy machine needs more than 30 s.
describe('strategy: declarative-policy', { timeout: 240_000 }, () => {
  it('given the demo, when planned and applied, then converges without account-level writes and verify expects ManagedBy=declarative-policy', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const cwd = tempDir({ 'guardrails.config.json': config('declarative-policy') });
    const before = await snapshotWorld(sb.admin);

    // Plan: create + attach the declarative policy, nothing per account.
    const planned = await runAgainst(sb, cwd, ['plan', '--json']);
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout) as {
      changes: { kind: string; policyType?: string; content?: string }[];
    };
    expect(plan.changes.map((c) => `${c.kind} ${c.policyType ?? ''}`.trim())).toEqual([
      'policy.create DECLARATIVE_POLICY_EC2',
      'attachment.add DECLARATIVE_POLICY_EC2',
    ]);
    expect(JSON.parse(plan.changes[0]?.content ?? '{}')).toEqual({
      ec2_attributes: {
        instance_metadata_defaults: {
          http_tokens: { '@@assign': 'required' },
          http_put_response_hop_limit: { '@@assign': '2' },
        },
      },
    });

    // Before apply, account-level defaults are drift in this mode.
    const early = await runAgainst(sb, cwd, ['verify', '--format', 'json']);
    const earlyReport = JSON.parse(early.stdout) as VerifyReport;
    const securityAudit = earlyReport.results.filter((r) => r.accountName === 'security-audit');
    expect(securityAudit.every((r) => r.status === 'drift')).toBe(true);

    // Apply, then a second plan has nothing left to do.
    const applied = await runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing']);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    const again = await runAgainst(sb, cwd, ['plan']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/No changes\./);
    const counters = await sb.admin.counters();
    expect(counters.operations.ModifyInstanceMetadataDefaults?.calls ?? 0).toBe(0);

    // Verify: every reachable region is managed by the policy and compliant.
    const verified = await runAgainst(sb, cwd, ['verify', '--format', 'json']);
    const report = JSON.parse(verified.stdout) as VerifyReport;
    expect(report.desired.strategy).toBe('declarative-policy');
    expect(report.counts.drift).toBe(0);
    expect(report.counts.error).toBe(0);
    const webDev = report.results.filter((r) => r.kind === 'imds' && r.accountName === 'web-dev');
    expect(webDev.length).toBe(17);
    expect(
      webDev.every(
        (r) =>
          r.status === 'compliant' && r.kind === 'imds' && r.managedBy === 'declarative-policy',
      ),
    ).toBe(true);
    expect(report.results.some((r) => r.kind === 'scp')).toBe(false);

    // Rollback detaches and deletes the policy: the world is as before.
    const back = await runAgainst(sb, cwd, [
      'rollback',
      '--journal',
      journalOf(applied.stdout),
      '--yes',
    ]);
    expect(back.code, back.stderr + back.stdout).toBe(0);
    expect(diffWorlds(before, await snapshotWorld(sb.admin))).toEqual([]);
  });

  it('given strategy both at ring 3, when applied, then the SCP, the declarative policy and no account writes under it converge', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const cwd = tempDir({ 'guardrails.config.json': config('both') });
    const applied = await runAgainst(sb, cwd, [
      '--stage',
      '3',
      'apply',
      '--yes',
      '--allow-relaxing',
    ]);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    const again = await runAgainst(sb, cwd, ['--stage', '3', 'plan']);
    expect(again.stdout).toMatch(/No changes\./);
    const verified = await runAgainst(sb, cwd, ['--stage', '3', 'verify', '--format', 'json']);
    const report = JSON.parse(verified.stdout) as VerifyReport;
    expect(report.counts.drift).toBe(0);
    // The policy at Root enforces in data-platform too (its own policy assigns only tokens and hops).
    const rings = (report.rings ?? []).filter((r) => r.ring !== null);
    expect(rings.every((r) => r.ring === 3)).toBe(true);
    expect(rings.length).toBe(11);
  });
});
