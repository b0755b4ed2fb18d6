/**
 * Change-level retries: capped exponential backoff with full jitter (AWS Architecture Blog
 * "Exponential Backoff And Jitter"; CDK `cappedExponentialBackoff`).
 *
 * Who retries what, and why there is no retry storm:
 * - The SDK clients (src/aws/client-factory.ts) retry each HTTP call a few times with their own
 *   standard strategy, which has a client-wide retry quota: a burst of throttling drains the
 *   quota and the SDK stops retrying instead of multiplying load.
 * - This layer retries a whole change (write + read-back) only after the SDK gave up, with a
 *   small budget and a much longer, growing delay, and for the Organizations conflicts the SDK
 *   never retries (`ConcurrentModificationException`, `PolicyChangesInProgressException`).
 *   Every write we send is idempotent (absolute values, duplicate attachment = success), so a
 *   retry after an ambiguous failure cannot double-apply anything.
 * Worst case per change: sdkAttempts × maxAttempts calls, spread over tens of seconds — the
 * outer loop slows a throttled account × region down rather than hammering it.
 */

import { retryKindOf } from '../aws/map-aws-error.js';
import type { RetryPolicy } from '../aws/retry-settings.js';
import { AwsApiError, isGuardrailsError, type RetryKind } from '../errors.js';

/** The AWS error code of anything thrown by a gateway (AwsApiError.awsCode, else SDK name/code). */
export function errorCode(err: unknown): string {
  if (err instanceof AwsApiError) return err.awsCode;
  if (isGuardrailsError(err)) return err.code;
  if (err && typeof err === 'object') {
    const e = err as { name?: unknown; code?: unknown };
    if (typeof e.code === 'string' && e.code) return e.code;
    if (typeof e.name === 'string' && e.name && e.name !== 'Error') return e.name;
  }
  return 'Error';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Why a failure is worth another try: an AwsApiError says so itself (decided where it was mapped,
 * src/aws/map-aws-error.ts); anything else thrown with an AWS or network code is judged by the
 * same rules; the tool's own errors never are.
 */
export function retryKindOfError(err: unknown): RetryKind | undefined {
  if (err instanceof AwsApiError) return err.retryKind;
  if (isGuardrailsError(err)) return undefined;
  return retryKindOf(errorCode(err));
}

export function isRetryableError(err: unknown): boolean {
  return retryKindOfError(err) !== undefined;
}

/** Errors the SDK already retried get fewer outer attempts than conflicts the SDK never retries. */
export const SDK_RETRIED_MAX_ATTEMPTS = 3;

export function maxAttemptsFor(err: unknown, policy: RetryPolicy): number {
  return retryKindOfError(err) === 'conflict'
    ? policy.maxAttempts
    : Math.min(policy.maxAttempts, SDK_RETRIED_MAX_ATTEMPTS);
}

/** Full jitter: a uniform delay in [0, min(cap, base · 2^(attempt-1))). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * exp);
}

export interface RetryDeps {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

export interface WithRetryOptions extends RetryDeps {
  policy: RetryPolicy;
  /** Stop waiting (not the running call) when aborted: the last error is rethrown. */
  signal?: AbortSignal;
  isRetryable?: (err: unknown) => boolean;
  /** Per-error attempt budget (default: policy.maxAttempts). */
  maxAttemptsFor?: (err: unknown) => number;
  onRetry?: (info: { attempt: number; delayMs: number; code: string; error: unknown }) => void;
}

/** Runs `fn` until it succeeds, fails with a non-retryable error, or the budget is spent. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: WithRetryOptions) {
  const retryable = options.isRetryable ?? isRetryableError;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn(attempt);
    } catch (err) {
      const budget = options.maxAttemptsFor?.(err) ?? options.policy.maxAttempts;
      if (attempt >= budget || !retryable(err) || options.signal?.aborted) {
        throw err;
      }
      const delayMs = backoffDelay(attempt, options.policy, options.random);
      options.onRetry?.({ attempt: attempt + 1, delayMs, code: errorCode(err), error: err });
      await options.sleep(delayMs, options.signal);
      if (options.signal?.aborted) throw err;
    }
  }
}

/** A sleep that resolves early (without throwing) when the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) {
      resolve();
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
