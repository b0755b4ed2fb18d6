/**
 * The two retry layers' settings, read from the environment once per command: the SDK's
 * per-call retries (src/aws/client-factory.ts) and the executor's per-change retries
 * (src/execute/retry.ts). Both are capped exponential backoff with full jitter.
 */
import { UsageError } from '../errors.js';

export interface RetryPolicy {
  /** Total attempts, the first included. */
  maxAttempts: number;
  /** Backoff base: attempt n waits random() × min(base × 2^(n-1), max). */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Per SDK call: a few quick attempts (the SDK's retry quota stops storms). */
export const DEFAULT_SDK_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
};

/** Per change, after the SDK gave up: fewer, much longer waits. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 20_000,
};

export interface RetrySettings {
  sdk: RetryPolicy;
  change: RetryPolicy;
}

/**
 * AWS_MAX_ATTEMPTS is the SDKs' standard knob (per call); GUARDRAILS_RETRY_BASE_MS / _MAX_MS
 * tune both layers' backoff (tests and benchmarks set them near zero). A value that is not a
 * whole number is an error naming the variable, as the SDK itself refuses a bad AWS_MAX_ATTEMPTS.
 */
export function retrySettingsFromEnv(env: Record<string, string | undefined>): RetrySettings {
  const attempts = wholeNumber(env, 'AWS_MAX_ATTEMPTS', 1);
  const base = wholeNumber(env, 'GUARDRAILS_RETRY_BASE_MS', 0);
  const max = wholeNumber(env, 'GUARDRAILS_RETRY_MAX_MS', 0);
  const backoff = {
    ...(base !== undefined ? { baseDelayMs: base } : {}),
    ...(max !== undefined ? { maxDelayMs: max } : {}),
  };
  return {
    sdk: {
      ...DEFAULT_SDK_RETRY,
      ...(attempts !== undefined ? { maxAttempts: attempts } : {}),
      ...backoff,
    },
    change: { ...DEFAULT_RETRY_POLICY, ...backoff },
  };
}

function wholeNumber(
  env: Record<string, string | undefined>,
  name: string,
  min: number,
): number | undefined {
  const value = env[name];
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (Number.isInteger(n) && n >= min) return n;
  throw new UsageError(
    `${name} must be a whole number ${min === 0 ? '(0 or more)' : `of at least ${min}`}; got "${value}"`,
    { hint: `Unset ${name} or set it to a number, e.g. ${name}=${min === 0 ? 100 : 3}.` },
  );
}
