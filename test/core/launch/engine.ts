/**
 * The same question asked of @cloud-copilot/iam-simulate (the sandbox's IAM engine): one SCP
 * level holding FullAWSAccess and the policy under test, an allow-all identity policy, the
 * request context AWS would build for a recorded launch.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { LaunchEvent, PolicyText } from '../../../src/core/launch/types.js';

const FULL_ACCESS = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

const PRINCIPAL_TYPES: Record<string, string> = {
  IAMUser: 'User',
  AssumedRole: 'AssumedRole',
  Root: 'Account',
  FederatedUser: 'FederatedUser',
};

/** The context keys of a launch; `metadata` overrides the request's (for template launches). */
export function engineContext(
  event: LaunchEvent,
  metadata: Record<string, string | undefined> = {},
): Record<string, string> {
  const context: Record<string, string> = {
    'aws:PrincipalArn': event.principalArn,
    'aws:PrincipalAccount': event.accountId,
    'aws:RequestedRegion': event.region,
    'ec2:Region': event.region,
  };
  const type = PRINCIPAL_TYPES[event.principalType];
  if (type) context['aws:PrincipalType'] = type;
  if (event.roleDelivery) context['ec2:RoleDelivery'] = event.roleDelivery;
  if (event.instanceType) context['ec2:InstanceType'] = event.instanceType;
  const m = event.metadataOptions;
  const fromRequest: Record<string, string | undefined> = {
    'ec2:MetadataHttpTokens': m.httpTokens,
    'ec2:MetadataHttpPutResponseHopLimit':
      m.httpPutResponseHopLimit === undefined ? undefined : String(m.httpPutResponseHopLimit),
    'ec2:MetadataHttpEndpoint': m.httpEndpoint,
    'ec2:InstanceMetadataTags': m.instanceMetadataTags,
    ...metadata,
  };
  for (const [k, v] of Object.entries(fromRequest)) if (v !== undefined) context[k] = v;
  return context;
}

export type EngineAnswer = { denied: false } | { denied: true; statement: string | undefined };

export async function engineDecision(
  event: LaunchEvent,
  policies: readonly PolicyText[],
  context: Record<string, string>,
): Promise<EngineAnswer> {
  const roleName = event.principalArn.slice(event.principalArn.lastIndexOf('/') + 1);
  const principal =
    event.principalType === 'AssumedRole'
      ? `arn:aws:sts::${event.accountId}:assumed-role/${roleName}/${event.sessionName ?? 'session'}`
      : event.principalArn;
  const result = await runSimulation(
    {
      request: {
        principal,
        action: 'ec2:RunInstances',
        resource: {
          resource: `arn:aws:ec2:${event.region}:${event.accountId}:instance/*`,
          accountId: event.accountId,
        },
        contextVariables: context,
      },
      identityPolicies: [{ name: 'allow-all', policy: FULL_ACCESS }],
      serviceControlPolicies: [
        {
          orgIdentifier: 'ou-test',
          policies: [
            { name: 'FullAWSAccess', policy: FULL_ACCESS },
            ...policies.map((p) => ({ name: p.name, policy: JSON.parse(p.content) as unknown })),
          ],
        },
      ],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
  if (result.overallResult === 'Allowed') return { denied: false };
  if (result.resultType !== 'single') return { denied: true, statement: undefined };
  const { getDenialReasons } = await import('@cloud-copilot/iam-simulate');
  const reasons = result.result.analysis ? getDenialReasons(result.result.analysis) : [];
  const explicit = reasons.find((r) => r.policyType === 'scp' && r.denialType === 'Explicit');
  return {
    denied: true,
    statement: explicit && 'statementId' in explicit ? explicit.statementId : undefined,
  };
}
