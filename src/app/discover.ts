/**
 * `guardrails discover`: the organization as guardrails sees it — OUs, accounts with status,
 * member-role reachability, enabled regions, SCPs at each level — without reading any defaults.
 * The result is plain data (the `--json` output); the command renders the tree for people.
 */
import type { AccountAccess, PolicyTypeStatus, RegionName } from '../core/model/types.js';
import type { AppContext } from './context.js';
import { observe } from './observe.js';

export interface DiscoveredAccount {
  id: string;
  name: string;
  email: string;
  status: string;
  ouPath: string;
  inScope: boolean;
  /** Absent for accounts outside the scope (not checked). */
  access?: AccountAccess;
  enabledRegions: RegionName[];
  /** Enabled regions the run would touch (after the scope's region filter). */
  regionsInScope: RegionName[];
  scps: string[];
}

export interface DiscoveredOu {
  id: string;
  name: string;
  path: string;
  parentId: string;
  scps: string[];
}

export interface DiscoverResult {
  schemaVersion: 1;
  toolVersion: string;
  generatedAt: string;
  caller: { accountId: string; arn: string };
  organization: { id: string; managementAccountId: string; featureSet: string };
  root: { id: string; policyTypes: PolicyTypeStatus[]; scps: string[] };
  ous: DiscoveredOu[];
  accounts: DiscoveredAccount[];
  scope: { accounts: number; regions: 'enabled' | RegionName[] };
  /** The guardrail SCP (by its configured name), if it exists: where it is attached. */
  guardrailPolicy: { id: string; name: string; targets: string[] } | null;
  counts: {
    ous: number;
    accounts: number;
    inScope: number;
    reachable: number;
    unreachable: number;
    regionTargets: number;
  };
}

export async function discover(ctx: AppContext): Promise<DiscoverResult> {
  const { observed, scope, organization } = await observe(ctx, { readDefaults: false });
  const { org } = observed;
  const scpNames = (targetId: string) => (org.scpAttachments[targetId] ?? []).map((p) => p.name);
  const observations = new Map(observed.accounts.map((a) => [a.accountId, a]));

  const accounts = org.accounts.map((a): DiscoveredAccount => {
    const seen = observations.get(a.id);
    const enabledRegions = seen?.enabledRegions ?? [];
    return {
      id: a.id,
      name: a.name,
      email: a.email,
      status: a.status,
      ouPath: a.parentPath,
      inScope: seen !== undefined,
      ...(seen ? { access: seen.access } : {}),
      enabledRegions,
      regionsInScope: seen ? scope.regionFilter(enabledRegions) : [],
      scps: scpNames(a.id),
    };
  });
  const inScope = accounts.filter((a) => a.inScope);
  const reachable = inScope.filter((a) => a.access?.status === 'reachable').length;
  const policy = observed.policies.find((p) => p.summary.name === ctx.config.scp.name);

  return {
    schemaVersion: 1,
    toolVersion: ctx.toolVersion,
    generatedAt: ctx.now().toISOString(),
    caller: { accountId: observed.caller.accountId, arn: observed.caller.arn },
    organization: {
      id: organization.id,
      managementAccountId: organization.managementAccountId,
      featureSet: organization.featureSet,
    },
    root: { id: org.root.id, policyTypes: org.root.policyTypes, scps: scpNames(org.root.id) },
    ous: org.ous.map((o) => ({ ...o, scps: scpNames(o.id) })),
    accounts,
    scope: { accounts: inScope.length, regions: scope.regions },
    guardrailPolicy: policy
      ? { id: policy.summary.id, name: policy.summary.name, targets: policy.targets }
      : null,
    counts: {
      ous: org.ous.length,
      accounts: accounts.length,
      inScope: inScope.length,
      reachable,
      unreachable: inScope.length - reachable,
      regionTargets: inScope.reduce((n, a) => n + a.regionsInScope.length, 0),
    },
  };
}
