import type {
  AttachPolicyChange,
  CreatePolicyChange,
  SetImdsDefaultsChange,
} from '../../src/core/plan/types.js';
import type { JournalHeader } from '../../src/execute/journal-store.js';

export function imdsChange(
  accountId: string,
  region: string,
  overrides: Partial<SetImdsDefaultsChange> = {},
): SetImdsDefaultsChange {
  return {
    id: `imds-${accountId}-${region}`,
    kind: 'imds.set',
    risk: 'restricting',
    dependsOn: [],
    accountId,
    accountName: `acct-${accountId.slice(-2)}`,
    ouPath: 'Root',
    region,
    before: {},
    after: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
    fields: ['httpTokens', 'httpPutResponseHopLimit'],
    ...overrides,
  };
}

export const SEED_CONTENT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyIMDSv1', Effect: 'Deny', Action: 'ec2:RunInstances', Resource: '*' }],
});

export function createPolicyChange(): CreatePolicyChange {
  return {
    id: 'policy-create-DenyIMDSv1',
    kind: 'policy.create',
    risk: 'restricting',
    dependsOn: [],
    policyName: 'DenyIMDSv1',
    policyType: 'SERVICE_CONTROL_POLICY',
    description: 'test',
    content: SEED_CONTENT,
  };
}

export function attachChange(targetId: string, dependsOn: string[] = []): AttachPolicyChange {
  return {
    id: `attach-${targetId}`,
    kind: 'attachment.add',
    risk: 'restricting',
    dependsOn,
    policyName: 'DenyIMDSv1',
    target: { type: 'ROOT', id: targetId, label: 'Root' },
  };
}

/** A journal header for tests that write journals by hand. */
export const testJournalHeader: JournalHeader = {
  type: 'header',
  version: 2,
  command: 'apply',
  startedAt: '2026-11-26T10:00:00.000Z',
  toolVersion: '0.1.0',
  planHash: 'p',
  configHash: 'c',
  observedHash: 'o',
  caller: { accountId: '111111111111', arn: 'arn:aws:iam::111111111111:user/admin' },
  organizationId: 'o-test',
  managementAccountId: '111111111111',
  overrides: {},
};
