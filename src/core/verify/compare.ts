/**
 * The verification sweep's judgement: observed state vs desired state → one result per in-scope
 * account × region (IMDS defaults) and one per account (SCP coverage). Pure; reports render it.
 */
import type { DesiredState } from '../desired/types.js';
import type {
  AccountObservation,
  ImdsDefaults,
  ObservedState,
  OrgAccount,
  RegionObservation,
} from '../model/types.js';
import { describeDiffs, imdsDiffs } from './imds-diff.js';
import { attachedTargetIds, scpResult } from './scp-coverage.js';
import type {
  ImdsResult,
  StatusCounts,
  TargetStatus,
  VerifyReport,
  VerifyResult,
} from './types.js';

export interface VerifyInput {
  observed: ObservedState;
  desired: DesiredState;
  meta: { toolVersion: string; generatedAt: string; scopeRegions: 'enabled' | string[] };
}

export function buildVerifyReport(input: VerifyInput): VerifyReport {
  const { observed, desired, meta } = input;
  const accounts = new Map(observed.org.accounts.map((a) => [a.id, a]));
  const results: VerifyResult[] = [];
  const attached = desired.scp ? attachedTargetIds(observed, desired.scp.name) : new Set<string>();
  for (const observation of observed.accounts) {
    const account = accounts.get(observation.accountId) ?? unknownAccount(observation);
    const scp = scpResult(observed, desired, account, attached);
    if (scp) results.push(scp);
    const isManagement = account.id === observed.org.managementAccountId;
    if (isManagement && !desired.includeManagementAccount) continue;
    results.push(...imdsResults(account, observation, desired.imds));
  }
  const sorted = results
    .map((r) => ({ r, key: sortKey(r) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.r);
  return {
    schemaVersion: 1,
    toolVersion: meta.toolVersion,
    generatedAt: meta.generatedAt,
    caller: { accountId: observed.caller.accountId, arn: observed.caller.arn },
    organizationId: observed.org.organizationId,
    managementAccountId: observed.org.managementAccountId,
    scope: { accounts: observed.accounts.length, regions: meta.scopeRegions },
    desired: { imds: desired.imds, scpName: desired.scp?.name ?? null },
    counts: countStatuses(results),
    results: sorted,
  };
}

function unknownAccount(observation: AccountObservation): OrgAccount {
  return {
    id: observation.accountId,
    name: observation.accountId,
    email: '',
    status: 'ACTIVE',
    parentId: '',
    parentPath: 'Root',
  };
}

function imdsResults(
  account: OrgAccount,
  observation: AccountObservation,
  desired: ImdsDefaults,
): ImdsResult[] {
  const base = {
    kind: 'imds' as const,
    accountId: account.id,
    accountName: account.name,
    ouPath: account.parentPath,
  };
  const access: AccountObservation['access'] =
    account.status === 'SUSPENDED' && observation.access.status === 'reachable'
      ? { status: 'unreachable', reason: 'suspended', message: 'the account is suspended' }
      : observation.access;
  if (access.status === 'unreachable') {
    const regions = observation.regions.length ? observation.regions.map((r) => r.region) : ['*'];
    return regions.map((region) => ({
      ...base,
      region,
      status: 'unreachable',
      diffs: [],
      detail: `${access.reason}: ${access.message}`,
    }));
  }
  return observation.regions.map((r) => ({ ...base, ...regionResult(r, desired) }));
}

function regionResult(
  r: RegionObservation,
  desired: ImdsDefaults,
): Pick<
  ImdsResult,
  'region' | 'status' | 'diffs' | 'detail' | 'observed' | 'managedBy' | 'declarativeCompliant'
> {
  if (r.status === 'unreachable') {
    return {
      region: r.region,
      status: 'unreachable',
      diffs: [],
      detail: `${r.reason}: ${r.message}`,
    };
  }
  if (r.status === 'error') {
    return { region: r.region, status: 'error', diffs: [], detail: `${r.code}: ${r.message}` };
  }
  const diffs = imdsDiffs(desired, r.imds.defaults);
  const common = {
    region: r.region,
    diffs,
    observed: r.imds.defaults,
    managedBy: r.imds.managedBy,
  };
  if (r.imds.managedBy === 'declarative-policy') {
    const compliant = diffs.length === 0;
    const why = compliant
      ? 'its values meet the desired state'
      : `it differs: ${describeDiffs(diffs)}`;
    return {
      ...common,
      status: 'managed-by-declarative-policy',
      declarativeCompliant: compliant,
      detail: `managed by an EC2 declarative policy (not changed per account); ${why}`,
    };
  }
  if (diffs.length === 0) return { ...common, status: 'compliant' };
  return { ...common, status: 'drift', detail: describeDiffs(diffs) };
}

const STATUSES: TargetStatus[] = [
  'compliant',
  'drift',
  'managed-by-declarative-policy',
  'unreachable',
  'error',
];

export function countStatuses(results: readonly VerifyResult[]): StatusCounts {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<TargetStatus, number>;
  for (const r of results) counts[r.status] += 1;
  return { ...counts, total: results.length };
}

/** OU path, account name, account id, SCP before IMDS, then region. */
function sortKey(r: VerifyResult): string {
  const kind = r.kind === 'scp' ? '0' : `1${r.region}`;
  return [r.ouPath, r.accountName, r.accountId, kind].join('\u0000');
}
