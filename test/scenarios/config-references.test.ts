/**
 * Names in the config are checked against the organization as soon as it is read, by plan and
 * apply alike — not by apply after the whole sweep.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';

let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
});

describe('config references', { timeout: 60_000 }, () => {
  it('a typo in a wave OU fails plan and apply alike, before any account is read', async () => {
    // Given a config whose production wave names Root/Workloads/Prd
    sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0 });
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'guardrails.config.json'),
      JSON.stringify({
        rollout: {
          waves: [
            { name: 'production', ous: ['Root/Workloads/Prd'] },
            { name: 'rest', rest: true },
          ],
        },
      }),
    );
    for (const argv of [['plan'], ['apply', '--yes']]) {
      await sb.admin.resetCounters();
      // When
      const run = await runAgainst(sb, cwd, argv);
      // Then it names the config path and the OU meant, exits 1, and read no account
      expect(run.code, argv.join(' ')).toBe(1);
      expect(run.stderr).toContain(
        'Invalid config: rollout.waves[0].ous[0]: unknown OU "Root/Workloads/Prd" (did you mean "Root/Workloads/Prod"',
      );
      const counters = await sb.admin.counters();
      expect(counters.operations['organizations:ListAccountsForParent']).toBeDefined();
      expect(counters.operations['sts:AssumeRole']).toBeUndefined();
      expect(counters.operations['ec2:GetInstanceMetadataDefaults']).toBeUndefined();
    }
  });

  it('an unknown account in readiness.allowAtRisk is named with the accounts meant', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0 });
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'guardrails.config.json'),
      JSON.stringify({ readiness: { allowAtRisk: ['222222222270'] } }),
    );
    const run = await runAgainst(sb, cwd, ['plan']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('readiness.allowAtRisk[0]: unknown account "222222222270"');
  });
});
