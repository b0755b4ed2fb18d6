/**
 * What to do about a change that failed, said where the failure shows (the CI log, the rollout
 * screen): the answers of docs/troubleshooting.md, keyed by the AWS error code. One hint per
 * kind of failure; hosts show each kind once, however many changes it hit.
 */

export type FailureKind = 'throttling' | 'expired-credentials' | 'access-denied';

const THROTTLING =
  /^(Throttling|ThrottlingException|TooManyRequestsException|RequestLimitExceeded|RequestThrottled|RequestThrottledException|ThrottledException|EC2ThrottledException|SlowDown|PriorRequestNotComplete)$/;
const EXPIRED = /^(ExpiredToken|ExpiredTokenException|RequestExpired)$/;
const DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation)$/;

export function failureKind(code: string): FailureKind | undefined {
  if (THROTTLING.test(code)) return 'throttling';
  if (EXPIRED.test(code)) return 'expired-credentials';
  if (DENIED.test(code)) return 'access-denied';
  return undefined;
}

const HINTS: Record<FailureKind, string> = {
  throttling:
    'AWS kept throttling after the retries: lower --concurrency (or rollout.concurrency), do not run two copies against one organization, then resume the journal (guardrails apply --resume <journal>).',
  'expired-credentials':
    'the credentials expired during the run: log in again (e.g. aws sso login) or lengthen the CI role session, then resume the journal (guardrails apply --resume <journal>); finished changes are not repeated.',
  'access-denied':
    'a permission is missing: `guardrails permissions` prints the caller and member-role policies this needs; a denying SCP or permissions boundary can refuse it too.',
};

/** The hint for a failure code, or undefined when there is nothing better to say than the error. */
export function failureHint(code: string): string | undefined {
  const kind = failureKind(code);
  return kind === undefined ? undefined : HINTS[kind];
}
