/**
 * Read-backs on an eventually consistent API: EC2 and Organizations may answer the previous value
 * right after a write (EC2 developer guide, "Eventual consistency in the Amazon EC2 API": retry
 * with backoff). A read-back is repeated with growing delays until it shows the intended state
 * or the window is spent; only then does the target count as failed. Only reads repeat: the
 * write itself is sent once.
 *
 * GUARDRAILS_READBACK_WINDOW_MS (default 20 s) and GUARDRAILS_POLICY_TYPE_WAIT_MS (default 120 s,
 * how long an EnablePolicyType may stay PENDING_ENABLE) tune the bounds.
 * GUARDRAILS_READBACK_SETTLE_MS (default 2 s) bounds the "did an earlier write land?" question
 * (retry, resume, rollback), where waiting the full window for a write that never landed would
 * stall every such target. How long AWS takes to become consistent is not published
 * (unconfirmed); a second identical IMDS write is harmless, an undo is never sent on a guess.
 */
import { abortableSleep } from './retry.js';

export interface ReadBackWindow {
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

function envMs(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : fallback;
}

export function readBackWindow(): ReadBackWindow {
  return {
    windowMs: envMs('GUARDRAILS_READBACK_WINDOW_MS', 20_000),
    baseDelayMs: 50,
    maxDelayMs: 2_000,
  };
}

export function settleWindow(): ReadBackWindow {
  return {
    windowMs: envMs('GUARDRAILS_READBACK_SETTLE_MS', 2_000),
    baseDelayMs: 50,
    maxDelayMs: 500,
  };
}

export function policyTypeWindow(): ReadBackWindow {
  return {
    windowMs: envMs('GUARDRAILS_POLICY_TYPE_WAIT_MS', 120_000),
    baseDelayMs: 100,
    maxDelayMs: 5_000,
  };
}

/** How a read-back waits between reads: a plain sleep, or one that hands back a scheduler slot. */
export type ReadBackWait = (ms: number, signal?: AbortSignal) => Promise<void>;

/** How a change paces its read-back (the executor's; a plain sleep elsewhere). */
export interface ReadBackPace {
  wait: ReadBackWait;
  /** The write is sent and only reads are left: an Organizations change leaves the write lane. */
  reading(): Promise<void>;
}

/**
 * Reads until `done(value)` or the window is spent, and returns the last value read (the caller
 * reports a mismatch when it is still not done).
 */
export async function readUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  window: ReadBackWindow = readBackWindow(),
  signal?: AbortSignal,
  wait: ReadBackWait = abortableSleep,
): Promise<T> {
  const deadline = Date.now() + window.windowMs;
  let delay = window.baseDelayMs;
  for (;;) {
    const value = await read();
    if (done(value) || signal?.aborted) return value;
    const left = deadline - Date.now();
    if (left <= 0) return value;
    await wait(Math.min(delay, left), signal);
    delay = Math.min(window.maxDelayMs, delay * 2);
  }
}
