/**
 * Shared reading of a VerifyReport for every writer: what counts as a finding, how a result is
 * described in one line, and how results group by OU and account. Writers differ only in layout.
 */

import { type RoleDeniedAdvice, roleDeniedAdvice } from '../core/desired/exclude-hint.js';
import { plural } from '../core/model/plural.js';
import type { ImdsField } from '../core/model/types.js';
import type {
  FieldDiff,
  ImdsResult,
  ScpResult,
  TargetStatus,
  VerifyReport,
  VerifyResult,
} from '../core/verify/types.js';

/** Display order of statuses: worst first where it matters to a reader. */
export const TARGET_STATUSES = [
  'compliant',
  'drift',
  'managed-by-declarative-policy',
  'unreachable',
  'error',
] as const satisfies readonly TargetStatus[];

/**
 * A finding is anything a platform team must look at: drift, errors, targets that could not be
 * checked, and declarative-policy targets whose values do not meet the desired state.
 */
export function isFinding(result: VerifyResult): boolean {
  // Excepted targets are reported under their exception; an expired one is the finding.
  // Suspended accounts cannot be changed: information, never a finding.
  if (result.status === 'compliant' || result.status === 'excepted') return false;
  if (result.status === 'suspended') return false;
  if (result.status === 'managed-by-declarative-policy') {
    return result.kind === 'imds' && result.declarativeCompliant === false;
  }
  return true;
}

export function findingsOf(report: VerifyReport): VerifyResult[] {
  return report.results.filter(isFinding);
}

/** What a reader sees per region: the findings, and suspended accounts as information. */
export function isShown(result: VerifyResult): boolean {
  return isFinding(result) || result.status === 'suspended';
}

/**
 * The accounts whose member role was refused, with the hint that fixes or excludes them: the
 * config line is the one `scope.excludeAccounts` reads (a finding until fixed or excluded).
 */
export function roleDeniedNote(report: VerifyReport): RoleDeniedAdvice | undefined {
  return roleDeniedAdvice(
    report.results
      .filter((r) => r.status === 'unreachable' && (r.detail ?? '').startsWith('role-denied'))
      .map((r) => ({ id: r.accountId, name: r.accountName })),
  );
}

/** Renders a field value: absent means the account has no preference (the AWS default applies). */
export function formatValue(value: string | number | undefined): string {
  if (value === undefined || value === 'no-preference' || value === -1) return '(unset)';
  return String(value);
}

export function formatDiff(diff: FieldDiff): string {
  return `${diff.field} ${formatValue(diff.actual)} → ${formatValue(diff.expected)}`;
}

function describeCoverage(result: ScpResult): string {
  const via = result.via ?? 'an OU or the root';
  switch (result.coverage) {
    case 'direct':
      return 'attached directly';
    case 'inherited':
      return `inherited from ${via}`;
    case 'missing':
      return 'not attached to the account, its OUs or the root';
    case 'content-differs':
      return `attached via ${via}, but its content differs from the template`;
    case 'management-account':
      return 'SCPs never apply to the management account; its defaults are checked directly';
  }
}

/**
 * The region of an account whose regions could not even be listed (role denied, suspended): the
 * core reports it once for the whole account.
 */
export const ALL_REGIONS = '*';

export function coversAllRegions(result: VerifyResult): boolean {
  return result.kind === 'imds' && result.region === ALL_REGIONS;
}

/** The target column: `SCP`, the region name, or `all regions`. */
export function targetLabel(result: VerifyResult): string {
  if (result.kind === 'scp') return 'SCP';
  return result.region === ALL_REGIONS ? 'all regions' : result.region;
}

/** `16 of 17 regions compliant`, or why the regions were not checked. */
export function describeRegionCount(account: AccountGroup): string {
  if (account.imds.some(coversAllRegions)) return 'regions not checked';
  const ok = account.imds.filter((result) => !isFinding(result)).length;
  const declarative = account.imds.filter(
    (r) => r.status === 'managed-by-declarative-policy' && !isFinding(r),
  ).length;
  const note = declarative === 0 ? '' : ` (${declarative} managed by a declarative policy)`;
  return `${ok} of ${account.imds.length} regions compliant${note}`;
}

