import type { CallContext } from '../../context.js';
import { type AwsError, isAwsError } from '../../errors.js';
import type { Identity } from '../../state/credentials.js';
import { nextEventId, trailEvents } from '../../state/trail.js';
import type { QueryInput } from '../types.js';
import { runInstances } from './run-instances.js';

/**
 * RunInstances as CloudTrail sees it: every call — launched, refused, dry run — is written to
 * the account × region's event history, with `errorCode` `Client.<Code>` for client errors
 * (CloudTrail record contents), so a launch refused in a test shows up in the next preview.
 */
export async function runInstancesRecorded(ctx: CallContext, params: QueryInput): Promise<string> {
  try {
    const out = await runInstances(ctx, params);
    record(ctx, params, undefined);
    return out;
  } catch (err) {
    if (isAwsError(err)) record(ctx, params, err);
    throw err;
  }
}

export function userIdentityOf(identity: Identity): Record<string, unknown> {
  if (identity.kind === 'assumed-role' && identity.roleName) {
    const roleArn = `arn:aws:iam::${identity.accountId}:role/${identity.roleName}`;
    return {
      type: 'AssumedRole',
      principalId: `AROA${identity.accountId}:${identity.sessionName ?? ''}`,
      arn: identity.arn,
      accountId: identity.accountId,
      accessKeyId: identity.accessKeyId,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: `AROA${identity.accountId}`,
          arn: roleArn,
          accountId: identity.accountId,
          userName: identity.roleName,
        },
        attributes: { mfaAuthenticated: 'false' },
      },
    };
  }
  return {
    type: 'IAMUser',
    principalId: `AIDA${identity.accountId}`,
    arn: identity.arn,
    accountId: identity.accountId,
    accessKeyId: identity.accessKeyId,
    userName: identity.arn.slice(identity.arn.lastIndexOf('/') + 1),
  };
}

/** `MetadataOptions.HttpTokens` → `{ httpTokens }`, as CloudTrail writes request parameters. */
function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function subObject(params: QueryInput, prefix: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of params) {
    if (!k.startsWith(prefix) || k.slice(prefix.length).includes('.')) continue;
    const n = Number(v);
    out[lowerFirst(k.slice(prefix.length))] = v !== '' && Number.isInteger(n) ? n : v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function record(ctx: CallContext, params: QueryInput, err: AwsError | undefined): void {
  const { world } = ctx.sandbox;
  const requestParameters: Record<string, unknown> = {
    instancesSet: {
      items: [
        {
          ...(params.get('ImageId') ? { imageId: params.get('ImageId') } : {}),
          minCount: Number(params.get('MinCount') ?? 1),
          maxCount: Number(params.get('MaxCount') ?? 1),
        },
      ],
    },
  };
  const type = params.get('InstanceType');
  if (type) requestParameters.instanceType = type;
  const metadata = subObject(params, 'MetadataOptions.');
  if (metadata) requestParameters.metadataOptions = metadata;
  const template = subObject(params, 'LaunchTemplate.');
  if (template) requestParameters.launchTemplate = template;
  const identity = userIdentityOf(ctx.identity);
  trailEvents(world, ctx.identity.accountId, ctx.region).push({
    eventId: nextEventId(world),
    eventName: 'RunInstances',
    eventSource: 'ec2.amazonaws.com',
    at: ctx.sandbox.now(),
    username: ctx.identity.roleName ?? String(identity.userName ?? ''),
    accessKeyId: ctx.identity.accessKeyId,
    readOnly: false,
    resources: [],
    record: {
      userIdentity: identity,
      sourceIPAddress: '127.0.0.1',
      userAgent: ctx.userAgent ?? '',
      requestParameters,
      responseElements: null,
      requestID: ctx.requestId,
      ...(err
        ? {
            errorCode: err.status >= 500 ? `Server.${err.awsCode}` : `Client.${err.awsCode}`,
            errorMessage: err.message,
          }
        : {}),
    },
  });
}
