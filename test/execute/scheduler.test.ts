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
});
