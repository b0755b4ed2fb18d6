import type { CallContext } from '../context.js';
import { AwsError } from '../errors.js';
import { decodeAuthorizationMessage } from '../iam/unauthorized.js';
import { el } from '../protocol/xml.js';
import { regionNotEnabled, tokenAuthError, unknownAction } from './common-auth.js';
import type { QueryInput, ServiceDef } from './types.js';

export const STS_VERSION = '2011-06-15';

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const DEFAULT_DURATION = 3600;

function validation(message: string): AwsError {
  return new AwsError('ValidationError', 400, message);
}

/** The decision context of an UnauthorizedOperation answered by this sandbox. */
function decodeMessage(_ctx: CallContext, params: QueryInput): string {
  const encoded = params.get('EncodedMessage');
  if (!encoded)
    throw validation(
      "1 validation error detected: Value null at 'encodedMessage' failed to satisfy constraint: Member must not be null",
    );
  const decoded = decodeAuthorizationMessage(encoded);
  if (decoded === undefined) {
    throw new AwsError(
      'InvalidAuthorizationMessageException',
      400,
      'The encoded message is not valid.',
    );
  }
  return el('DecodedMessage', decoded);
}

function getCallerIdentity({ identity }: CallContext): string {
  return (
    el('Arn', identity.arn) + el('UserId', identity.userId) + el('Account', identity.accountId)
  );
}

function parseDuration(params: QueryInput): number {
  const raw = params.get('DurationSeconds');
  if (raw === null || raw === '') return DEFAULT_DURATION;
  const value = Number(raw);
  if (!Number.isInteger(value)) {
    throw validation(
      `1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must be an integer`,
    );
  }
  if (value < 900) {
    throw validation(
      `1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`,
    );
  }
  if (value > 43_200) {
    throw validation(
      `1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200`,
    );
  }
  return value;
}

/**
 * AssumeRole into a role of an organization account. Input is validated first, then the
 * role-chaining limit, then trust (the role must exist, the account be ACTIVE, the caller be a
 * principal of the management account, the ExternalId match, the account not be denied), then
 * the role's MaxSessionDuration.
 */
function assumeRole(ctx: CallContext, params: QueryInput): string {
  const { world, faults, issuer } = ctx.sandbox;
  const roleArn = params.get('RoleArn') ?? '';
  const sessionName = params.get('RoleSessionName') ?? '';
  if (roleArn === '') {
    throw validation(
      "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    );
  }
  if (sessionName === '') {
    throw validation(
      "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null",
    );
  }
  const arn = ROLE_ARN.exec(roleArn);
  if (!arn) throw validation(`${roleArn} is not a valid IAM role ARN.`);
  if (!SESSION_NAME.test(sessionName)) {
    throw validation(
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  const duration = parseDuration(params);
  if (ctx.identity.kind === 'assumed-role' && duration > 3600) {
    throw validation(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  const accountId = arn[1] ?? '';
  const roleName = arn[2] ?? '';
  const account = world.accounts.get(accountId);
  const role = account?.roles.find((r) => r.name === roleName);
  const externalId = params.get('ExternalId') ?? undefined;
  const trusted =
    account !== undefined &&
    account.status === 'ACTIVE' &&
    role !== undefined &&
    ctx.identity.accountId === world.managementAccountId &&
    (role.externalId === undefined || role.externalId === externalId) &&
    !faults.deniedAccounts.includes(accountId);
  if (!trusted || !role) {
    throw new AwsError(
      'AccessDenied',
      403,
      `User: ${ctx.identity.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
  }
  if (duration > (role.maxSessionDuration ?? 3600)) {
    throw validation(
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }
  const ttl = faults.credentialTtlSeconds;
  const creds = issuer.issue({
    accountId,
    roleName,
    sessionName,
    durationSeconds: ttl === null ? duration : Math.min(duration, ttl),
  });
  return (
    `<AssumedRoleUser>${el('Arn', `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`)}` +
    `${el('AssumedRoleId', `AROA${accountId}ROLE:${sessionName}`)}</AssumedRoleUser>` +
    `<Credentials>${el('AccessKeyId', creds.accessKeyId)}${el('SecretAccessKey', creds.secretAccessKey)}` +
    `${el('SessionToken', creds.sessionToken)}${el('Expiration', creds.expiration.toISOString())}</Credentials>` +
    el('PackedPolicySize', 0)
  );
}

const STS_RATE = { capacity: 600, refillPerSecond: 600 };

/** AWS STS over awsQuery (`Action=…&Version=2011-06-15`, XML with an `<OpResult>` wrapper). */
export const sts: ServiceDef<QueryInput> = {
  name: 'sts',
  protocol: 'query',
  regionalBuckets: true,
  operations: {
    GetCallerIdentity: getCallerIdentity,
    AssumeRole: assumeRole,
    DecodeAuthorizationMessage: decodeMessage,
  },
  authError: tokenAuthError,
  unknownOperation: (operation) => unknownAction(operation, STS_VERSION),
  // A regional STS endpoint in a region the caller has not enabled rejects the token (§2.2).
  precheck: regionNotEnabled,
  throttleError() {
    return new AwsError('Throttling', 400, 'Rate exceeded');
  },
  failureError(pick) {
    return pick < 0.5
      ? new AwsError(
          'InternalFailure',
          500,
          'The request processing has failed because of an unknown error.',
        )
      : new AwsError('ServiceUnavailable', 503, 'Service is unavailable. Please try again later.');
  },
  bucket() {
    return STS_RATE;
  },
};
