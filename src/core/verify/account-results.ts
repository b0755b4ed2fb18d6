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
  return observation.regions.map((r) => ({
    ...base(account),
    ...regionResult(r, desired, expect),
  }));
}

type RegionPart = Pick<
  ImdsResult,
  'region' | 'status' | 'diffs' | 'detail' | 'observed' | 'managedBy' | 'declarativeCompliant'
>;

function regionResult(
  r: RegionObservation,
  desired: ImdsDefaults,
  expect: Expectation,
): RegionPart {
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
  const byPolicy = r.imds.managedBy === 'declarative-policy';
  if (expect.declarative !== undefined) {
    // The strategy hands the defaults to a declarative policy: that is the compliant state.
    if (byPolicy && diffs.length === 0) {
      return { ...common, status: 'compliant', detail: `managed by ${expect.declarative}` };
    }
    const why = byPolicy
      ? `a declarative policy manages it but ${describeDiffs(diffs)}`
      : `set per account, not by the declarative policy ${expect.declarative}${diffs.length ? `; ${describeDiffs(diffs)}` : ''}`;
    return { ...common, status: 'drift', detail: why };
  }
  if (byPolicy) {
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
