// Faults that hit an apply while it runs: a throttling storm, 5xx bursts, credentials expiring,
// a region disabled. Each run must back off and converge — or report, never crash.
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { demoDriftKeys } from '../scenarios/_demo-drift.js';

let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function sandbox(options: Partial<SandboxOptions> = {}): Promise<SandboxHandle> {
  sb = await startSandbox({ scenario: 'demo', port: 0, seed: 3, ...options });
  return sb;
}

const onePerKey = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, 1]));

function errorsMatching(
  counters: Awaited<ReturnType<SandboxHandle['admin']['counters']>>,
  pattern: RegExp,
): number {
  return Object.values(counters.operations).reduce(
    (n, op) =>
      n +
      Object.entries(op.errors)
        .filter(([code]) => pattern.test(code))
        .reduce((m, [, c]) => m + c, 0),
    0,
  );
}

/** Resolves once at least `n` IMDS writes have landed (the apply is mid-run). */
async function afterWrites(handle: SandboxHandle, n: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const { imdsWrites } = await handle.admin.counters();
    if (Object.values(imdsWrites).reduce((a, b) => a + b, 0) >= n) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`fewer than ${n} writes within 20 s`);
}

// A few calls in flight at a time, each a little slow: faults injected "mid-run" land mid-run.
const SLOW = ['--concurrency', '4'];

describe('faults during apply', () => {
  it('given a throttling storm on half the EC2 calls, when applied and re-run, then never writes a target twice and converges', async () => {
    // Given: half of every Get/Modify is throttled, read-backs included
    const handle = await sandbox({ throttleRate: 0.5, seed: 11 });
    await handle.admin.setFaults({
      faultOperations: ['ec2:ModifyInstanceMetadataDefaults', 'ec2:GetInstanceMetadataDefaults'],
    });
    const cwd = tempDir();
    // When
    const run = await runAgainst(handle, cwd, ['apply', '--yes', '--allow-relaxing']);
    // Then: it finished (converged or partial, never an error), and nothing was written twice
    expect([0, 3], run.stderr + run.stdout).toContain(run.code);
    const counters = await handle.admin.counters();
    expect(errorsMatching(counters, /RequestLimitExceeded/)).toBeGreaterThan(50);
    expect(Object.values(counters.imdsWrites).every((n) => n === 1)).toBe(true);
    // And: once the storm is over, a re-run writes only what is left
    await handle.admin.setFaults({ throttleRate: 0 });
    const again = await runAgainst(handle, cwd, ['apply', '--yes', '--allow-relaxing']);
    expect(again.code, again.stderr + again.stdout).toBe(0);
    expect((await handle.admin.counters()).imdsWrites).toEqual(onePerKey(demoDriftKeys()));
  });

  it('given bursts of 5xx on 30% of calls, when applied, then retries them and converges', async () => {
    const handle = await sandbox({ failRate: 0.3, seed: 12 });
    // With 5 attempts a call fails for good with probability 0.3^5 = 0.24%: over the ~500 calls
    // of a run that is a partial apply one run in three. 12 attempts (0.3^12 ≈ 5e-7 per call)
    // make the run deterministic while still retrying hundreds of 5xx answers.
    const run = await runAgainst(handle, tempDir(), ['apply', '--yes', '--allow-relaxing'], {
      env: { AWS_MAX_ATTEMPTS: '12' },
    });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const counters = await handle.admin.counters();
    expect(counters.imdsWrites).toEqual(onePerKey(demoDriftKeys()));
    expect(errorsMatching(counters, /Internal|Unavailable|ServiceException/)).toBeGreaterThan(20);
  });

  it('given member credentials that expire mid-run, when applied, then refreshes them and converges', async () => {
    // Given
    const handle = await sandbox({ latencyMs: 3 });
    const cwd = tempDir();
    // When: every temporary credential is revoked once the writes have started
    const running = runAgainst(handle, cwd, [...SLOW, 'apply', '--yes', '--allow-relaxing']);
    await afterWrites(handle, 5);
    await handle.admin.expireCredentials();
    const run = await running;
    // Then
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const counters = await handle.admin.counters();
    expect(counters.imdsWrites).toEqual(onePerKey(demoDriftKeys()));
    expect(errorsMatching(counters, /RequestExpired|ExpiredToken/)).toBeGreaterThan(0);
    // Only the demo's two unreachable accounts remain as findings: no drift, no errors.
    const verify = await runAgainst(handle, cwd, ['verify']);
    expect(verify.stdout).toMatch(/drift\s+0\n/);
    expect(verify.stdout).toMatch(/error\s+0\n/);
  });

  it('given short-lived sessions (credentialTtlSeconds), when applied slowly, then refreshes them and converges', async () => {
    const handle = await sandbox({ latencyMs: 4, credentialTtlSeconds: 1 });
    const run = await runAgainst(handle, tempDir(), [
      ...SLOW,
      'apply',
      '--yes',
      '--allow-relaxing',
    ]);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const counters = await handle.admin.counters();
    expect(counters.imdsWrites).toEqual(onePerKey(demoDriftKeys()));
    // More sessions than reachable member accounts: they were renewed during the run.
    expect(counters.operations['sts:AssumeRole']?.ok ?? 0).toBeGreaterThan(10);
  });

  it('given a region disabled mid-run, when applied, then reports its targets and converges everywhere else', async () => {
    // Given
    const handle = await sandbox({ latencyMs: 3 });
    const cwd = tempDir();
    const region = 'us-west-2';
    const network = '222222222203';
    // When: network's us-west-2 goes away once writing has begun
    const running = runAgainst(handle, cwd, [...SLOW, 'apply', '--yes', '--allow-relaxing']);
    await afterWrites(handle, 1);
    const before = (await handle.admin.counters()).imdsWrites[`${network}/${region}`] ?? 0;
    await handle.admin.disableRegion(network, region);
    const run = await running;
    // Then: partial (3), not an error (1); the target is named; everything else converged
    const written = (await handle.admin.counters()).imdsWrites;
    if (before === 0) {
      expect(run.code, run.stderr + run.stdout).toBe(3);
      expect(run.stdout).toContain(region);
      expect(run.stdout).toMatch(/AuthFailure|not enabled|region/i);
    } else {
      expect(run.code).toBe(0); // it was already written before the region went away
    }
    const others = demoDriftKeys().filter((k) => k !== `${network}/${region}`);
    for (const key of others) expect(written[key], key).toBe(1);
  });
});
