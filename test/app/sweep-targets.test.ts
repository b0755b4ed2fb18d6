import { describe, expect, it } from 'vitest';
import { sweepTargets } from '../../src/app/sweep-targets.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sweepTargets', () => {
  it('a target waiting out a quota frees its slot: waits overlap, calls in flight stay within the bound, results keep their order', async () => {
    // Given 6 targets, 2 slots, each target: call, wait 40 ms (the quota), call
    let inFlight = 0;
    let peak = 0;
    const log: string[] = [];
    const call = async (what: string) => {
      log.push(what);
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await pause(2);
      inFlight -= 1;
    };
    const results = await sweepTargets(2, [1, 2, 3, 4, 5, 6], async (n, pace) => {
      await call('first');
      await pace(40);
      await call('second');
      return n * 10;
    });
    // Then every target made its first call before any made its second: all six waited at once
    expect(results).toEqual([10, 20, 30, 40, 50, 60]);
    expect(log.slice(0, 6)).toEqual(Array(6).fill('first'));
    expect(peak).toBeLessThanOrEqual(2);
  });

  it('an error stops new targets, lets the ones under way finish, and is thrown', async () => {
    const finished: number[] = [];
    const error = await sweepTargets(1, [1, 2, 3], async (n) => {
      if (n === 1) throw new Error('boom');
      finished.push(n);
      return n;
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('boom');
    expect(finished).toEqual([]);
  });
});
