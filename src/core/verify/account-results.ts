/**
 * One account's verify results against one desired state: the SCP coverage (when the desired
 * state deploys the SCP) and the IMDS defaults per region — what account-level defaults, a
 * declarative policy or an active exception make the expected state.
 */
import { declarativeManages } from '../desired/declarative-coverage.js';
import { accountException, describeException } from '../desired/exceptions.js';
import type { DesiredException, DesiredState } from '../desired/types.js';
import type {
  AccountObservation,
  ImdsDefaults,
  ObservedImds,
  ObservedState,
  OrgAccount,
  RegionObservation,
} from '../model/types.js';
import { describeDiffs, imdsDiffs } from './imds-diff.js';
import { scpResult } from './scp-coverage.js';
import type { ImdsResult, VerifyResult } from './types.js';

export function accountResults(
  observed: ObservedState,
  desired: DesiredState,
  account: OrgAccount,
  observation: AccountObservation,
  attached: Set<string>,
): VerifyResult[] {
  const results: VerifyResult[] = [];
  const suspended = suspendedWhy(account, observation);
  if (suspended !== undefined)
    return suspendedResults(observed, desired, account, attached, suspended);
  const scp = scpResult(observed, desired, account, attached);
  if (scp) results.push(scp);
  const isManagement = account.id === observed.org.managementAccountId;
  if (isManagement && !desired.includeManagementAccount) return results;
  const exception = accountException(observed.org, account, desired.exceptions);
  if (exception) {
    results.push(...exceptedResults(account, observation, exception));
    return results;
  }
  const expect = declarativeManages(observed.org, account, desired)
    ? { declarative: desired.declarative?.name ?? 'the declarative policy' }
    : {};
  results.push(...imdsResults(account, observation, desired.imds, expect));
  return results;
}

/**
 * Why the account is closed or closing, if it is: AWS refuses AssumeRole into it, launches and
 * changes are impossible, and it leaves the organization on its own — information, not a finding.
 */
function suspendedWhy(account: OrgAccount, observation: AccountObservation): string | undefined {
  if (account.status === 'SUSPENDED' || account.status === 'PENDING_CLOSURE') {
    return `the account is ${account.status}: nothing can be changed or launched there`;
  }
  if (observation.access.status === 'unreachable' && observation.access.reason === 'suspended') {
    return `${observation.access.message}: nothing can be changed or launched there`;
  }
  return undefined;
}

function suspendedResults(
  observed: ObservedState,
  desired: DesiredState,
  account: OrgAccount,
  attached: Set<string>,
  why: string,
): VerifyResult[] {
  const results: VerifyResult[] = [];
  const scp = scpResult(observed, desired, account, attached);
  // A covered account says so; a missing SCP cannot matter where nothing can launch.
  if (scp)
    results.push(scp.status === 'drift' ? { ...scp, status: 'suspended', detail: why } : scp);
  results.push({ ...base(account), region: '*', status: 'suspended', diffs: [], detail: why });
  return results;
}

interface Expectation {
  /** Set when the strategy expects a declarative policy (this name) to manage the defaults. */
  declarative?: string;
}

function base(account: OrgAccount) {
  return {
    kind: 'imds' as const,
    accountId: account.id,
    accountName: account.name,
    ouPath: account.parentPath,
  };
}

function exceptedResults(
  account: OrgAccount,
  observation: AccountObservation,
  exception: DesiredException,
): ImdsResult[] {
  const regions = observation.regions.length ? observation.regions.map((r) => r.region) : ['*'];
  return regions.map((region) => ({
    ...base(account),
    region,
    status: 'excepted',
    diffs: [],
    detail: describeException(exception),
  }));
}

function imdsResults(
  account: OrgAccount,
  observation: AccountObservation,
  desired: ImdsDefaults,
  expect: Expectation,
): ImdsResult[] {
  const access = observation.access;
  if (access.status === 'unreachable') {
    const regions = observation.regions.length ? observation.regions.map((r) => r.region) : ['*'];
    return regions.map((region) => ({
      ...base(account),
      region,
      status: 'unreachable',
      diffs: [],
      detail: `${access.reason}: ${access.message}`,
    }));
  }
  return observation.regions.map((r) => regionResult(account, r, desired, expect));
}

