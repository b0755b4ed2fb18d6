import { AwsError } from '../../errors.js';
import type { BucketRate } from '../../throttle.js';
import type { QueryInput, ServiceDef } from '../types.js';
import { describeImages } from './images.js';
import { getInstanceMetadataDefaults, modifyInstanceMetadataDefaults } from './imds.js';
import { describeInstances, modifyInstanceMetadataOptions } from './instances.js';
import {
  createLaunchTemplateVersion,
  describeLaunchTemplates,
  describeLaunchTemplateVersions,
  modifyLaunchTemplate,
} from './launch-templates.js';
import { runInstancesRecorded } from './launch-trail.js';
import { describeSubnets, describeVpcs } from './network.js';
import { describeRegions } from './regions.js';

export const EC2_VERSION = '2016-11-15';

const AUTH_FAILURE = 'AWS was not able to validate the provided access credentials';

/** EC2 API request-rate buckets per account × region (aws-behaviour.md §3.5). */
const RATES: Record<string, BucketRate> = {
  ModifyInstanceMetadataDefaults: { capacity: 2, refillPerSecond: 2 },
  ModifyInstanceMetadataOptions: { capacity: 100, refillPerSecond: 5 },
  RunInstances: { capacity: 5, refillPerSecond: 2 },
};
const NON_MUTATING = { capacity: 100, refillPerSecond: 20 };
const MUTATING = { capacity: 50, refillPerSecond: 5 };

/** Amazon EC2 over the ec2 query protocol (XML members directly under the root element). */
export const ec2: ServiceDef<QueryInput> = {
  name: 'ec2',
  protocol: 'ec2',
  regionalBuckets: true,
  operations: {
    DescribeRegions: describeRegions,
    GetInstanceMetadataDefaults: getInstanceMetadataDefaults,
    ModifyInstanceMetadataDefaults: modifyInstanceMetadataDefaults,
    // Workloads for `guardrails readiness` (instances.ts, launch-templates.ts, run-instances.ts).
    DescribeInstances: describeInstances,
    ModifyInstanceMetadataOptions: modifyInstanceMetadataOptions,
    RunInstances: runInstancesRecorded,
    DescribeLaunchTemplates: describeLaunchTemplates,
    DescribeLaunchTemplateVersions: describeLaunchTemplateVersions,
    CreateLaunchTemplateVersion: createLaunchTemplateVersion,
    ModifyLaunchTemplate: modifyLaunchTemplate,
    // Where a launch can go (network.ts): prove picks a subnet where there is no default VPC.
    DescribeVpcs: describeVpcs,
    DescribeSubnets: describeSubnets,
    // AMIs and their ImdsSupport (images.ts): the last step of the metadata options' precedence.
    DescribeImages: describeImages,
  },
  authError(problem) {
    if (problem === 'missing') {
      return new AwsError(
        'MissingAuthenticationToken',
        401,
        'Request is missing Authentication Token',
      );
    }
    if (problem === 'expired') return new AwsError('RequestExpired', 400, 'Request has expired.');
    return new AwsError('AuthFailure', 401, AUTH_FAILURE);
  },
  unknownOperation(operation) {
    return new AwsError(
      'InvalidAction',
      400,
      `The action ${operation} is not valid for this web service.`,
    );
  },
  precheck(ctx) {
    // A region the account has not enabled answers like an unknown key (aws-behaviour.md §3.1).
    const account = ctx.sandbox.world.accounts.get(ctx.identity.accountId);
    if (ctx.regionIdx < 0 || account?.regions[ctx.regionIdx] !== 1) {
      return new AwsError('AuthFailure', 401, AUTH_FAILURE);
    }
    return undefined;
  },
  throttleError() {
    return new AwsError('RequestLimitExceeded', 503, 'Request limit exceeded.');
  },
  failureError(pick) {
    return pick < 0.5
      ? new AwsError('InternalError', 500, 'An internal error has occurred.')
      : new AwsError('Unavailable', 503, "The server is overloaded and can't handle the request.");
  },
  bucket(operation) {
    const rate = RATES[operation];
    if (rate) return rate;
    return /^(Describe|Get|List|Search)/.test(operation) ? NON_MUTATING : MUTATING;
  },
};
