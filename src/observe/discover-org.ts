/**
 * Reads the organization into an OrgTree: the root and its policy types, OUs recursively (with
 * paths like `Root/Workloads/Prod`), accounts with status and parent path, SCP attachments, and
 * the guardrail policy found by name with its content and targets.
 */
import pLimit from 'p-limit';
import type { OrganizationsGateway } from '../aws/gateways.js';
import { SCP_TYPE } from '../core/model/policy-names.js';
import type {
  ObservedPolicy,
  OrgAccount,
  OrgTree,
  OrgUnit,
  PolicySummary,
} from '../core/model/types.js';
import { AwsApiError } from '../errors.js';

const DECLARATIVE_TYPE = 'DECLARATIVE_POLICY_EC2';
/** Organizations is a global, low-rate API: more parallel calls only buy throttling. */
const MAX_ORG_CONCURRENCY = 8;

export interface DiscoverOrgInput {
  organizations: OrganizationsGateway;
  organizationId: string;
  managementAccountId: string;
  /** Names of the guardrail policies to find (SCPs). */
  policyNames: string[];
  /** Names of EC2 declarative policies to find (strategy declarative-policy / both). */
  declarativePolicyNames?: string[];
  concurrency: number;
  onProgress?: (progress: { ous: number; accounts: number }) => void;
}

export interface DiscoveredOrg {
  org: OrgTree;
  policies: ObservedPolicy[];
}

export async function discoverOrg(input: DiscoverOrgInput): Promise<DiscoveredOrg> {
  const { organizations } = input;
  const limit = pLimit(Math.max(1, Math.min(input.concurrency, MAX_ORG_CONCURRENCY)));
  const [root] = await organizations.listRoots();
  if (!root) {
    throw new AwsApiError(
      { service: 'organizations', operation: 'ListRoots' },
      'MalformedResponse',
      'the organization has no root',
    );
  }
  const rootPath = 'Root';

  const ous: OrgUnit[] = [];
  const accounts: OrgAccount[] = [];
  const report = () => input.onProgress?.({ ous: ous.length, accounts: accounts.length });

  async function walk(parentId: string, parentPath: string): Promise<void> {
    const [children, members] = await Promise.all([
      limit(() => organizations.listOrganizationalUnitsForParent(parentId)),
      limit(() => organizations.listAccountsForParent(parentId)),
    ]);
    for (const a of members) accounts.push({ ...a, parentId, parentPath });
    const units = children.map((c) => ({ ...c, parentId, path: `${parentPath}/${c.name}` }));
    ous.push(...units);
    report();
    await Promise.all(units.map((unit) => walk(unit.id, unit.path)));
  }
  await walk(root.id, rootPath);

  // Paths sort parents before children (a parent's path is a prefix of its children's).
  ous.sort((a, b) => compare(a.path, b.path));
  accounts.sort((a, b) => compare(a.parentPath, b.parentPath) || compare(a.name, b.name));

  const scpEnabled = root.policyTypes.some((p) => p.type === SCP_TYPE && p.status === 'ENABLED');
  const scpAttachments: Record<string, PolicySummary[]> = {};
  if (scpEnabled) {
    const targets = [root.id, ...ous.map((o) => o.id)];
    const lists = await Promise.all(
      targets.map((id) => limit(() => organizations.listPoliciesForTarget(id, SCP_TYPE))),
    );
    targets.forEach((id, i) => {
      scpAttachments[id] = sortPolicies(lists[i] ?? []);
    });
  }

  // Account attachments come from the targets of customer-managed SCPs: a handful of calls
  // instead of one per account. (AWS-managed FullAWSAccess sits on every target and is skipped.)
  const scps = await organizations.listPolicies(SCP_TYPE);
  const customer = scps.filter((p) => !p.awsManaged);
  const targetLists = await Promise.all(
    customer.map((p) => limit(() => organizations.listTargetsForPolicy(p.id))),
  );
  const accountIds = new Set(accounts.map((a) => a.id));
  customer.forEach((policy, i) => {
    for (const target of targetLists[i] ?? []) {
      if (!accountIds.has(target.targetId)) continue;
      const list = scpAttachments[target.targetId] ?? [];
      list.push(policy);
      scpAttachments[target.targetId] = sortPolicies(list);
    }
  });

  const wanted = new Set(input.policyNames);
  const policies = await Promise.all(
    customer
      .map((policy, i) => ({ policy, targets: targetLists[i] ?? [] }))
      .filter(({ policy }) => wanted.has(policy.name))
      .map(async ({ policy, targets }): Promise<ObservedPolicy> => {
        const described = await limit(() => organizations.describePolicy(policy.id));
        return {
          summary: policy,
          content: described.content,
          targets: targets.map((t) => t.targetId).sort(compare),
        };
      }),
  );

  const declarative = await findPolicies(
    organizations,
    DECLARATIVE_TYPE,
    input.declarativePolicyNames ?? [],
    limit,
  );

  return {
    org: {
      organizationId: input.organizationId,
      managementAccountId: input.managementAccountId,
      root,
      ous,
      accounts,
      scpAttachments,
    },
    policies: [...policies, ...declarative],
  };
}

/** The named customer-managed policies of one type, with content and targets. */
async function findPolicies(
  organizations: OrganizationsGateway,
  type: string,
  names: readonly string[],
  limit: ReturnType<typeof pLimit>,
): Promise<ObservedPolicy[]> {
  if (names.length === 0) return [];
  const wanted = new Set(names);
  const found = (await organizations.listPolicies(type)).filter(
    (p) => !p.awsManaged && wanted.has(p.name),
  );
  return Promise.all(
    found.map(async (policy): Promise<ObservedPolicy> => {
      const [described, targets] = await Promise.all([
        limit(() => organizations.describePolicy(policy.id)),
        limit(() => organizations.listTargetsForPolicy(policy.id)),
      ]);
      return {
        summary: policy,
        content: described.content,
        targets: targets.map((t) => t.targetId).sort(compare),
      };
    }),
  );
}

function sortPolicies(list: PolicySummary[]): PolicySummary[] {
  return [...list].sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
