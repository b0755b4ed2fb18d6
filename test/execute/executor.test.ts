import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Change } from '../../src/core/plan/types.js';
import { type ExecuteInput, executeWaves } from '../../src/execute/executor.js';
import { JournalWriter, readJournal } from '../../src/execute/journal-store.js';
import { answeringHost } from '../_helpers/answering-host.js';
import {
  attachChange,
  createPolicyChange,
  imdsChange,
  testJournalHeader,
} from '../_helpers/change-builders.js';
import { createFakeGateways, createFakeWorld, type FakeWorld } from '../_helpers/fake-gateways.js';
import { tempDir } from '../_helpers/temp-dir.js';

const header = testJournalHeader;

const opened: JournalWriter[] = [];
afterEach(async () => {
  for (const j of opened.splice(0)) await j.close();
});

async function setup(
  world: FakeWorld,
  waves: { name: string; changes: Change[] }[],
  overrides: Partial<ExecuteInput> = {},
) {
  const host = answeringHost();
  const journal = await JournalWriter.create(tempDir(), header, new Date());
  opened.push(journal);
  const input: ExecuteInput = {
    waves,
    gateways: createFakeGateways(world),
    host,
    journal,
    signal: new AbortController().signal,
    limits: { global: 8, perAccount: 2, organizations: 1 },
    retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100 },
    maxFailureRatio: 0.5,
    confirmBetweenWaves: false,
    sleep: async () => {},
    random: () => 0.5,
    now: () => new Date('2026-11-26T10:00:00Z'),
    ...overrides,
  };
  return { host, journal, input };
}

