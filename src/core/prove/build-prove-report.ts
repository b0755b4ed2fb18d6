/** Pure: dry-run answers → status per account × region → the report and its exit code. */
import { ExitCode } from '../errors.js';
import type { AccountId } from '../model/types.js';
import {
  type DenyKind,
  type LaunchProbe,
  PROVE_STATUSES,
  type ProveCounts,
  type ProveReport,
  type ProveResult,
  type ProveStatus,
} from './types.js';

const DENY_WORDS: Record<DenyKind, string> = {
  'service-control-policy': 'a service control policy',
  'resource-control-policy': 'a resource control policy',
  'permissions-boundary': 'a permissions boundary',
  'identity-based-policy': 'an identity-based policy',
  'session-policy': 'a session policy',
};

/**
 * The kind of policy an `UnauthorizedOperation` message names: AWS says "… with an explicit deny
 * in a service control policy" (or a resource control policy, a permissions boundary, an
 * identity-based policy, a session policy). Undefined when it names none (implicit deny).
 */
export function denyKindOf(message: string): DenyKind | undefined {
  const match = /explicit deny in an? ([a-z -]+?)(?:\.|:|$)/i.exec(message);
  const words = match?.[1]?.toLowerCase() ?? '';
  for (const [kind, text] of Object.entries(DENY_WORDS) as [DenyKind, string][]) {
    if (words.startsWith(text.replace(/^an? /, ''))) return kind;
  }
  return undefined;
}

type Denied = Extract<LaunchProbe, { outcome: 'denied' }>;

/** The kind the gateway read from the message, or read here (reports written before it did). */
function kindOf(probe: Denied): DenyKind | undefined {
  return probe.explicitDeny ? (probe.denyKind ?? denyKindOf(probe.message)) : undefined;
}

function deniedBy(probe: Denied): string {
  if (!probe.explicitDeny) return 'not authorized (no explicit deny)';
  const kind = kindOf(probe);
  return kind ? `explicit deny in ${DENY_WORDS[kind]}` : 'explicit deny';
}

/**
 * Where the proof rests on EC2 refusing an IMDSv1 dry run for HttpTokensEnforced before it
 * answers DryRunOperation: documented for real launches, never seen for dry runs.
 */
export const UNCONFIRMED_ENFORCEMENT_ORDER =
  'EC2 refusing a dry run for HttpTokensEnforced before answering DryRunOperation is unconfirmed on AWS (documented for real launches only)';

/** What the two dry runs say about the account × region. */
export function classifyProbes(
  optional: LaunchProbe,
  required: LaunchProbe,
): { status: ProveStatus; detail: string; unconfirmed?: string } {
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
      detail: `an IMDSv2 (HttpTokens=required) launch is refused too (${deniedBy(required)})`,
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
      unconfirmed: UNCONFIRMED_ENFORCEMENT_ORDER,
    };
  }
  if (optional.outcome !== 'denied') {
    // error was handled first: nothing else is left
    return { status: 'error', detail: `${optional.code}: ${optional.message}` };
  }
  const kind = kindOf(optional);
  if (kind && kind !== 'service-control-policy') {
    // AWS names one kind; whether an SCP would deny too cannot be seen behind it.
    return {
      status: 'inconclusive',
      detail: `inconclusive: the IMDSv1 launch is denied by ${DENY_WORDS[kind]}, not by an SCP, so whether the SCP refuses it cannot be seen; IMDSv2 launch allowed`,
    };
  }
  return {
    status: 'proven',
    detail:
      kind === 'service-control-policy'
        ? 'IMDSv1 launch denied by a service control policy; IMDSv2 launch allowed'
        : `IMDSv1 launch refused (${deniedBy(optional)}); IMDSv2 launch allowed`,
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
