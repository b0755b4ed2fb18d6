/**
 * A bounded sweep over account × region targets whose reads may have to wait between calls
 * (CloudTrail LookupEvents: 2 a second per account and region). A target that only waits hands
 * its slot to another target (the scheduler's `yieldWhile`), so `concurrency` bounds the calls in
 * flight, not the targets waiting out a quota: holding slots through those waits made them most
 * of the readiness sweep's time.
 */
import { abortableSleep } from '../execute/retry.js';
import { runGraph } from '../execute/scheduler.js';

/** How a read waits `ms` between calls (without holding a sweep slot). */
export type SweepPace = (ms: number) => Promise<void>;

export async function sweepTargets<T, R>(
  concurrency: number,
  targets: readonly T[],
  read: (target: T, pace: SweepPace) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(targets.length);
  let failure: { error: unknown } | undefined;
  await runGraph({
    nodes: targets.map((target, index) => ({
      id: String(index),
      lane: 'sweep',
      dependsOn: [],
      index,
      target,
    })),
    known: new Map(),
    global: Math.max(1, concurrency),
    laneLimit: () => Number.POSITIVE_INFINITY,
    run: async (node, slot) => {
      try {
        results[node.index] = await read(node.target, (ms) =>
          slot.yieldWhile(() => abortableSleep(ms)),
        );
        return 'succeeded';
      } catch (error) {
        failure ??= { error };
        return 'failed';
      }
    },
    onSkip: () => {},
    // Like the reads it replaces: an error stops new targets; the ones under way finish.
    shouldStart: () => failure === undefined,
  });
  if (failure) throw failure.error;
  return results;
}