/** One line that says why a result has its status. */
export function describeResult(result: VerifyResult): string {
  // The core's own sentence wins; the coverage text covers reports that carry none.
  if (result.kind === 'scp') return result.detail ?? describeCoverage(result);
  return describeImds(result);
}

function describeImds(result: ImdsResult): string {
  const diffs = result.diffs.map(formatDiff).join(', ');
  if (result.status === 'managed-by-declarative-policy') {
    const verdict =
      result.declarativeCompliant === false
        ? `does not meet the desired state${diffs === '' ? '' : `: ${diffs}`}`
        : 'meets the desired state';
    return `managed by a declarative policy, ${verdict}`;
  }
  if (result.status === 'drift' && diffs !== '') return diffs;
  if (result.detail !== undefined) return result.detail;
  return result.status === 'compliant' ? 'as desired' : diffs;
}

export interface AccountGroup {
  accountId: string;
  accountName: string;
  ouPath: string;
  scp: ScpResult[];
  imds: ImdsResult[];
}

export interface OuGroup {
  ouPath: string;
  accounts: AccountGroup[];
}

/** Groups results by OU path then account, keeping the report's order (already sorted). */
export function groupByOu(results: readonly VerifyResult[]): OuGroup[] {
  const ous = new Map<string, Map<string, AccountGroup>>();
  for (const result of results) {
    let accounts = ous.get(result.ouPath);
    if (accounts === undefined) {
      accounts = new Map();
      ous.set(result.ouPath, accounts);
    }
    let account = accounts.get(result.accountId);
    if (account === undefined) {
      account = {
        accountId: result.accountId,
        accountName: result.accountName,
        ouPath: result.ouPath,
        scp: [],
        imds: [],
      };
      accounts.set(result.accountId, account);
    }
    if (result.kind === 'scp') account.scp.push(result);
    else account.imds.push(result);
  }
  return [...ous].map(([ouPath, accounts]) => ({ ouPath, accounts: [...accounts.values()] }));
}

/** Every region that appears in the report, sorted, for heat map columns. */
export function regionsOf(results: readonly VerifyResult[]): string[] {
  const regions = new Set<string>();
  for (const result of results) {
    if (result.kind === 'imds' && result.region !== ALL_REGIONS) regions.add(result.region);
  }
  return [...regions].sort();
}

export function statusCountsLine(report: VerifyReport): string {
  const parts = TARGET_STATUSES.map((status) => `${report.counts[status]} ${status}`);
  return `${plural(report.counts.total, 'target')}: ${parts.join(', ')}`;
}

export function describeDesired(report: VerifyReport): string {
  const fields = Object.entries(report.desired.imds)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) => `${field as ImdsField} ${String(value)}`);
  const imds = fields.length === 0 ? 'no IMDS defaults' : fields.join(', ');
  const scp = report.desired.scpName === null ? 'no SCP' : `SCP ${report.desired.scpName}`;
  const { stage, strategy, declarativePolicyName } = report.desired;
  const ring = stage === undefined ? '' : `; ring ${stage}`;
  const policy =
    strategy === undefined || strategy === 'scp-and-defaults'
      ? ''
      : `; strategy ${strategy}${declarativePolicyName ? ` (declarative policy ${declarativePolicyName})` : ''}`;
  return `${imds}; ${scp}${ring}${policy}`;
}

export function describeScope(report: VerifyReport): string {
  const regions =
    report.scope.regions === 'enabled'
      ? 'every enabled region'
      : `${report.scope.regions.length} regions (${report.scope.regions.join(', ')})`;
  return `${plural(report.scope.accounts, 'account')} × ${regions}`;
}
