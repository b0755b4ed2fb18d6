/**
 * SDK failures → AwsApiError. The SDK models few of these errors (EC2 none, STS AccessDenied /
 * ExpiredToken / Throttling neither), so we switch on `err.name`, never on `instanceof`.
 */
import { AwsApiError, type AwsCallContext, type RetryKind } from '../errors.js';

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $response?: { statusCode?: number };
}

/**
 * What is retried, decided here once (the executor reads `AwsApiError.retryKind`). Throttling:
 * the SDK's THROTTLING_ERROR_CODES (see reference §8).
 */
const THROTTLING = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);

/** Organizations answers these while another write to the same object is in progress. */
const CONFLICT = new Set(['ConcurrentModificationException', 'PolicyChangesInProgressException']);

/** The SDK's TRANSIENT_ERROR_CODES and the 5xx names EC2, STS and Organizations answer. */
const TRANSIENT = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ServiceException',
  'InternalError',
  'InternalFailure',
  'Unavailable',
]);

/**
 * Connection failures: the SDK's NODEJS_TIMEOUT_ERROR_CODES and NODEJS_NETWORK_ERROR_CODES
 * (@smithy/core retry, service-error-classification), and SDK v2's NetworkingError.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'NetworkingError',
]);

/** Codes that mean the credentials in use are no longer valid (refresh and try again). */
export const EXPIRED_CREDENTIAL_CODES: ReadonlySet<string> = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
]);

export const ACCESS_DENIED_CODES: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
]);

/** Whether (and why) a failure with this code and HTTP status is worth another try. */
export function retryKindOf(code: string, httpStatus?: number): RetryKind | undefined {
  if (CONFLICT.has(code)) return 'conflict';
  if (THROTTLING.has(code) || httpStatus === 429) return 'throttling';
  if (NETWORK_CODES.has(code)) return 'network';
  if (TRANSIENT.has(code) || (httpStatus !== undefined && httpStatus >= 500)) return 'transient';
  return undefined;
}

export function mapAwsError(err: unknown, context: AwsCallContext): AwsApiError {
  if (err instanceof AwsApiError) return err;
  const e = (err ?? {}) as SdkErrorLike;
  const httpStatus = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const message = (e.message ?? String(err)).trim();

  if (isDeserializationError(e)) {
    return new AwsApiError(
      context,
      'MalformedResponse',
      `the endpoint returned a response that could not be parsed${httpStatus ? ` (HTTP ${httpStatus})` : ''}: ${firstLine(message)}`,
      {
        ...(httpStatus ? { httpStatus } : {}),
        hint: 'Check --endpoint-url / AWS_ENDPOINT_URL: it must point at an AWS-compatible endpoint.',
        cause: err,
      },
    );
  }
  if (e.name === 'CredentialsProviderError') {
    return new AwsApiError(context, 'CredentialsNotFound', firstLine(message), {
      hint: 'Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, pass --profile, or run `aws sso login`.',
      cause: err,
    });
  }
  if (e.code && NETWORK_CODES.has(e.code)) {
    return new AwsApiError(context, e.code, `network error: ${firstLine(message)}`, {
      retryKind: 'network',
      hint: 'Check the network and --endpoint-url / AWS_ENDPOINT_URL.',
      cause: err,
    });
  }

  const code = e.name && e.name !== 'Error' ? e.name : (e.code ?? 'UnknownError');
  const retryKind = retryKindOf(code, httpStatus);
  return new AwsApiError(context, code, firstLine(message) || code, {
    ...(retryKind ? { retryKind } : {}),
    ...(httpStatus ? { httpStatus } : {}),
    ...hintFor(code, context),
    cause: err,
  });
}

/** Runs one SDK call and maps whatever it throws. */
export async function callAws<T>(context: AwsCallContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw mapAwsError(err, context);
  }
}

/**
 * Like callAws, for calls made with assumed-role credentials: long sweeps outlive a session,
 * so on an expired token `refresh` drops the cached credentials (and clients) and the call is
 * made once more; a second failure is thrown.
 */
export async function callAwsRefreshing<T>(
  context: AwsCallContext,
  fn: () => Promise<T>,
  refresh: (() => void) | undefined,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const mapped = mapAwsError(err, context);
    if (!refresh || !EXPIRED_CREDENTIAL_CODES.has(mapped.awsCode)) throw mapped;
    refresh();
    return callAws(context, fn);
  }
}

function isDeserializationError(e: SdkErrorLike): boolean {
  const message = e.message ?? '';
  return (
    message.includes('Deserialization error') ||
    ((e.name === 'SyntaxError' || e.name === 'TypeError') && e.$response !== undefined) ||
    (e.name === 'SyntaxError' && e.$metadata !== undefined)
  );
}

function hintFor(code: string, context: AwsCallContext): { hint?: string } {
  switch (code) {
    case 'AWSOrganizationsNotInUseException':
      return {
        hint: 'The caller account is not in an AWS Organization; run from its management account.',
      };
    case 'AccessDeniedException':
    case 'AccessDenied':
    case 'UnauthorizedOperation':
      return {
        hint: `The credentials in use lack permission for ${context.service}:${context.operation}.`,
      };
    case 'InvalidClientTokenId':
    case 'SignatureDoesNotMatch':
    case 'UnrecognizedClientException':
      return { hint: 'The access key is unknown or the secret is wrong; check your credentials.' };
    case 'ExpiredToken':
    case 'ExpiredTokenException':
      return { hint: 'The session credentials expired; log in again (e.g. `aws sso login`).' };
    default:
      return {};
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
