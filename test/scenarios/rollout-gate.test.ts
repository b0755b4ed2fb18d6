/**
 * The readiness gate of the guided rollout, end to end: the real CLI (`guardrails` with no
 * command, CI renderer or NDJSON) against the demo sandbox, asserting what was written with the
 * sandbox's admin API.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { assume, clients } from '../sandbox/clients.js';

const PAYMENTS_DEV = '222222222207';
const WEB_DEV = '222222222208';

let sb: SandboxHandle;
beforeEach(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0 });
});
afterEach(() => sb.close());

/** Two regions keep it fast; the config is the example's waves with the gate settings given. */
function rollout(cwd: string, extra: string[] = []) {
  return runAgainst(sb, cwd, [
    '--regions',
    'us-east-1,eu-west-1',
    '--yes',
    '--allow-relaxing',
    ...extra,
  ]);
}

function writeConfig(cwd: string, readiness: string): void {
  writeFileSync(
    join(cwd, 'guardrails.config.json'),
    JSON.stringify({
      rollout: {
        waves: [
          { name: 'non-production', ous: ['Root/Workloads/Dev', 'Root/Sandbox'] },
          { name: 'production', rest: true },
        ],
      },
      readiness: JSON.parse(readiness),
    }),
  );
}

describe('guided rollout with the readiness gate', () => {
  it('holds payments-dev (IMDSv1 calls) out of the waves and applies the rest', async () => {
    // Given the demo, where payments-dev's workloads call IMDSv1
    const cwd = tempDir();
    writeConfig(cwd, '{}');
    // When the guided rollout runs with --yes
    const run = await rollout(cwd);
    // Then it ran readiness before the plan and held payments-dev out, with the evidence
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.indexOf('✔ Readiness:')).toBeLessThan(run.stderr.indexOf('✔ Plan:'));
    expect(run.stderr).toContain('1 at risk');
    expect(run.stderr).toContain(
      'held out (at risk): payments-dev (222222222207), 2 changes: 5,088 IMDSv1 calls in 14 days',
    );
    expect(run.stderr).toContain('1 account held out (payments-dev)');
    // And payments-dev's defaults are untouched while web-dev's were set
    expect((await sb.admin.getImds(PAYMENTS_DEV, 'us-east-1')).account).toMatchObject({
      httpTokens: 'optional',
      httpPutResponseHopLimit: 1,
    });
    expect((await sb.admin.getImds(WEB_DEV, 'us-east-1')).account).toMatchObject({
      httpTokens: 'required',
      httpPutResponseHopLimit: 2,
    });
  }, 60_000);

  it('--allow-at-risk 222222222207 lets payments-dev in', async () => {
    const cwd = tempDir();
    writeConfig(cwd, '{}');
    const run = await rollout(cwd, ['--allow-at-risk', PAYMENTS_DEV]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('included although at risk: payments-dev (222222222207)');
    expect(run.stderr).not.toContain('held out (at risk)');
    expect((await sb.admin.getImds(PAYMENTS_DEV, 'us-east-1')).account).toMatchObject({
      httpTokens: 'required',
      httpPutResponseHopLimit: 2,
    });
  }, 60_000);

  it('readiness.allowAtRisk in the config does the same; the NDJSON stream says so', async () => {
    const cwd = tempDir();
    writeConfig(cwd, `{"allowAtRisk":["${PAYMENTS_DEV}"]}`);
    const run = await rollout(cwd, ['--json']);
    expect(run.code, run.stderr).toBe(0);
    const events = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const gated = events.find((e) => e.type === 'readiness.gated');
    expect(gated).toMatchObject({
      held: [],
      overridden: [{ accountId: PAYMENTS_DEV, accountName: 'payments-dev', changes: 2 }],
    });
    expect((await sb.admin.getImds(PAYMENTS_DEV, 'eu-west-1')).account.httpTokens).toBe('required');
  }, 60_000);

  it('readiness.gate: false skips readiness and holds nothing', async () => {
    const cwd = tempDir();
    writeConfig(cwd, '{"gate":false}');
    const run = await rollout(cwd);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('Readiness');
    expect(run.stderr).not.toContain('held out');
    expect((await sb.admin.getImds(PAYMENTS_DEV, 'us-east-1')).account.httpTokens).toBe('required');
  }, 60_000);
});

describe('guided rollout with the launch gate (launches the SCP would refuse)', () => {
  /** A launch without MetadataOptions in web-dev: 'launched', or the error's name. */
  async function launchInWebDev(): Promise<string> {
    const ec2 = clients(sb, await assume(sb, WEB_DEV)).ec2;
    try {
      await ec2.send(
        new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', MinCount: 1, MaxCount: 1 }),
      );
      return 'launched';
    } catch (err) {
      return (err as Error).name;
    }
  }

  it('holds web-dev (Karpenter would be refused) out of the SCP by default; its defaults are still set', async () => {
    const cwd = tempDir();
    writeConfig(cwd, '{}');
    const run = await rollout(cwd);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'held out of the SCP (defaults still set): web-dev (222222222208): 3 launches the SCP would refuse (Karpenter 1.5.0',
    );
    expect((await sb.admin.getImds(WEB_DEV, 'us-east-1')).account).toMatchObject({
      httpTokens: 'required',
    });
    // A launch without MetadataOptions still works in web-dev: the SCP does not reach it.
    expect(await launchInWebDev()).toBe('launched');
  }, 60_000);

  it('--allow-at-risk 222222222208 lets the SCP reach web-dev: the same launch is refused', async () => {
    const cwd = tempDir();
    writeConfig(cwd, '{}');
    const run = await rollout(cwd, ['--allow-at-risk', WEB_DEV]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('SCP reaches it although launches would be refused: web-dev');
    expect(await launchInWebDev()).toBe('UnauthorizedOperation');
  }, 60_000);
});