describe('executeWaves', () => {
  it('given a create + attach + defaults, when run, then writes in dependency order, reads back, and journals each', async () => {
    // Given
    const world = createFakeWorld();
    const create = createPolicyChange();
    const attach = attachChange('r-root', [create.id]);
    const imds = imdsChange('222222222201', 'us-east-1');
    const { host, journal, input } = await setup(world, [
      { name: 'all', changes: [create, attach, imds] },
    ]);
    // When
    const result = await executeWaves(input);
    await journal.close();
    // Then
    expect(result.succeeded).toBe(3);
    expect(result.failed).toEqual([]);
    const policyId = [...world.policies.values()].find((p) => p.summary.name === 'DenyIMDSv1')
      ?.summary.id;
    expect(world.attachments.get('r-root')?.has(policyId ?? '')).toBe(true);
    expect(world.imds.get('222222222201:us-east-1')).toEqual({
      httpTokens: 'required',
      httpPutResponseHopLimit: 2,
    });
    expect(world.calls.indexOf('CreatePolicy')).toBeLessThan(
      world.calls.indexOf('AttachPolicy:r-root'),
    );
    expect(world.calls).toContain('Get:222222222201:us-east-1');
    const state = await readJournal(journal.path);
    expect([...state.changes.values()].every((c) => c.status === 'done')).toBe(true);
    expect(host.ofType('change.succeeded')).toHaveLength(3);
  });

  it('given throttling, when run, then retries with change.retrying events and writes once on success', async () => {
    const world = createFakeWorld();
    world.failures.set('Modify:222222222201:us-east-1', ['Throttling', 'RequestLimitExceeded']);
    const { host, input } = await setup(world, [
      { name: 'all', changes: [imdsChange('222222222201', 'us-east-1')] },
    ]);
    const result = await executeWaves(input);
    expect(result.succeeded).toBe(1);
    expect(host.ofType('change.retrying').map((e) => [e.attempt, e.code])).toEqual([
      [2, 'Throttling'],
      [3, 'RequestLimitExceeded'],
    ]);
  });

  it('given a failed create, when run, then the dependent attachment is skipped, not attempted', async () => {
    const world = createFakeWorld();
    world.failures.set('CreatePolicy', ['AccessDeniedException']);
    const create = createPolicyChange();
    const { host, input } = await setup(world, [
      { name: 'all', changes: [create, attachChange('r-root', [create.id])] },
    ]);
    const result = await executeWaves(input);
    expect(result.failed.map((f) => f.code)).toEqual(['AccessDeniedException']);
    expect(result.skipped).toBe(1);
    expect(world.calls).not.toContain('AttachPolicy:r-root');
    expect(host.ofType('change.skipped')[0]?.reason).toMatch(/failed/);
  });

  it('respects the per-account and global limits', async () => {
    const world = createFakeWorld();
    let running = 0;
    let peak = 0;
    const perAccount = new Map<string, number>();
    let peakPerAccount = 0;
    world.gate = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 2));
      running -= 1;
    };
    const changes = ['01', '02', '03', '04'].flatMap((a) =>
      ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'].map((r) =>
        imdsChange(`2222222222${a}`, r),
      ),
    );
    const { input } = await setup(world, [{ name: 'all', changes }], {
      limits: { global: 3, perAccount: 1, organizations: 1 },
    });
    const gw = input.gateways;
    input.gateways = {
      ...gw,
      ec2: async (accountId, region) => {
        const inner = await gw.ec2(accountId, region);
        const track = async <T>(fn: () => Promise<T>) => {
          const n = (perAccount.get(accountId) ?? 0) + 1;
          perAccount.set(accountId, n);
          peakPerAccount = Math.max(peakPerAccount, n);
          try {
            return await fn();
          } finally {
            perAccount.set(accountId, (perAccount.get(accountId) ?? 1) - 1);
          }
        };
        return {
          ...inner,
          accountId,
          region,
          getInstanceMetadataDefaults: () => track(() => inner.getInstanceMetadataDefaults()),
          modifyInstanceMetadataDefaults: (s, o) =>
            track(() => inner.modifyInstanceMetadataDefaults(s, o)),
        };
      },
    };
    const result = await executeWaves(input);
    expect(result.succeeded).toBe(16);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
    expect(peakPerAccount).toBe(1);
  });

  it('stops the rollout when a wave passes the failure ratio', async () => {
    const world = createFakeWorld();
    world.failures.set('Modify:222222222201:us-east-1', ['AccessDenied']);
    const canary = { name: 'canary', changes: [imdsChange('222222222201', 'us-east-1')] };
    const rest = { name: 'rest', changes: [imdsChange('222222222202', 'us-east-1')] };
    const { host, input } = await setup(world, [canary, rest], { maxFailureRatio: 0.1 });
    const result = await executeWaves(input);
    expect(result.stopReason).toBe('failure-ratio');
    expect(result.stoppedAtWave).toBe('rest');
    expect(result.notStarted).toBe(1);
    expect(world.calls).not.toContain('Modify:222222222202:us-east-1');
    expect(host.ofType('wave.started').map((e) => e.wave)).toEqual(['canary']);
  });

  it('asks between waves and stops when declined', async () => {
    const world = createFakeWorld();
    const { input } = await setup(
      world,
      [
        { name: 'canary', changes: [imdsChange('222222222201', 'us-east-1')] },
        { name: 'rest', changes: [imdsChange('222222222202', 'us-east-1')] },
      ],
      { confirmBetweenWaves: true },
    );
    const host = answeringHost({ 'apply.next-wave': false });
    input.host = host;
    const result = await executeWaves(input);
    expect(host.questions.map((q) => q.id)).toEqual(['apply.next-wave']);
    expect(result.stopReason).toBe('declined');
    expect(result.succeeded).toBe(1);
  });

  it('Ctrl-C at the between-waves prompt is a stop (aborted), not a decline', async () => {
    const world = createFakeWorld();
    const controller = new AbortController();
    const { input } = await setup(
      world,
      [
        { name: 'canary', changes: [imdsChange('222222222201', 'us-east-1')] },
        { name: 'rest', changes: [imdsChange('222222222202', 'us-east-1')] },
      ],
      { confirmBetweenWaves: true, signal: controller.signal },
    );
    const host = answeringHost({ 'apply.next-wave': false });
    const ask = host.ask.bind(host);
    // The terminal host answers "no" and aborts the run when Ctrl-C is pressed at a prompt.
    host.ask = (async (question: Parameters<typeof ask>[0]) => {
      controller.abort();
      return ask(question);
    }) as typeof host.ask;
    input.host = host;
    const result = await executeWaves(input);
    expect(result.stopReason).toBe('aborted');
    expect(result.succeeded).toBe(1);
    expect(world.calls).not.toContain('Modify:222222222202:us-east-1');
  });

  it('on abort lets in-flight changes finish and journal, and starts nothing new', async () => {
    const world = createFakeWorld();
    const controller = new AbortController();
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    world.gate = () => held;
    const changes = ['01', '02', '03'].map((a) => imdsChange(`2222222222${a}`, 'us-east-1'));
    const { journal, input } = await setup(world, [{ name: 'all', changes }], {
      limits: { global: 1, perAccount: 1, organizations: 1 },
      signal: controller.signal,
    });
    const run = executeWaves(input);
    await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    release();
    const result = await run;
    await journal.close();
    expect(result.stopReason).toBe('aborted');
    expect(result.succeeded).toBe(1);
    expect(result.notStarted).toBe(2);
    const state = await readJournal(journal.path);
    expect([...state.changes.values()].map((c) => c.status)).toEqual(['done']);
  });

  it('treats a read-back that differs from the write as a failure', async () => {
    const world = createFakeWorld();
    const { input } = await setup(world, [
      { name: 'all', changes: [imdsChange('222222222201', 'us-east-1')] },
    ]);
    const gw = input.gateways;
    input.gateways = {
      ...gw,
      ec2: async (a, r) => ({
        ...(await gw.ec2(a, r)),
        accountId: a,
        region: r,
        modifyInstanceMetadataDefaults: async () => {},
      }),
    };
    // The read-back repeats until its window is spent (20 s by default): a short one is enough
    // to see a write that never lands reported as a mismatch.
    vi.stubEnv('GUARDRAILS_READBACK_WINDOW_MS', '300');
    try {
      const result = await executeWaves(input);
      expect(result.failed[0]?.code).toBe('ReadBackMismatch');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('given a crafted detach and delete of FullAWSAccess, when run, then refuses each clearly and sends nothing', async () => {
    // Given: changes the planner never makes (a saved plan carrying them is refused on read)
    const world = createFakeWorld();
    const detach: Change = {
      id: 'detach-full',
      kind: 'attachment.remove',
      risk: 'relaxing',
      dependsOn: [],
      policyName: 'FullAWSAccess',
      policyId: 'p-FullAWSAccess',
      target: { type: 'ROOT', id: 'r-root', label: 'Root' },
    };
    const remove: Change = {
      id: 'delete-full',
      kind: 'policy.delete',
      risk: 'relaxing',
      dependsOn: [],
      policyName: 'FullAWSAccess',
      policyId: 'p-FullAWSAccess',
      before: { content: '{}' },
    };
    const { host, input } = await setup(world, [{ name: 'all', changes: [detach, remove] }]);
    // When
    const result = await executeWaves(input);
    // Then: two refusals that name the change and say why — no internal error, no retry, no call
    expect(result.failed.map((f) => f.code)).toEqual(['USAGE', 'USAGE']);
    for (const failure of result.failed) {
      expect(failure.message).toMatch(
        /asks to (detach|delete) FullAWSAccess; guardrails never does/,
      );
      expect(failure.message).not.toMatch(/Internal error|BUG/);
    }
    expect(world.calls.filter((c) => /Detach|Delete/.test(c))).toEqual([]);
    expect(host.ofType('change.retrying')).toEqual([]);
  });
});
