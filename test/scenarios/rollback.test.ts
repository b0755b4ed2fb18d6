import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { diffWorlds, snapshotWorld } from '../_helpers/sandbox-world.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { DEMO } from './_demo-drift.js';

let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
});

function journalOf(stdout: string): string {
  const match = /Journal: (\S+)/.exec(stdout);
  if (!match?.[1]) throw new Error(`no journal in:\n${stdout}`);
  return match[1];
}

// Each case observes the whole demo organization; a busy machine needs more than 30 s.
describe('guardrails rollback', { timeout: 120_000 }, () => {
  it('given an apply that created and attached a new SCP, when rolled back, then restores the exact pre-run state', async () => {
    // Given
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'guardrails.config.json'),
      JSON.stringify({ scp: { name: 'GuardrailsTest' } }),
    );
    const before = await snapshotWorld(sb.admin);
    const applied = await runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing']);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    expect(diffWorlds(before, await snapshotWorld(sb.admin)).length).toBeGreaterThan(100);
    // When
    const run = await runAgainst(sb, cwd, [
      'rollback',
      '--journal',
      journalOf(applied.stdout),
      '--yes',
    ]);
    // Then
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toMatch(/Rollback complete/);
    expect(diffWorlds(before, await snapshotWorld(sb.admin))).toEqual([]);
  });

  it('given an apply that updated the existing SCP, when rolled back, then its previous content is back', async () => {
    // Given: a companion statement changes the DenyIMDSv1 document.
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const cwd = tempDir();
    const config = { scp: { companions: { maxHopLimit: { enabled: true, max: 2 } } } };
    writeFileSync(join(cwd, 'guardrails.config.json'), JSON.stringify(config));
    const before = await snapshotWorld(sb.admin);
    const narrow = ['--regions', 'us-east-1'];
    const applied = await runAgainst(sb, cwd, [...narrow, 'apply', '--yes', '--allow-relaxing']);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    const updated = (await sb.admin.policies()).find((p) => p.name === 'DenyIMDSv1');
    expect(updated?.content).not.toBe(before.policies.DenyIMDSv1?.content);
    // When
    const run = await runAgainst(sb, cwd, [
      ...narrow,
      'rollback',
      '--journal',
      journalOf(applied.stdout),
      '--yes',
    ]);
    // Then
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(diffWorlds(before, await snapshotWorld(sb.admin))).toEqual([]);
    // And the CI log said what it would restore, with account names and before → after
    expect(run.stderr).toContain('› Organizations · put back the previous content of DenyIMDSv1');
    expect(run.stderr).toMatch(
      /› payments-prod \(222222222205\) · us-east-1 · httpTokens required → \S+/,
    );
    expect(run.stderr).toMatch(/✔ Confirm: restore \d+ changes \(--yes\)/);
  });

  it('given a target changed by someone else after the apply, when rolled back, then leaves it alone, reports it and exits 3', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const cwd = tempDir();
    const before = await snapshotWorld(sb.admin);
    const applied = await runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing']);
    expect(applied.code, applied.stderr).toBe(0);
    const theirs = { httpTokens: 'required' as const, httpPutResponseHopLimit: 3 };
    await sb.admin.setImds(DEMO.webDev, 'eu-west-1', theirs);

    const run = await runAgainst(sb, cwd, [
      'rollback',
      '--journal',
      journalOf(applied.stdout),
      '--yes',
    ]);

    expect(run.code, run.stderr + run.stdout).toBe(3);
    expect(run.stdout).toContain('web-dev');
    expect(run.stdout).toMatch(/left alone/i);
    expect(diffWorlds(before, await snapshotWorld(sb.admin))).toEqual([
      `imds ${DEMO.webDev}/eu-west-1: {} → ${JSON.stringify(theirs)}`,
    ]);
    // FullAWSAccess is still everywhere it was.
    const full = (await sb.admin.policies()).find((p) => p.name === 'FullAWSAccess');
    expect(full?.targets).toContain(DEMO.rootId);
  });

  it('without a terminal and without --yes, refuses and names the flag', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const cwd = tempDir();
    const applied = await runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing']);
    const run = await runAgainst(sb, cwd, ['rollback', '--journal', journalOf(applied.stdout)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--yes');
  });
});
