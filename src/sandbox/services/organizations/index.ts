import { AwsError } from '../../errors.js';
import type { JsonInput, ServiceDef } from '../types.js';
import { orgError } from './input.js';
import * as policies from './policies.js';
import * as read from './read.js';

export const ORGANIZATIONS_TARGET_PREFIX = 'AWSOrganizationsV20161128';

const WRITES = new Set([
  'CreatePolicy',
  'UpdatePolicy',
  'DeletePolicy',
  'AttachPolicy',
  'DetachPolicy',
  'EnablePolicyType',
  'DisablePolicyType',
]);

/** AWS publishes no Organizations rates (aws-behaviour.md §1.8): lenient free choices. */
const READ_RATE = { capacity: 100, refillPerSecond: 50 };
const WRITE_RATE = { capacity: 20, refillPerSecond: 10 };

/** AWS Organizations over JSON 1.1 (`X-Amz-Target: AWSOrganizationsV20161128.<Op>`). */
export const organizations: ServiceDef<JsonInput> = {
  name: 'organizations',
  protocol: 'json',
  regionalBuckets: false,
  operations: {
    DescribeOrganization: read.describeOrganization,
    ListRoots: read.listRoots,
    ListOrganizationalUnitsForParent: read.listOrganizationalUnitsForParent,
    ListChildren: read.listChildren,
    ListParents: read.listParents,
    ListAccounts: read.listAccounts,
    ListAccountsForParent: read.listAccountsForParent,
    DescribeAccount: read.describeAccount,
    ListPolicies: policies.listPolicies,
    DescribePolicy: policies.describePolicy,
    CreatePolicy: policies.createPolicy,
    UpdatePolicy: policies.updatePolicy,
    DeletePolicy: policies.deletePolicy,
    AttachPolicy: policies.attachPolicy,
    DetachPolicy: policies.detachPolicy,
    ListPoliciesForTarget: policies.listPoliciesForTarget,
    ListTargetsForPolicy: policies.listTargetsForPolicy,
    EnablePolicyType: policies.enablePolicyType,
    DisablePolicyType: policies.disablePolicyType,
  },
  authError(problem) {
    if (problem === 'missing') {
      return orgError('MissingAuthenticationTokenException', 'Missing Authentication Token');
    }
    if (problem === 'expired') {
      return orgError(
        'ExpiredTokenException',
        'The security token included in the request is expired',
      );
    }
    return orgError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
  },
  unknownOperation(operation) {
    return orgError(
      'UnknownOperationException',
      `The sandbox does not implement Organizations ${operation}.`,
    );
  },
  precheck(ctx) {
    // Only the management account may call Organizations (no delegated administrators here),
    // except DescribeOrganization, which every member may call (aws-behaviour.md §9).
    const member = ctx.identity.accountId !== ctx.sandbox.world.managementAccountId;
    if (member && ctx.operation !== 'DescribeOrganization') {
      return orgError(
        'AccessDeniedException',
        "You don't have permissions to access this resource.",
      );
    }
    return undefined;
  },
  throttleError() {
    return orgError(
      'TooManyRequestsException',
      'You have sent too many requests in too short a period of time. Try again later.',
    );
  },
  failureError() {
    return new AwsError(
      'ServiceException',
      500,
      "AWS Organizations can't complete your request because of an internal service error. Try again later.",
    );
  },
  bucket(operation) {
    return WRITES.has(operation) ? WRITE_RATE : READ_RATE;
  },
  conflicts: {
    entities: modifiedEntities,
    error: () =>
      orgError(
        'ConcurrentModificationException',
        "AWS Organizations can't complete your request because it conflicts with another attempt to modify the same entity. Try again later.",
      ),
  },
};

/**
 * What a write modifies while it is in progress. Which entities AWS locks is not published
 * (unconfirmed): parallel attachments to one account conflict (terraform-provider-aws#5073), and
 * writes that overlap with another on the same policy are refused (org-formation-cli#7,
 * aws-control-tower-customizations#175); the sandbox locks the policy and the target.
 */
function modifiedEntities(operation: string, input: JsonInput): string[] {
  const field = (name: string) => `${name}:${String(input[name] ?? '')}`;
  switch (operation) {
    case 'CreatePolicy':
      return [field('Name')];
    case 'UpdatePolicy':
    case 'DeletePolicy':
      return [field('PolicyId')];
    case 'AttachPolicy':
    case 'DetachPolicy':
      return [field('PolicyId'), field('TargetId')];
    case 'EnablePolicyType':
    case 'DisablePolicyType':
      return [field('RootId')];
    default:
      return [];
  }
}
