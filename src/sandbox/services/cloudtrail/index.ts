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
    if (trailOf(ctx.sandbox.world).denied.has(ctx.identity.accountId)) {
      return new AwsError(
        'AccessDeniedException',
        400,
        `User: ${ctx.identity.arn} is not authorized to perform: cloudtrail:LookupEvents because no identity-based policy allows the cloudtrail:LookupEvents action`,
      );
    }
    return undefined;
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
