import { describe, expect, it } from 'vitest';
import { runGraph, type WorkNode } from '../../src/execute/scheduler.js';

const node = (id: string, lane: string, dependsOn: string[] = []): WorkNode => ({
  id,
  lane,
  dependsOn,
});

describe('runGraph', () => {
  it('skips the whole chain below a failed node and runs everything else', async () => {
    const started: string[] = [];
    const skipped: string[] = [];
    const outcomes = await runGraph({
      nodes: [
        node('a', 'org'),
        node('b', 'org', ['a']),
        node('c', 'org', ['b']),
        node('x', 'acct'),
      ],
      known: new Map(),
      global: 4,
      laneLimit: () => 1,
      run: async (n) => {
        started.push(n.id);
        return n.id === 'a' ? 'failed' : 'succeeded';
      },
      onSkip: (n) => skipped.push(n.id),
      shouldStart: () => true,
    });
    expect(Object.fromEntries(outcomes)).toEqual({
      a: 'failed',
      b: 'skipped',
      c: 'skipped',
      x: 'succeeded',
    });
    expect(started.sort()).toEqual(['a', 'x']);
    expect(skipped).toEqual(['b', 'c']);
  });

  it('treats dependencies outside the batch by their known outcome', async () => {
    const outcomes = await runGraph({
      nodes: [node('b', 'org', ['done-before']), node('c', 'org', ['failed-before'])],
      known: new Map([
        ['done-before', 'succeeded'],
        ['failed-before', 'failed'],
      ]),
      global: 2,
      laneLimit: () => 1,
      run: async () => 'succeeded',
      onSkip: () => {},
      shouldStart: () => true,
    });
    expect(Object.fromEntries(outcomes)).toEqual({ b: 'succeeded', c: 'skipped' });
  });

  it('takes lanes in turn so one busy account does not starve the others', async () => {
    const order: string[] = [];
    await runGraph({
      nodes: [
        ...['1', '2', '3'].map((r) => node(`a${r}`, 'account:a')),
        ...['1', '2', '3'].map((r) => node(`b${r}`, 'account:b')),
      ],
      known: new Map(),
      global: 1,
      laneLimit: () => 1,
      run: async (n) => {
        order.push(n.id);
        return 'succeeded';
      },
      onSkip: () => {},
      shouldStart: () => true,
    });
    expect(order).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
  });

  it('with nothing to do, resolves at once', async () => {
    const outcomes = await runGraph({
      nodes: [],
      known: new Map(),
      global: 1,
      laneLimit: () => 1,
      run: async () => 'succeeded',
      onSkip: () => {},
      shouldStart: () => true,
    });
    expect(outcomes.size).toBe(0);
  });

  it('a node that only waits hands its slot back: others run meanwhile, calls never exceed the caps', async () => {
    // Given one global slot and three nodes that each call, wait, then call again
    let calling = 0;
    let peakCalling = 0;
    const log: string[] = [];
    const call = async (what: string) => {
      calling += 1;
      peakCalling = Math.max(peakCalling, calling);
      log.push(what);
      await new Promise((r) => setTimeout(r, 1));
      calling -= 1;
    };
    const outcomes = await runGraph({
      nodes: ['a', 'b', 'c'].map((id) => node(id, `account:${id}`)),
      known: new Map(),
      global: 1,
      laneLimit: () => 1,
      run: async (n, slot) => {
        await call(`${n.id} write`);
        await slot.yieldWhile(() => new Promise((r) => setTimeout(r, 30)));
        await call(`${n.id} read`);
        return 'succeeded';
      },
      onSkip: () => {},
      shouldStart: () => true,
    });
    // Then every write went out before the first read-back (the waits overlapped), one call at a time
    expect(Object.fromEntries(outcomes)).toEqual({
      a: 'succeeded',
      b: 'succeeded',
      c: 'succeeded',
    });
    expect(log.slice(0, 3)).toEqual(['a write', 'b write', 'c write']);
    expect(log.slice(3).sort()).toEqual(['a read', 'b read', 'c read']);
    expect(peakCalling).toBe(1);
  });

  it('a node back from its wait goes before nodes not yet started, and within its lane cap', async () => {
    // Given one lane with a cap of 1: a1 waits briefly, a2 holds the slot longer, a3 is queued
    const log: string[] = [];
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await runGraph({
      nodes: [node('a1', 'account:a'), node('a2', 'account:a'), node('a3', 'account:a')],
      known: new Map(),
      global: 4,
      laneLimit: () => 1,
      run: async (n, slot) => {
        log.push(`${n.id} start`);
        if (n.id === 'a1') await slot.yieldWhile(() => pause(5));
        await pause(n.id === 'a2' ? 30 : 5);
        log.push(`${n.id} end`);
        return 'succeeded';
      },
      onSkip: () => {},
      shouldStart: () => true,
    });
    // Then a1, back from its wait while a2 held the lane, got the lane before a3 started
    expect(log).toEqual(['a1 start', 'a2 start', 'a2 end', 'a1 end', 'a3 start', 'a3 end']);
  });

  it('after a stop, a node waiting without its slot still gets it back and finishes; the run waits for it', async () => {
    let stop = false;
    const finished: string[] = [];
    const outcomes = await runGraph({
      nodes: [node('a', 'account:a'), node('b', 'account:b'), node('c', 'account:c')],
      known: new Map(),
      global: 1,
      laneLimit: () => 1,
      run: async (n, slot) => {
        stop = true; // Ctrl-C right after the first write
        await slot.yieldWhile(() => new Promise((r) => setTimeout(r, 20)));
        finished.push(n.id);
        return 'succeeded';
      },
      onSkip: () => {},
      shouldStart: () => !stop,
    });
    expect(finished).toEqual(['a']);
    expect(Object.fromEntries(outcomes)).toEqual({
      a: 'succeeded',
      b: 'not-started',
      c: 'not-started',
    });
  });
});
