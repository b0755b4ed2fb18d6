import { asgFindings, instanceFindings, templateFindings } from './findings.js';
import type {
  AccountReadiness,
  AccountWorkloads,
  AsgFinding,
  InstanceFinding,
  InstanceMetricSums,
  ReadinessInput,
  ReadinessReport,
  RegionRollup,
  TemplateFinding,
  Verdict,
} from './types.js';

const DEFAULT_TOP = 5;

function n(value: number): string {
  return value.toLocaleString('en-US');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

interface AccountResult {
  readiness: AccountReadiness;
  instances: InstanceFinding[];
  templates: TemplateFinding[];
  groups: AsgFinding[];
}

function judgeAccount(account: AccountWorkloads, input: ReadinessInput): AccountResult {
  const base = { accountId: account.accountId, accountName: account.accountName };
  if (account.unreachable !== undefined) {
    return {
      readiness: {
        ...base,
        verdict: 'unknown',
        evidence: [`account not reachable: ${account.unreachable}`],
        noTokenCalls: 0,
        rejectedCalls: 0,
        regions: [],
        topInstances: [],
      },
      instances: [],
      templates: [],
      groups: [],
    };
  }
  const regions: RegionRollup[] = [];
  const instances: InstanceFinding[] = [];
  const templates: TemplateFinding[] = [];
  const groups: AsgFinding[] = [];
  const denied: string[] = [];
  const failed: string[] = [];
  let deniedMessage = '';
  for (const r of account.regions) {
    if (r.status === 'error') {
      failed.push(`${r.region} (${r.message})`);
      regions.push({
        region: r.region,
        noTokenCalls: 0,
        rejectedCalls: 0,
        instancesCalling: 0,
        metrics: 'error',
      });
      continue;
    }
    const sums = new Map<string, InstanceMetricSums>(
      r.metrics.status === 'ok' ? r.metrics.instances.map((m) => [m.instanceId, m]) : [],
    );
    if (r.metrics.status === 'denied') {
      denied.push(r.region);
      deniedMessage = r.metrics.message;
    } else if (r.metrics.status === 'error') failed.push(`${r.region} (${r.metrics.message})`);
    const accountDefault = input.accountDefaultTokens(account.accountId, r.region);
    const found = instanceFindings(account.accountId, r, sums);
    instances.push(...found);
    templates.push(...templateFindings(account.accountId, r, accountDefault));
    groups.push(...asgFindings(account.accountId, r, accountDefault));
    const values = [...sums.values()];
    const rollup: RegionRollup = {
      region: r.region,
      noTokenCalls: values.reduce((s, v) => s + v.noToken, 0),
      rejectedCalls: values.reduce((s, v) => s + v.rejected, 0),
      instancesCalling: values.filter((v) => v.noToken > 0).length,
      metrics: r.metrics.status,
    };
    if (rollup.noTokenCalls > 0 || rollup.rejectedCalls > 0 || r.metrics.status !== 'ok')
      regions.push(rollup);
  }
  const noTokenCalls = regions.reduce((s, r) => s + r.noTokenCalls, 0);
  const rejectedCalls = regions.reduce((s, r) => s + r.rejectedCalls, 0);
  const calling = instances.filter((i) => i.noTokenCalls > 0 || i.rejectedCalls > 0);
  const top = [...calling]
    .sort((a, b) => b.noTokenCalls - a.noTokenCalls || b.rejectedCalls - a.rejectedCalls)
    .slice(0, input.topN ?? DEFAULT_TOP);
  const evidence: string[] = [];
  for (const r of regions.filter((x) => x.noTokenCalls > 0)) {
    evidence.push(
      `${n(r.noTokenCalls)} IMDSv1 calls in ${input.lookbackDays} days from ${plural(r.instancesCalling, 'instance')} in ${r.region}`,
    );
  }
  for (const r of regions.filter((x) => x.rejectedCalls > 0)) {
    evidence.push(
      `${n(r.rejectedCalls)} IMDSv1 calls refused (MetadataNoTokenRejected) in ${r.region}`,
    );
  }
  const blind: string[] = [];
  if (denied.length > 0) {
    const where = denied.length === 1 ? denied[0] : `${denied.length} regions`;
    blind.push(`no permission to read CloudWatch metrics in ${where} (${deniedMessage})`);
  }
  if (failed.length > 0) blind.push(`could not read ${failed.join(', ')}`);
  evidence.push(...blind);
  const allowing = instances.filter((i) => i.issues.includes('allows-imdsv1')).length;
  if (allowing > 0) {
    evidence.push(
      `${plural(allowing, 'instance')} still ${allowing === 1 ? 'allows' : 'allow'} IMDSv1`,
    );
  }
  const hosts = instances.filter((i) => i.issues.includes('container-hop-limit-1')).length;
  if (hosts > 0) evidence.push(`${plural(hosts, 'container host')} with hop limit 1`);
  if (templates.length > 0) {
    evidence.push(
      `${plural(templates.length, 'launch template')} whose default version allows IMDSv1 or omits MetadataOptions`,
    );
  }
  if (groups.length > 0) {
    evidence.push(
      `${plural(groups.length, 'Auto Scaling group')} pinned to a version that allows IMDSv1`,
    );
  }
  const verdict: Verdict =
    noTokenCalls > 0 || rejectedCalls > 0 ? 'at-risk' : blind.length > 0 ? 'unknown' : 'ready';
  if (verdict === 'ready') evidence.unshift(`no IMDSv1 calls in ${input.lookbackDays} days`);
  return {
    readiness: {
      ...base,
      verdict,
      evidence,
      noTokenCalls,
      rejectedCalls,
      regions,
      topInstances: top,
    },
    instances,
    templates,
    groups,
  };
}

/** The readiness report: verdict per account with evidence, and every finding, sorted stably. */
export function buildReadinessReport(input: ReadinessInput): ReadinessReport {
  const results = [...input.accounts]
    .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0))
    .map((a) => judgeAccount(a, input));
  const accounts = results.map((r) => r.readiness);
  const instances = results.flatMap((r) => r.instances);
  const launchTemplates = results.flatMap((r) => r.templates);
  const autoScalingGroups = results.flatMap((r) => r.groups);
  const count = (v: Verdict) => accounts.filter((a) => a.verdict === v).length;
  return {
    schemaVersion: 1,
    toolVersion: input.meta.toolVersion,
    generatedAt: input.meta.generatedAt,
    lookbackDays: input.lookbackDays,
    window: { start: input.meta.windowStart, end: input.meta.windowEnd },
    summary: {
      accounts: accounts.length,
      ready: count('ready'),
      atRisk: count('at-risk'),
      unknown: count('unknown'),
      noTokenCalls: accounts.reduce((s, a) => s + a.noTokenCalls, 0),
      instancesAllowingImdsv1: instances.filter((i) => i.issues.includes('allows-imdsv1')).length,
      containerHostsHopLimit1: instances.filter((i) => i.issues.includes('container-hop-limit-1'))
        .length,
      templates: launchTemplates.length,
      pinnedGroups: autoScalingGroups.length,
    },
    accounts,
    instances,
    launchTemplates,
    autoScalingGroups,
  };
}

/**
 * Exit code in verify's style: 0 every account ready, 2 any at-risk or unknown, or a launch the
 * SCP would refuse.
 */
export function readinessExitCode(report: ReadinessReport): 0 | 2 {
  const refused = report.launches?.summary.refused ?? 0;
  return report.summary.atRisk + report.summary.unknown + refused === 0 ? 0 : 2;
}
