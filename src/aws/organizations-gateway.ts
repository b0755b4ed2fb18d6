/** OrganizationsGateway over the SDK: paginators inside, SDK shapes mapped to plain model data. */
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  DetachPolicyCommand,
  EnablePolicyTypeCommand,
  type OrganizationsClient,
  type PolicyType,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListPoliciesForTarget,
  paginateListRoots,
  paginateListTargetsForPolicy,
  type Root,
  type PolicySummary as SdkPolicySummary,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';
import type { OrgRoot, PolicySummary, PolicyTypeStatus } from '../core/model/types.js';
import type {
  OrganizationInfo,
  OrganizationsGateway,
  PolicyTarget,
  RawAccount,
} from './gateways.js';
import { callAws } from './map-aws-error.js';

export function createOrganizationsGateway(
  client: OrganizationsClient,
  callerAccountId?: () => string | undefined,
): OrganizationsGateway {
  const ctx = (operation: string) => ({
    service: 'organizations',
    operation,
    accountId: callerAccountId?.(),
  });

  async function collect<P, T>(
    operation: string,
    pages: AsyncIterable<P>,
    pick: (page: P) => T[] | undefined,
  ): Promise<T[]> {
    return callAws(ctx(operation), async () => {
      const out: T[] = [];
      for await (const page of pages) out.push(...(pick(page) ?? []));
      return out;
    });
  }

  return {
    async describeOrganization(): Promise<OrganizationInfo> {
      const out = await callAws(ctx('DescribeOrganization'), () =>
        client.send(new DescribeOrganizationCommand({})),
      );
      const org = out.Organization;
      return {
        id: org?.Id ?? '',
        managementAccountId: org?.MasterAccountId ?? '',
        featureSet: org?.FeatureSet ?? 'ALL',
      };
    },

    async listRoots() {
      const roots = await collect('ListRoots', paginateListRoots({ client }, {}), (p) => p.Roots);
      return roots.map(toRoot);
    },

    async listOrganizationalUnitsForParent(parentId) {
      const ous = await collect(
        'ListOrganizationalUnitsForParent',
        paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId }),
        (p) => p.OrganizationalUnits,
      );
      return ous.map((ou) => ({ id: ou.Id ?? '', name: ou.Name ?? '' }));
    },

    async listAccountsForParent(parentId) {
      const accounts = await collect(
        'ListAccountsForParent',
        paginateListAccountsForParent({ client }, { ParentId: parentId }),
        (p) => p.Accounts,
      );
      return accounts.map(
        (a): RawAccount => ({
          id: a.Id ?? '',
          name: a.Name ?? '',
          email: a.Email ?? '',
          status: toAccountStatus(a.Status, a.State),
        }),
      );
    },

    async listPolicies(type) {
      const policies = await collect(
        'ListPolicies',
        paginateListPolicies({ client }, { Filter: type as PolicyType }),
        (p) => p.Policies,
      );
      return policies.map(toPolicySummary);
    },

    async listPoliciesForTarget(targetId, type) {
      const policies = await collect(
        'ListPoliciesForTarget',
        paginateListPoliciesForTarget(
          { client },
          { TargetId: targetId, Filter: type as PolicyType },
        ),
        (p) => p.Policies,
      );
      return policies.map(toPolicySummary);
    },

    async listTargetsForPolicy(policyId) {
      const targets = await collect(
        'ListTargetsForPolicy',
        paginateListTargetsForPolicy({ client }, { PolicyId: policyId }),
        (p) => p.Targets,
      );
      return targets.map(
        (t): PolicyTarget => ({
          targetId: t.TargetId ?? '',
          type: (t.Type ?? 'ACCOUNT') as PolicyTarget['type'],
          name: t.Name ?? '',
        }),
      );
    },

    async describePolicy(policyId) {
      const out = await callAws(ctx('DescribePolicy'), () =>
        client.send(new DescribePolicyCommand({ PolicyId: policyId })),
      );
      return {
        summary: toPolicySummary(out.Policy?.PolicySummary ?? {}),
        content: out.Policy?.Content ?? '',
      };
    },

    async createPolicy(input) {
      const out = await callAws(ctx('CreatePolicy'), () =>
        client.send(
          new CreatePolicyCommand({
            Name: input.name,
            Description: input.description,
            Content: input.content,
            Type: input.type as PolicyType,
          }),
        ),
      );
      return toPolicySummary(out.Policy?.PolicySummary ?? {});
    },

    async updatePolicy(input) {
      const out = await callAws(ctx('UpdatePolicy'), () =>
        client.send(
          new UpdatePolicyCommand({
            PolicyId: input.policyId,
            ...(input.content !== undefined ? { Content: input.content } : {}),
            ...(input.description !== undefined ? { Description: input.description } : {}),
          }),
        ),
      );
      return toPolicySummary(out.Policy?.PolicySummary ?? {});
    },

    async deletePolicy(policyId) {
      await callAws(ctx('DeletePolicy'), () =>
        client.send(new DeletePolicyCommand({ PolicyId: policyId })),
      );
    },

    async attachPolicy(policyId, targetId) {
      await callAws(ctx('AttachPolicy'), () =>
        client.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: targetId })),
      );
    },

    async detachPolicy(policyId, targetId) {
      await callAws(ctx('DetachPolicy'), () =>
        client.send(new DetachPolicyCommand({ PolicyId: policyId, TargetId: targetId })),
      );
    },

    async enablePolicyType(rootId, type) {
      const out = await callAws(ctx('EnablePolicyType'), () =>
        client.send(
          new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: type as PolicyType }),
        ),
      );
      return toRoot(out.Root ?? { Id: rootId });
    },
  };
}

function toRoot(root: Root): OrgRoot {
  return {
    id: root.Id ?? '',
    name: root.Name ?? 'Root',
    policyTypes: (root.PolicyTypes ?? []).map(
      (p): PolicyTypeStatus => ({
        type: p.Type ?? '',
        status: (p.Status ?? 'ENABLED') as PolicyTypeStatus['status'],
      }),
    ),
  };
}

function toPolicySummary(p: SdkPolicySummary): PolicySummary {
  return {
    id: p.Id ?? '',
    name: p.Name ?? '',
    arn: p.Arn ?? '',
    awsManaged: p.AwsManaged ?? false,
    type: p.Type ?? '',
  };
}

/** `Status` is being retired in favour of `State` (CLOSED etc.); read whichever is there. */
function toAccountStatus(
  status: string | undefined,
  state: string | undefined,
): RawAccount['status'] {
  const value = status ?? state ?? 'ACTIVE';
  if (value === 'ACTIVE' || value === 'PENDING_ACTIVATION') return 'ACTIVE';
  if (value === 'PENDING_CLOSURE') return 'PENDING_CLOSURE';
  return 'SUSPENDED';
}
