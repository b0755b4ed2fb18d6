import { describe, expect, it } from 'vitest';
import { mapAwsError } from '../../src/aws/map-aws-error.js';
import { DEFAULT_RETRY_POLICY } from '../../src/aws/retry-settings.js';
import { AwsApiError, UsageError } from '../../src/errors.js';
import { backoffDelay, isRetryableError, withRetry } from '../../src/execute/retry.js';

/** An SDK failure as the gateways hand it on: mapped once, retryability decided there. */
const aws = (code: string, options: { httpStatus?: number } = {}) =>
  mapAwsError(
    Object.assign(new Error('x'), {
      name: code,
      ...(options.httpStatus ? { $metadata: { httpStatusCode: options.httpStatus } } : {}),
    }),
    { service: 'ec2', operation: 'ModifyInstanceMetadataDefaults' },
  );

describe('isRetryableError', () => {
  it.each([
    'Throttling',
    'ThrottlingException',
    'TooManyRequestsException',
    'RequestLimitExceeded',
    'ConcurrentModificationException',
  ])('retries %s', (code) => {
    expect(isRetryableError(aws(code))).toBe(true);
  });

  it('retries 5xx and errors the mapping marked retryable, and network errors', () => {
    expect(isRetryableError(aws('Whatever', { httpStatus: 503 }))).toBe(true);
    const marked = new AwsApiError({ service: 's', operation: 'o' }, 'Whatever', 'x', {
      retryKind: 'transient',
    });
    expect(isRetryableError(marked)).toBe(true);
    // An AwsApiError nobody marked is not retried because of its name alone.
    expect(
      isRetryableError(new AwsApiError({ service: 's', operation: 'o' }, 'Throttling', 'x')),
    ).toBe(false);
    expect(isRetryableError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(true);
  });

  it('does not retry access errors, validation errors or our own errors', () => {
    expect(isRetryableError(aws('AccessDenied', { httpStatus: 403 }))).toBe(false);
    expect(isRetryableError(aws('InvalidParameterValue', { httpStatus: 400 }))).toBe(false);
    expect(isRetryableError(new UsageError('no'))).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially, is capped, and is fully jittered', () => {
    const policy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, policy, () => 0.999)).toBe(99);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
    expect(backoffDelay(9, policy, () => 0.999)).toBe(999);
    expect(backoffDelay(9, policy, () => 0)).toBe(0);
  });
});

describe('withRetry', () => {
  it('given two throttles, when retried, then succeeds on the third attempt and reports each wait', async () => {
    // Given
    const codes = ['Throttling', 'RequestLimitExceeded'];
    const sleeps: number[] = [];
    const retries: { attempt: number; code: string }[] = [];
    // When
    const result = await withRetry(
      async (attempt) => {
        const code = codes.shift();
        if (code) throw aws(code);
        return attempt;
      },
      {
        policy: { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 },
        random: () => 0.5,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        onRetry: ({ attempt, code }) => retries.push({ attempt, code }),
      },
    );
    // Then
    expect(result).toBe(3);
    expect(sleeps).toEqual([50, 100]);
    expect(retries).toEqual([
      { attempt: 2, code: 'Throttling' },
      { attempt: 3, code: 'RequestLimitExceeded' },
    ]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw aws('Throttling');
        },
        {
          policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 },
          random: () => 0,
          sleep: async () => {},
        },
      ),
    ).rejects.toMatchObject({ awsCode: 'Throttling' });
    expect(calls).toBe(3);
  });

  it('does not retry a non-retryable error', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw aws('AccessDenied');
        },
        { policy: DEFAULT_RETRY_POLICY, random: () => 0, sleep: async () => {} },
      ),
    ).rejects.toMatchObject({ awsCode: 'AccessDenied' });
    expect(calls).toBe(1);
  });

  it('stops retrying once aborted', async () => {
    const controller = new AbortController();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls += 1;
          controller.abort();
          throw aws('Throttling');
        },
        {
          policy: DEFAULT_RETRY_POLICY,
          random: () => 0,
          sleep: async () => {},
          signal: controller.signal,
        },
      ),
    ).rejects.toMatchObject({ awsCode: 'Throttling' });
    expect(calls).toBe(1);
  });
});

describe('maxAttemptsFor', () => {
  it('gives Organizations conflicts the whole budget and SDK-retried throttling fewer attempts', async () => {
    const { maxAttemptsFor } = await import('../../src/execute/retry.js');
    const policy = { maxAttempts: 6, baseDelayMs: 1, maxDelayMs: 1 };
    expect(maxAttemptsFor(aws('ConcurrentModificationException'), policy)).toBe(6);
    expect(maxAttemptsFor(aws('Throttling'), policy)).toBe(3);
  });
});
