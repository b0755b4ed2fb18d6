import { AwsError } from '../errors.js';
import type { Identity } from '../state/credentials.js';
import type { AuthDecision, AuthRequest } from './scp-evaluator.js';

const PREFIX = 'sandbox-authz:';

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
        source: 'SERVICE_CONTROL_POLICY',
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
  const why = decision.explicitDeny
    ? 'with an explicit deny in a service control policy'
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
