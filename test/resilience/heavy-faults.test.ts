// Issue 18 point 12: the heavy fault mix — 30% throttling, 20% 5xx, member sessions lasting 60 s —
// used to kill half the runs in discovery (one Organizations error after the SDK's retries), call
// accounts with a throttled AssumeRole `unreachable`, and leave targets "not read" so that apply
// exited 3 although every change was done. Reads now get the executor's patient retries.
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { DEMO, demoDriftKeys } from '../scenarios/_demo-drift.js';

let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

type Counters = Awaited<ReturnType<SandboxHandle['admin']['counters']>>;

function errorsOf(counters: Counters, prefix: string, pattern: RegExp): number {
  return Object.entries(counters.operations)
    .filter(([operation]) => operation.startsWith(prefix))
    .flatMap(([, op]) => Object.entries(op.errors))
    .filter(([code]) => pattern.test(code))
    .reduce((n, [, count]) => n + count, 0);
}

/** Resolves once at least `n` IMDS writes have landed (the apply is mid-run). */
async function afterWrites(handle: SandboxHandle, n: number): Promise<void> {
  for (;;) {
    const { imdsWrites } = await handle.admin.counters();
    if (Object.values(imdsWrites).reduce((sum, count) => sum + count, 0) >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const TRANSIENT =
  /Throttl|RequestLimitExceeded|TooManyRequests|Internal|Unavailable|ServiceException/;

describe('heavy faults', () => {
  it('given 30% throttling, 20% 5xx and 60-second sessions, when applied, then exits 0 with every target written exactly once', async () => {
    // Given: the fault mix on every API, Organizations and STS included (seeded)
    sb = await startSandbox({
      scenario: 'demo',
      port: 0,
      seed: 18,
      throttleRate: 0.3,
      failRate: 0.2,
      credentialTtlSeconds: 60,
    });
    // When: the sessions run out mid-apply (a real apply of this size outlives 60 s sessions;
    // the sandbox expires every session issued so far, so it happens in every run)
    const running = runAgainst(sb, tempDir(), ['apply', '--yes', '--allow-relaxing']);
    await afterWrites(sb, 20);
    await sb.admin.expireCredentials();
    const run = await running;
    // Then: converged, every drifted target written once, none twice, none left "not read"
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/Not read|incomplete/);
    const counters = await sb.admin.counters();
    const report = JSON.stringify(counters.operations);
    expect(counters.imdsWrites, report).toEqual(
      Object.fromEntries(demoDriftKeys().map((key) => [key, 1])),
    );
    // And the faults really hit every layer the run went through
    expect(errorsOf(counters, 'organizations:', TRANSIENT), report).toBeGreaterThan(5);
    expect(errorsOf(counters, 'sts:AssumeRole', TRANSIENT), report).toBeGreaterThan(0);
    expect(
      errorsOf(counters, 'ec2:GetInstanceMetadataDefaults', TRANSIENT),
      report,
    ).toBeGreaterThan(20);
    expect(errorsOf(counters, 'ec2:', /RequestExpired|ExpiredToken/), report).toBeGreaterThan(0);
  });

  it('given AssumeRole throttled half the time, when discovering, then every account with a role is reachable and a refused role is unreachable at once', async () => {
    // Given
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 7, throttleRate: 0.5 });
    await sb.admin.setFaults({ faultOperations: ['sts:AssumeRole'] });
    const cwd = tempDir();
    const reference = await startSandbox({ scenario: 'demo', port: 0, seed: 7 });
    let expected: string;
    try {
      expected = (await runAgainst(reference, cwd, ['--json', 'discover'])).stdout;
    } finally {
      await reference.close();
    }
    // When
    const run = await runAgainst(sb, cwd, ['--json', 'discover']);
    // Then: the same reachability as without faults, although AssumeRole was throttled
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(reachability(run.stdout)).toEqual(reachability(expected));
    const counters = await sb.admin.counters();
    expect(errorsOf(counters, 'sts:AssumeRole', TRANSIENT)).toBeGreaterThan(3);
    // The demo's accounts without the role are refused once each, never retried.
    const unreachable = Object.entries(reachability(expected)).filter(([, r]) => r !== 'reachable');
    const denied = unreachable.filter(([id]) => id !== DEMO.legacyClosed).length;
    expect(denied).toBeGreaterThan(0);
    expect(counters.operations['sts:AssumeRole']?.errors.AccessDenied).toBe(denied);
  });

  it('given the workload reads throttled half the time, when readiness runs, then it finds what it finds without faults: no region unknown', async () => {
    // Given
    const cwd = tempDir();
    const reference = await startSandbox({ scenario: 'demo', port: 0, seed: 7 });
    let expected: ReadinessJson;
    try {
      expected = JSON.parse((await runAgainst(reference, cwd, ['--json', 'readiness'])).stdout);
    } finally {
      await reference.close();
    }
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 7, throttleRate: 0.5 });
    await sb.admin.setFaults({
      faultOperations: [
        'ec2:DescribeInstances',
        'ec2:DescribeLaunchTemplates',
        'autoscaling:DescribeAutoScalingGroups',
        'monitoring:ListMetrics',
      ],
    });
    // When
    const run = await runAgainst(sb, cwd, ['--json', 'readiness']);
    // Then: the same verdicts, although a read in every few was throttled past the SDK's retries
    const report = JSON.parse(run.stdout) as ReadinessJson;
    expect(report.summary).toEqual(expected.summary);
    const counters = await sb.admin.counters();
    expect(errorsOf(counters, 'ec2:Describe', TRANSIENT)).toBeGreaterThan(10);
  });
});

interface ReadinessJson {
  summary: Record<string, number>;
}

/** Account id → access status (and reason) from `--json discover`. */
function reachability(json: string): Record<string, string> {
  const parsed = JSON.parse(json) as {
    accounts: { id: string; access: { status: string; reason?: string } }[];
  };
  return Object.fromEntries(
    parsed.accounts.map((a) => [
      a.id,
      a.access.status === 'reachable' ? 'reachable' : `unreachable:${a.access.reason}`,
    ]),
  );
}