type RegionVerdict = Pick<ImdsResult, 'status' | 'diffs' | 'detail' | 'declarativeCompliant'>;

/**
 * Verdicts already judged, per desired IMDS defaults, observed value and expectation. A sweep of
 * 10,000 × 17 judges 170,000 targets that share a handful of observed values (the read path
 * shares one frozen object per distinct value): each result points at the one verdict's diffs
 * and detail instead of holding its own copies — ~500 bytes less per target.
 */
const verdicts = new WeakMap<ImdsDefaults, WeakMap<ObservedImds, Map<string, RegionVerdict>>>();

function judged(observed: ObservedImds, desired: ImdsDefaults, expect: Expectation): RegionVerdict {
  let byObserved = verdicts.get(desired);
  if (!byObserved) {
    byObserved = new WeakMap();
    verdicts.set(desired, byObserved);
  }
  let byExpectation = byObserved.get(observed);
  if (!byExpectation) {
    byExpectation = new Map();
    byObserved.set(observed, byExpectation);
  }
  const key = expect.declarative ?? '';
  let verdict = byExpectation.get(key);
  if (!verdict) {
    verdict = judge(observed, desired, expect);
    Object.freeze(verdict.diffs);
    byExpectation.set(key, verdict);
  }
  return verdict;
}

function judge(r: ObservedImds, desired: ImdsDefaults, expect: Expectation): RegionVerdict {
  const diffs = imdsDiffs(desired, r.defaults);
  const byPolicy = r.managedBy === 'declarative-policy';
  if (expect.declarative !== undefined) {
    // The strategy hands the defaults to a declarative policy: that is the compliant state.
    if (byPolicy && diffs.length === 0) {
      return { diffs, status: 'compliant', detail: `managed by ${expect.declarative}` };
    }
    const why = byPolicy
      ? `a declarative policy manages it but ${describeDiffs(diffs)}`
      : `set per account, not by the declarative policy ${expect.declarative}${diffs.length ? `; ${describeDiffs(diffs)}` : ''}`;
    return { diffs, status: 'drift', detail: why };
  }
  if (byPolicy) {
    const compliant = diffs.length === 0;
    const why = compliant
      ? 'its values meet the desired state'
      : `it differs: ${describeDiffs(diffs)}`;
    return {
      diffs,
      status: 'managed-by-declarative-policy',
      declarativeCompliant: compliant,
      detail: `managed by an EC2 declarative policy (not changed per account); ${why}`,
    };
  }
  if (diffs.length === 0) return { diffs, status: 'compliant' };
  return { diffs, status: 'drift', detail: describeDiffs(diffs) };
}

/**
 * One object literal per shape, keys in the order reports have always shown them (JSON output is
 * byte-for-byte what it was): fixed-shape objects are a fraction of the size of spread ones.
 */
function regionResult(
  account: OrgAccount,
  r: RegionObservation,
  desired: ImdsDefaults,
  expect: Expectation,
): ImdsResult {
  const { id: accountId, name: accountName, parentPath: ouPath } = account;
  if (r.status === 'unreachable') {
    const detail = `${r.reason}: ${r.message}`;
    return {
      kind: 'imds',
      accountId,
      accountName,
      ouPath,
      region: r.region,
      status: 'unreachable',
      diffs: [],
      detail,
    };
  }
  if (r.status === 'error') {
    const detail = `${r.code}: ${r.message}`;
    return {
      kind: 'imds',
      accountId,
      accountName,
      ouPath,
      region: r.region,
      status: 'error',
      diffs: [],
      detail,
    };
  }
  const { status, diffs, detail, declarativeCompliant } = judged(r.imds, desired, expect);
  const observed = r.imds.defaults;
  const managedBy = r.imds.managedBy;
  const region = r.region;
  if (declarativeCompliant !== undefined) {
    return {
      kind: 'imds',
      accountId,
      accountName,
      ouPath,
      region,
      diffs,
      observed,
      managedBy,
      status,
      declarativeCompliant,
      detail,
    };
  }
  if (detail === undefined) {
    return {
      kind: 'imds',
      accountId,
      accountName,
      ouPath,
      region,
      diffs,
      observed,
      managedBy,
      status,
    };
  }
  return {
    kind: 'imds',
    accountId,
    accountName,
    ouPath,
    region,
    diffs,
    observed,
    managedBy,
    status,
    detail,
  };
}
