import { describe, expect, it } from 'vitest';
import { mapAwsError } from '../../src/aws/map-aws-error.js';
import { AwsApiError } from '../../src/errors.js';

const ctx = {
  service: 'ec2',
  operation: 'GetInstanceMetadataDefaults',
  accountId: '222222222201',
  region: 'eu-west-1',
};

function sdkError(name: string, message: string, status?: number) {
  return Object.assign(new Error(message), {
    name,
    ...(status ? { $metadata: { httpStatusCode: status } } : {}),
  });
}

describe('mapAwsError', () => {
  it.each([
    ['RequestLimitExceeded', 503, true],
    ['Throttling', 400, true],
    ['InternalError', 500, true],
    ['AuthFailure', 401, false],
    ['UnauthorizedOperation', 403, false],
    ['InvalidParameterValue', 400, false],
    ['SomethingNew', 429, true],
  ])('%s (HTTP %d) → retryable %s', (name, status, retryable) => {
    const mapped = mapAwsError(sdkError(name, 'boom', status), ctx);
    expect(mapped).toBeInstanceOf(AwsApiError);
    expect(mapped.awsCode).toBe(name);
    expect(mapped.retryable).toBe(retryable);
    expect(mapped.httpStatus).toBe(status);
    expect(mapped.context).toEqual(ctx);
    expect(mapped.message).toBe(
      `ec2:GetInstanceMetadataDefaults (222222222201 eu-west-1) failed: ${name}: boom`,
    );
  });

  it('names a response that could not be parsed as MalformedResponse with a hint', () => {
    const err = Object.assign(new SyntaxError('Unexpected token < in JSON at position 0'), {
      $response: { statusCode: 200 },
      $metadata: { httpStatusCode: 200 },
    });
    const mapped = mapAwsError(err, ctx);
    expect(mapped.awsCode).toBe('MalformedResponse');
    expect(mapped.message).toContain('could not be parsed (HTTP 200)');
    expect(mapped.hint).toContain('--endpoint-url');
  });

  it('maps a refused connection to a retryable network error', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    const mapped = mapAwsError(err, ctx);
    expect(mapped.awsCode).toBe('ECONNREFUSED');
    expect(mapped.retryable).toBe(true);
  });

  it.each([
    ['ConcurrentModificationException', 400, 'conflict'],
    ['PolicyChangesInProgressException', 400, 'conflict'],
    ['LimitExceededException', 400, 'throttling'],
    ['ServiceUnavailableException', 503, 'transient'],
    ['SomethingNew', 504, 'transient'],
    ['ValidationException', 400, undefined],
  ])('decides once why %s (HTTP %d) is retried: %s', (name, status, kind) => {
    expect(mapAwsError(sdkError(name, 'boom', status), ctx).retryKind).toBe(kind);
  });

  it.each(['EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])('retries the network error %s', (code) => {
    const mapped = mapAwsError(Object.assign(new Error(code), { code }), ctx);
    expect(mapped.retryKind).toBe('network');
  });

  it('explains missing credentials', () => {
    const err = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    const mapped = mapAwsError(err, ctx);
    expect(mapped.awsCode).toBe('CredentialsNotFound');
    expect(mapped.hint).toContain('--profile');
  });

  it('passes an AwsApiError through unchanged', () => {
    const original = new AwsApiError(ctx, 'X', 'y');
    expect(mapAwsError(original, { service: 's', operation: 'o' })).toBe(original);
  });
});
