import type { CallContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { trailOf } from '../../state/trail.js';
import { regionNotEnabled } from '../common-auth.js';
import type { JsonInput, ServiceDef } from '../types.js';
import { lookupEvents } from './lookup-events.js';

/** The target prefix AWS's API reference shows; the JavaScript SDK sends the short service name. */
export const CLOUDTRAIL_TARGET_PREFIX = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101';
export const CLOUDTRAIL_SDK_TARGET_PREFIX = 'CloudTrail_20131101';

/**
 * AWS CloudTrail over JSON 1.1: LookupEvents on the event history of the caller's account in the
 * signed region, 2 requests per second per account per region (CloudTrail quotas).
 */
export const cloudTrail: ServiceDef<JsonInput> = {
  name: 'cloudtrail',
  protocol: 'json',
  regionalBuckets: true,
  operations: { LookupEvents: lookupEvents },
  authError(problem) {
    if (problem === 'missing') {
      return new AwsError(
        'MissingAuthenticationTokenException',
        403,
        'Missing Authentication Token',
      );
    }
    if (problem === 'expired') {
      return new AwsError(
        'ExpiredTokenException',
        400,
        'The security token included in the request is expired',
      );
    }
    return new AwsError(
      'UnrecognizedClientException',
      400,
      'The security token included in the request is invalid.',
    );
  },
  unknownOperation(operation) {
    return new AwsError(
      'UnknownOperationException',
      400,
      `The sandbox does not implement CloudTrail ${operation}.`,
    );
  },
  precheck(ctx) {
    const problem = regionNotEnabled(ctx);
    if (problem) {
      return new AwsError(
        'UnrecognizedClientException',
        400,
        'The security token included in the request is invalid.',
      );
    }
    return lookupDenied(ctx);
  },
  throttleError() {
    return new AwsError('ThrottlingException', 400, 'Rate exceeded');
  },
  failureError() {
    return new AwsError('InternalFailure', 500, 'An internal error occurred.');
  },
  bucket() {
    return { capacity: 2, refillPerSecond: 2 };
  },
};

/** `cloudtrail:*`, `*:LookupEvents`, `*`: IAM action patterns, case-insensitive. */
function matchesAction(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return re.test(action);
}

/**
 * AccessDeniedException (400, CloudTrail API Reference "Common Errors") when the caller may not
 * call LookupEvents: an explicit deny from the `principalDenies` knob (identity policy or
 * permissions boundary, worded as the IAM User Guide's "Troubleshoot access denied error
 * messages" shows it; LookupEvents has no resource, so no "on resource" part), or an account
 * in `trail.denied` (no policy allows it).
 */
function lookupDenied(ctx: CallContext): AwsError | undefined {
  const action = 'cloudtrail:LookupEvents';
  const who = `User: ${ctx.identity.arn} is not authorized to perform: ${action}`;
  const deny = ctx.sandbox.faults.principalDenies.find(
    (d) => d.accountId === ctx.identity.accountId && matchesAction(d.action, action),
  );
  if (deny) {
    const where =
      deny.kind === 'permissions-boundary' ? 'a permissions boundary' : 'an identity-based policy';
    return new AwsError('AccessDeniedException', 400, `${who} with an explicit deny in ${where}`);
  }
  if (trailOf(ctx.sandbox.world).denied.has(ctx.identity.accountId)) {
    return new AwsError(
      'AccessDeniedException',
      400,
      `${who} because no identity-based policy allows the ${action} action`,
    );
  }
  return undefined;
}
