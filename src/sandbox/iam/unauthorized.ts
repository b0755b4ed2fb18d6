import { AwsError } from '../errors.js';
import type { Identity } from '../state/credentials.js';
import type { AuthDecision, AuthRequest, DenyKind } from './scp-evaluator.js';

const PREFIX = 'sandbox-authz:';

/** AWS's words for each kind of explicit deny (aws-behaviour.md §9). */
const DENY_WORDS: Record<DenyKind, string> = {
  scp: 'with an explicit deny in a service control policy',
  boundary: 'with an explicit deny in a permissions boundary',
  identity: 'with an explicit deny in an identity-based policy',
};
const SOURCES: Record<DenyKind, string> = {
  scp: 'SERVICE_CONTROL_POLICY',
  boundary: 'PERMISSIONS_BOUNDARY',
  identity: 'IDENTITY_POLICY',
};
/** Which kind the message names when several deny (choice: AWS's order is unconfirmed). */
const PRECEDENCE: DenyKind[] = ['scp', 'boundary', 'identity'];

/**
 * EC2's answer to a denied call: `UnauthorizedOperation` 403 with an "Encoded authorization
 * failure message" (aws-behaviour.md §3.4). The blob is base64 of the decision context, shaped
 * like what sts:DecodeAuthorizationMessage returns (allowed, explicitDeny, matchedStatements,
 * context) — the sandbox's STS decodes it.
 */
export function unauthorizedOperation(
  identity: Identity,
  request: AuthRequest,
  decision: Exclude<AuthDecision, { allowed: true }>,
): AwsError {
  const decoded = {
    allowed: false,
    explicitDeny: decision.explicitDeny,
    matchedStatements: {
      items: decision.denyingStatements.map((s) => ({
        statementId: s.sid ?? '',
        effect: 'DENY',
        source: SOURCES[s.kind],
        policyId: s.policyId,
        policyName: s.policyName,
        target: s.target,
      })),
    },
    failures: { items: [] },
    context: {
      principal: { id: identity.userId, arn: identity.arn },
      action: request.action,
      resource: request.resource,
      conditions: {
        items: Object.entries(request.context).map(([key, value]) => ({
          key,
          values: { items: (Array.isArray(value) ? value : [value]).map((v) => ({ value: v })) },
        })),
      },
    },
  };
  const encoded = Buffer.from(PREFIX + JSON.stringify(decoded)).toString('base64');
  const kinds = new Set(decision.denyingStatements.map((s) => s.kind));
  const kind = PRECEDENCE.find((k) => kinds.has(k));
  const why =
    decision.explicitDeny && kind
      ? DENY_WORDS[kind]
      : 'because no service control policy allows the action';
  return new AwsError(
    'UnauthorizedOperation',
    403,
    `You are not authorized to perform this operation. User: ${identity.arn} is not authorized to perform: ${request.action} on resource: ${request.resource} ${why}. Encoded authorization failure message: ${encoded}`,
  );
}

/** The JSON text of a message encoded above, or undefined when it is not one of ours. */
export function decodeAuthorizationMessage(encoded: string): string | undefined {
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  return text.startsWith(PREFIX) ? text.slice(PREFIX.length) : undefined;
}
