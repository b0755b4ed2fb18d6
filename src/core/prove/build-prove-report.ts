/** Pure: dry-run answers → status per account × region → the report and its exit code. */
import { ExitCode } from '../../errors.js';
import type { AccountId } from '../model/types.js';
import {
  type LaunchProbe,
  PROVE_STATUSES,
  type ProveCounts,
  type ProveReport,
  type ProveResult,
  type ProveStatus,
} from './types.js';

/** What the two dry runs say about the account × region. */
export function classifyProbes(
  optional: LaunchProbe,
  required: LaunchProbe,
): { status: ProveStatus; detail: string } {
  const failed = [optional, required].find((p) => p.outcome === 'error');
  if (failed?.outcome === 'error') {
    return { status: 'error', detail: `${failed.code}: ${failed.message}` };
  }
  if (required.outcome === 'refused') {
    return {
      status: 'blocked',
      detail: `an IMDSv2 (HttpTokens=required) launch is refused too (${required.code})`,
    };
  }
  if (required.outcome === 'denied') {
    return {
      status: 'blocked',
      detail: `an IMDSv2 (HttpTokens=required) launch is refused too (${
        required.explicitDeny ? 'explicit deny in a service control policy' : 'not authorized'
      })`,
    };
  }
  if (optional.outcome === 'allowed') {
    return {
      status: 'not-enforced',
      detail: 'an IMDSv1 (HttpTokens=optional) launch would succeed',
    };
  }
  if (optional.outcome === 'refused') {
    return {
      status: 'proven',
      detail: `IMDSv1 launch refused by EC2 (${optional.code}: HttpTokensEnforced), not by an SCP; IMDSv2 launch allowed`,
    };
  }
  return {
    status: 'proven',
    detail:
      optional.outcome === 'denied' && optional.explicitDeny
        ? 'IMDSv1 launch denied by a service control policy; IMDSv2 launch allowed'
        : 'IMDSv1 launch refused; IMDSv2 launch allowed',
  };
}

export interface ProveReportInput {
  toolVersion: string;
  generatedAt: string;
  organizationId: string;
  managementAccountId: AccountId;
  caller: { accountId: AccountId; arn: string };
  results: ProveResult[];
}

export function buildProveReport(input: ProveReportInput): ProveReport {
  const results = [...input.results].sort(
    (a, b) =>
      compare(a.ouPath, b.ouPath) ||
      compare(a.accountName, b.accountName) ||
      compare(a.accountId, b.accountId) ||
      compare(a.region, b.region),
  );
  const counts = Object.fromEntries(PROVE_STATUSES.map((s) => [s, 0])) as ProveCounts;
  counts.total = results.length;
  for (const r of results) counts[r.status] += 1;
  return {
    schemaVersion: 1,
    toolVersion: input.toolVersion,
    generatedAt: input.generatedAt,
    organizationId: input.organizationId,
    managementAccountId: input.managementAccountId,
    caller: input.caller,
    counts,
    results,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Statuses that are findings; the management account and suspended ones are reported, not findings. */
export function isProveFinding(status: ProveStatus): boolean {
  return status !== 'proven' && status !== 'management-account' && status !== 'suspended';
}

/** 0 every covered target proven, 2 findings (like verify). */
export function proveExitCode(report: ProveReport): number {
  return report.results.some((r) => isProveFinding(r.status))
    ? ExitCode.changesOrFindings
    : ExitCode.ok;
}
