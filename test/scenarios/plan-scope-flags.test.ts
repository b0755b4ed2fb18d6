/**
 * A plan saved with --accounts/--ous/--regions holds that scope's changes only (a narrowed run
 * attaches the SCP to accounts, not the root). Applied with other flags, it used to be refused as
 * "edited"; now the refusal names the flags it was made with and the ones given.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { DEMO } from './_demo-drift.js';

let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const NARROW = ['--regions', 'us-east-1,eu-west-1', '--accounts', DEMO.network];
const writes = async (handle: SandboxHandle) =>
  Object.values((await handle.admin.counters()).imdsWrites).reduce((a, b) => a + b, 0);

describe('saved plan and scope flags', () => {
  it('given a plan saved with --accounts/--regions, when applied without them, then refuses naming the flags, and applies with the same flags in any order', async () => {
    // Given
    sb = await startSandbox({ scenario: 'demo', port: 0, consistency: 'strong' });
    const cwd = tempDir();
    const planned = await runAgainst(sb, cwd, ['plan', '--out', 'plan.json', ...NARROW]);
    expect(planned.code, planned.stderr).toBe(0);
    // When: applied without the flags
    const bare = await runAgainst(sb, cwd, ['apply', 'plan.json', '--allow-relaxing']);
    // Then: refused, the flags named, nothing written
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain(
      `was made with --accounts ${DEMO.network} --regions eu-west-1,us-east-1, but this apply runs without scope flags`,
    );
    expect(bare.stderr).toMatch(
      new RegExp(
        `guardrails apply \\S*plan\\.json --accounts ${DEMO.network} --regions eu-west-1,us-east-1\``,
      ),
    );
    expect(await writes(sb)).toBe(0);
    // When: applied with the same flags, given in another order
    const same = await runAgainst(sb, cwd, [
      'apply',
      'plan.json',
      '--allow-relaxing',
      '--accounts',
      DEMO.network,
      '--regions',
      'eu-west-1,us-east-1',
    ]);
    // Then
    expect(same.code, same.stdout + same.stderr).toBe(0);
    expect(same.stdout).toContain('Apply complete');
  });

  it('given a plan saved without scope flags, when applied with --accounts, then refuses it as made for another scope, not as edited', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, consistency: 'strong' });
    const cwd = tempDir();
    await runAgainst(sb, cwd, ['plan', '--out', 'plan.json']);
    const run = await runAgainst(sb, cwd, [
      'apply',
      'plan.json',
      '--allow-relaxing',
      '--accounts',
      DEMO.network,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `was made without scope flags, but this apply runs with --accounts ${DEMO.network}`,
    );
    expect(run.stderr).not.toContain('was edited');
    expect(await writes(sb)).toBe(0);
  });
});
