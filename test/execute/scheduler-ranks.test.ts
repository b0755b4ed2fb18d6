/**
 * The Organizations lane: writes one at a time in a lane of cap 1, read-backs in a lane of their
 * own (`slot.moveTo`), and ranks that keep attach before swap before detach before delete even
 * though a node reading back no longer holds the write lane.
 */
import { describe, expect, it } from 'vitest';
import { BugError } from '../../src/errors.js';
import { runGraph, type WorkNode } from '../../src/execute/scheduler.js';

interface Ranked extends WorkNode {
  rank: number;
}

const WRITES = 'organizations';
const READS = 'organizations:reads';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const ranked = (id: string, rank: number, dependsOn: string[] = []): Ranked => ({
  id,
  lane: WRITES,
  dependsOn,
  rank,
});

/** Runs each node as: write (in the write lane), move to the read lane, read back `readMs`. */
async function runOrganizations(
  nodes: Ranked[],
  options: { readMs?: (n: Ranked) => number; fail?: string[]; activeLimit?: number } = {},
) {
  const log: string[] = [];
  let writing = 0;
  let peakWriting = 0;
  let reading = 0;
  let peakReading = 0;
  const outcomes = await runGraph<Ranked>({
    nodes,
    known: new Map(),
    global: 8,
    laneLimit: (lane) => (lane === WRITES ? 1 : 2),
    rankOf: (n) => n.rank,
    laneActiveLimit: (lane) =>
      lane === WRITES
        ? (options.activeLimit ?? Number.POSITIVE_INFINITY)
        : Number.POSITIVE_INFINITY,
    run: async (n, slot) => {
      writing += 1;
      peakWriting = Math.max(peakWriting, writing);
      log.push(`${n.id} write`);
      await pause(2);
      writing -= 1;
      await slot.moveTo(READS);
      reading += 1;
      peakReading = Math.max(peakReading, reading);
      await pause(options.readMs?.(n) ?? 10);
      reading -= 1;
      log.push(`${n.id} done`);
      return options.fail?.includes(n.id) ? 'failed' : 'succeeded';
    },
    onSkip: () => {},
    shouldStart: () => true,
  });
  return { log, outcomes, peakWriting, peakReading };
}

describe('runGraph: a ranked lane with its read-backs in a lane of their own', () => {
  it('sends the next write while earlier ones read back, one write at a time, reads within their cap', async () => {
    // Given four attachments of one rank, each reading back 20 ms
    const { log, peakWriting, peakReading } = await runOrganizations(
      ['a1', 'a2', 'a3', 'a4'].map((id) => ranked(id, 3)),
      { readMs: () => 20 },
    );
    // Then a2's write went out before a1's read-back ended
    expect(log.indexOf('a2 write')).toBeLessThan(log.indexOf('a1 done'));
    expect(peakWriting).toBe(1);
    expect(peakReading).toBe(2);
  });

  it('with at most two changes under way, a third write waits until one of the two is read back', async () => {
    const { log } = await runOrganizations(
      ['a1', 'a2', 'a3'].map((id) => ranked(id, 3)),
      { readMs: () => 20, activeLimit: 2 },
    );
    expect(log.indexOf('a2 write')).toBeLessThan(log.indexOf('a1 done'));
    expect(log.indexOf('a3 write')).toBeGreaterThan(log.indexOf('a1 done'));
  });

  it('starts a higher rank only when every lower rank finished, read-back included, whatever its outcome', async () => {
    // Given two attaches (rank 3; one fails), a detach (7) and a delete (8), listed out of order
    const { log, outcomes } = await runOrganizations(
      [ranked('delete', 8), ranked('detach', 7), ranked('attach1', 3), ranked('attach2', 3)],
      { readMs: (n) => (n.id === 'attach1' ? 30 : 5), fail: ['attach2'] },
    );
    // Then the detach started after both attaches were read back, and the delete after the detach
    expect(log.indexOf('detach write')).toBeGreaterThan(log.indexOf('attach1 done'));
    expect(log.indexOf('detach write')).toBeGreaterThan(log.indexOf('attach2 done'));
    expect(log.indexOf('delete write')).toBeGreaterThan(log.indexOf('detach done'));
    expect(outcomes.get('attach2')).toBe('failed');
    expect(outcomes.get('delete')).toBe('succeeded');
  });

  it('a lower rank released late by its dependency still goes before a higher rank queued earlier', async () => {
    // Given an attach waiting for its policy's create, and a detach with nothing to wait for
    const { log } = await runOrganizations([
      ranked('create', 1),
      ranked('attach', 3, ['create']),
      ranked('detach', 7),
    ]);
    // Then the order is create, attach, detach (not create, detach, attach)
    expect(log.filter((l) => l.endsWith('write'))).toEqual([
      'create write',
      'attach write',
      'detach write',
    ]);
  });

  it('a skipped lower rank does not hold the higher ranks back', async () => {
    const { outcomes, log } = await runOrganizations(
      [ranked('create', 1), ranked('attach', 3, ['create']), ranked('detach', 7)],
      { fail: ['create'] },
    );
    expect(outcomes.get('attach')).toBe('skipped');
    expect(outcomes.get('detach')).toBe('succeeded');
    expect(log).toContain('detach done');
  });

  it('refuses a dependency on a higher rank of the same lane (it would never start)', async () => {
    await expect(
      runOrganizations([ranked('attach', 3, ['delete']), ranked('delete', 8)]),
    ).rejects.toThrow(BugError);
  });

  it('a node moved to the read lane and back (a retry) writes in the write lane again, within its cap', async () => {
    const log: string[] = [];
    let writing = 0;
    let peak = 0;
    const write = async (what: string) => {
      writing += 1;
      peak = Math.max(peak, writing);
      log.push(what);
      await pause(3);
      writing -= 1;
    };
    await runGraph<Ranked>({
      nodes: [ranked('a', 3), ranked('b', 3)],
      known: new Map(),
      global: 8,
      laneLimit: (lane) => (lane === WRITES ? 1 : 4),
      rankOf: (n) => n.rank,
      run: async (n, slot) => {
        await write(`${n.id} write`);
        await slot.moveTo(READS);
        await pause(5);
        await slot.moveTo(WRITES);
        await write(`${n.id} write again`);
        return 'succeeded';
      },
      onSkip: () => {},
      shouldStart: () => true,
    });
    expect(peak).toBe(1);
    expect(log).toHaveLength(4);
  });
});
