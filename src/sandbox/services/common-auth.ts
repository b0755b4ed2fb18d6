/**
 * The authentication answers shared by the services that behave like AWS's non-EC2 endpoints
 * (STS, CloudWatch, Auto Scaling): the same codes and messages for a missing, expired or unknown
 * token, and for a token used in a region the caller has not enabled (aws-behaviour.md §2.1–2.2).
 */
import type { CallContext } from '../context.js';
import { AwsError } from '../errors.js';
import type { AuthProblem } from './types.js';

export function tokenAuthError(problem: AuthProblem): AwsError {
  if (problem === 'missing') {
    return new AwsError(
      'MissingAuthenticationToken',
      403,
      'Request is missing Authentication Token',
    );
  }
  if (problem === 'expired') {
    return new AwsError(
      'ExpiredToken',
      403,
      'The security token included in the request is expired',
    );
  }
  return invalidToken();
}

export function unknownAction(operation: string, version: string): AwsError {
  return new AwsError(
    'InvalidAction',
    400,
    `Could not find operation ${operation} for version ${version}`,
  );
}

/** A regional endpoint in a region the caller has not enabled rejects the token. */
export function regionNotEnabled(ctx: CallContext): AwsError | undefined {
  const account = ctx.sandbox.world.accounts.get(ctx.identity.accountId);
  return ctx.regionIdx < 0 || account?.regions[ctx.regionIdx] !== 1 ? invalidToken() : undefined;
}

function invalidToken(): AwsError {
  return new AwsError(
    'InvalidClientTokenId',
    403,
    'The security token included in the request is invalid.',
  );
}
