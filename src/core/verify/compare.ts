/**
 * The verification sweep's judgement: observed state vs desired state → one result per in-scope
 * account × region (IMDS defaults) and one per account (SCP coverage), the enforcement ring of
 * each account and the state of every exception. Pure; reports render it.
 */
import type { DesiredState } from '../desired/types.js';
import type { AccountObservation, ObservedState, OrgAccount } from '../model/types.js';
import { accountResults } from './account-results.js';
import { computeRings, type DesiredByStage } from './rings.js';
import { attachedTargetIds } from './scp-coverage.js';
import type {
  ExceptionStatus,
  StatusCounts,
  TargetStatus,
  VerifyReport,
  VerifyResult,
} from './types.js';

export interface VerifyInput {
  observed: ObservedState;
  desired: DesiredState;
  /** The desired state of each ring, to tell which ring every account is in. */
  rings?: DesiredByStage;
  meta: { toolVersion: string; generatedAt: string; scopeRegions: 'enabled' | string[] };
}

export function buildVerifyReport(input: VerifyInput): VerifyReport {
  const { observed, desired, meta } = input;
  const accounts = new Map(observed.org.accounts.map((a) => [a.id, a]));
  const attached = desired.scp ? attachedTargetIds(observed, desired.scp.name) : new Set<string>();
  // Sorted account by account, then each account's few results: the order of sorting every
  // result by (OU path, name, id, kind and region), without a sort key per result (170,000 of
  // them at 10,000 × 17).
  const ordered = observed.accounts
    .map((observation) => {
      const account = accounts.get(observation.accountId) ?? unknownAccount(observation);
      return { observation, account, key: accountKey(account) };
    })
    .sort(byKey);
  const results: VerifyResult[] = [];
  for (const { observation, account } of ordered) {
    const own = accountResults(observed, desired, account, observation, attached);
    if (own.length > 1) sortWithinAccount(own);
    for (const result of own) results.push(result);
  }
  return {
    schemaVersion: 1,
    toolVersion: meta.toolVersion,
    generatedAt: meta.generatedAt,
    caller: { accountId: observed.caller.accountId, arn: observed.caller.arn },
    organizationId: observed.org.organizationId,
    managementAccountId: observed.org.managementAccountId,
    scope: { accounts: observed.accounts.length, regions: meta.scopeRegions },
    desired: {
      imds: desired.imds,
      scpName: desired.scp?.name ?? null,
      ...(desired.stage !== undefined ? { stage: desired.stage } : {}),
      ...(desired.strategy !== undefined ? { strategy: desired.strategy } : {}),
      ...(desired.declarative ? { declarativePolicyName: desired.declarative.name } : {}),
    },
    counts: countStatuses(results),
    results,
    ...(input.rings ? { rings: computeRings(observed, input.rings, accounts) } : {}),
    ...(desired.exceptions ? { exceptions: exceptionStatuses(desired) } : {}),
  };
}

function exceptionStatuses(desired: DesiredState): ExceptionStatus[] {
  return (desired.exceptions ?? []).map((e) => ({
    kind: e.kind,
    target: e.label,
    owner: e.owner,
    reason: e.reason,
    expires: e.expires,
    status: e.expired ? 'expired' : 'active',
  }));
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

const STATUSES: TargetStatus[] = [
  'compliant',
  'drift',
  'managed-by-declarative-policy',
  'unreachable',
  'error',
  'excepted',
  'suspended',
];

export function countStatuses(results: readonly VerifyResult[]): StatusCounts {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<TargetStatus, number>;
  for (const r of results) counts[r.status] += 1;
  // Only reports with exceptions (suspended accounts) carry the count, so older consumers see
  // the same shape.
  const { excepted, suspended, ...rest } = counts;
  return {
    ...rest,
    ...(excepted > 0 ? { excepted } : {}),
    ...(suspended > 0 ? { suspended } : {}),
    total: results.length,
  };
}

/** OU path, account name, account id: the first three parts of a result's sort order. */
function accountKey(account: OrgAccount): string {
  return [account.parentPath, account.name, account.id].join('\u0000');
}

const byKey = (a: { key: string }, b: { key: string }) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/** Within an account: SCP before IMDS, then by region. */
function sortWithinAccount(results: VerifyResult[]): void {
  const kindKey = (r: VerifyResult) => (r.kind === 'scp' ? '0' : `1${r.region}`);
  results.sort((a, b) => {
    const ka = kindKey(a);
    const kb = kindKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}
