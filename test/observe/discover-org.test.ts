import { describe, expect, it } from 'vitest';
import type { OrganizationsGateway, PolicyTarget, RawAccount } from '../../src/aws/gateways.js';
import type { PolicySummary } from '../../src/core/model/types.js';
import { discoverOrg } from '../../src/observe/discover-org.js';

const full: PolicySummary = {
  id: 'p-FullAWSAccess',
  name: 'FullAWSAccess',
  arn: 'arn:full',
  awsManaged: true,
  type: 'SERVICE_CONTROL_POLICY',
};
const deny: PolicySummary = {
  id: 'p-deny',
  name: 'DenyIMDSv1',
  arn: 'arn:deny',
  awsManaged: false,
  type: 'SERVICE_CONTROL_POLICY',
};
const other: PolicySummary = {
  id: 'p-other',
  name: 'Other',
  arn: 'arn:other',
  awsManaged: false,
  type: 'SERVICE_CONTROL_POLICY',
};

function account(id: string, name: string, status: RawAccount['status'] = 'ACTIVE'): RawAccount {
  return { id, name, email: `${name}@example.com`, status };
}

/** A small org: Root → {Workloads → {Prod, Dev}, Security}; DenyIMDSv1 on Prod, Other on one account. */
function fakeOrganizations(): OrganizationsGateway & { calls: string[] } {
  const ous: Record<string, { id: string; name: string }[]> = {
    'r-1': [
      { id: 'ou-w', name: 'Workloads' },
      { id: 'ou-s', name: 'Security' },
    ],
    'ou-w': [
      { id: 'ou-p', name: 'Prod' },
      { id: 'ou-d', name: 'Dev' },
    ],
  };
  const accounts: Record<string, RawAccount[]> = {
    'r-1': [account('111111111111', 'management')],
    'ou-p': [account('222222222205', 'payments-prod'), account('222222222206', 'web-prod')],
    'ou-d': [account('222222222207', 'payments-dev', 'SUSPENDED')],
    'ou-s': [account('222222222201', 'security-audit')],
  };
  const targets: Record<string, PolicyTarget[]> = {
    'p-deny': [{ targetId: 'ou-p', type: 'ORGANIZATIONAL_UNIT', name: 'Prod' }],
    'p-other': [{ targetId: '222222222201', type: 'ACCOUNT', name: 'security-audit' }],
  };
  const calls: string[] = [];
  const notUsed = async (): Promise<never> => {
    throw new Error('not used by discovery');
  };
  return {
    calls,
    describeOrganization: notUsed,
    listRoots: async () => [
      {
        id: 'r-1',
        name: 'Root',
        policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }],
      },
    ],
    listOrganizationalUnitsForParent: async (id) => ous[id] ?? [],
    listAccountsForParent: async (id) => accounts[id] ?? [],
    listPolicies: async () => [full, deny, other],
    listPoliciesForTarget: async (id) => {
      calls.push(`ListPoliciesForTarget ${id}`);
      return id === 'ou-p' ? [full, deny] : [full];
    },
    listTargetsForPolicy: async (id) => {
      calls.push(`ListTargetsForPolicy ${id}`);
      return targets[id] ?? [];
    },
    describePolicy: async (id) => ({
      summary: id === 'p-deny' ? deny : other,
      content: `{"id":"${id}"}`,
    }),
    createPolicy: notUsed,
    updatePolicy: notUsed,
    deletePolicy: notUsed,
    attachPolicy: notUsed,
    detachPolicy: notUsed,
    enablePolicyType: notUsed,
  };
}

describe('discoverOrg', () => {
  it('builds the tree with OU paths, accounts under their parents, and SCP attachments', async () => {
    // Given a fake organization
    const organizations = fakeOrganizations();
    const progress: number[] = [];
    // When discovering it
    const { org, policies } = await discoverOrg({
      organizations,
      organizationId: 'o-1',
      managementAccountId: '111111111111',
      policyNames: ['DenyIMDSv1'],
      concurrency: 4,
      onProgress: (p) => progress.push(p.accounts),
    });
    // Then OUs come parents-first with full paths
    expect(org.ous.map((o) => [o.path, o.parentId])).toEqual([
      ['Root/Security', 'r-1'],
      ['Root/Workloads', 'r-1'],
      ['Root/Workloads/Dev', 'ou-w'],
      ['Root/Workloads/Prod', 'ou-w'],
    ]);
    // And accounts carry status and parent path
    expect(org.accounts.map((a) => `${a.parentPath}:${a.name}:${a.status}`)).toEqual([
      'Root:management:ACTIVE',
      'Root/Security:security-audit:ACTIVE',
      'Root/Workloads/Dev:payments-dev:SUSPENDED',
      'Root/Workloads/Prod:payments-prod:ACTIVE',
      'Root/Workloads/Prod:web-prod:ACTIVE',
    ]);
    // And SCPs are listed for the root and OUs, and for accounts from customer policy targets
    expect(org.scpAttachments['r-1']?.map((p) => p.name)).toEqual(['FullAWSAccess']);
    expect(org.scpAttachments['ou-p']?.map((p) => p.name)).toEqual(['DenyIMDSv1', 'FullAWSAccess']);
    expect(org.scpAttachments['222222222201']?.map((p) => p.name)).toEqual(['Other']);
    expect(org.scpAttachments['222222222205']).toBeUndefined();
    expect(organizations.calls.filter((c) => c.startsWith('ListTargetsForPolicy'))).toEqual(
      expect.arrayContaining(['ListTargetsForPolicy p-deny', 'ListTargetsForPolicy p-other']),
    );
    expect(organizations.calls).not.toContain('ListTargetsForPolicy p-FullAWSAccess');
    // And the guardrail policy is found by name with its content and targets
    expect(policies).toEqual([{ summary: deny, content: '{"id":"p-deny"}', targets: ['ou-p'] }]);
    expect(progress.at(-1)).toBe(5);
  });
});
