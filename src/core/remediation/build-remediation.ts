/**
 * The remediation plan (pure): from what readiness read and judged, the changes that make
 * workloads stop producing IMDSv1 instances, and the list of what only a person can fix.
 * - every launch template whose default version allows IMDSv1 (or omits MetadataOptions) gets a
 *   new version from that default, every other field kept, HttpTokens=required, made the default;
 * - every instance that allows IMDSv1 and made ZERO IMDSv1 calls in the window (with metrics
 *   readable in its region) gets HttpTokens=required; instances with calls are listed, not changed;
 * - Auto Scaling groups pinned to a version that allows IMDSv1 are listed with their fix and the
 *   instance refresh command (never run).
 */
import { canonicalJson } from '../model/canonical-json.js';
import type { CallerIdentity } from '../model/types.js';
import { finalize } from '../plan/build-plan.js';
import type {
  KeptInstance,
  PinnedGroupAdvice,
  RemediationChange,
  TemplateMetadataOptions,
} from '../plan/remediation-types.js';
import { summarizeCounts } from '../plan/summarize.js';
import type { Plan } from '../plan/types.js';
import type { AccountWorkloads, ReadinessReport, RegionWorkloads } from '../readiness/types.js';

type Unclassified<C> = C extends unknown ? Omit<C, 'id' | 'risk' | 'dependsOn'> : never;

export interface RemediationInput {
  workloads: AccountWorkloads[];
  report: ReadinessReport;
  /** Parent OU path of each account (grouping and waves). */
  ouPathOf: (accountId: string) => string;
  meta: {
    toolVersion: string;
    createdAt: string;
    configHash: string;
    observedHash: string;
    caller: CallerIdentity;
    organizationId: string;
    managementAccountId: string;
  };
}

type OkRegion = Extract<RegionWorkloads, { status: 'ok' }>;

export function buildRemediationPlan(input: RemediationInput): Plan {
  const regions = new Map<string, OkRegion>();
  const names = new Map<string, string>();
  for (const a of input.workloads) {
    names.set(a.accountId, a.accountName);
    for (const r of a.regions) if (r.status === 'ok') regions.set(`${a.accountId}/${r.region}`, r);
  }
  const base = (accountId: string, region: string) => ({
    accountId,
    accountName: names.get(accountId) ?? accountId,
    ouPath: input.ouPathOf(accountId),
    region,
  });
  const planned: Unclassified<RemediationChange>[] = [];
  const { report } = input;

  for (const t of report.launchTemplates) {
    const observed = regions
      .get(`${t.accountId}/${t.region}`)
      ?.launchTemplates.find((x) => x.templateId === t.templateId);
    const before: TemplateMetadataOptions | undefined = observed?.defaultMetadata
      ? { ...observed.defaultMetadata }
      : undefined;
    planned.push({
      kind: 'launchTemplate.update',
      ...base(t.accountId, t.region),
      templateId: t.templateId,
      templateName: t.templateName,
      before: { defaultVersion: t.defaultVersion, ...(before ? { metadata: before } : {}) },
      after: { metadata: { ...before, httpTokens: 'required' } },
    });
  }

  const kept: KeptInstance[] = [];
  for (const i of report.instances) {
    if (i.httpTokens !== 'optional') continue;
    const region = regions.get(`${i.accountId}/${i.region}`);
    if (!region?.instances.some((x) => x.instanceId === i.instanceId)) continue;
    const where = { ...base(i.accountId, i.region), instanceId: i.instanceId };
    const keep = (reason: string) =>
      kept.push({
        accountId: where.accountId,
        accountName: where.accountName,
        region: where.region,
        instanceId: i.instanceId,
        ...(i.name ? { name: i.name } : {}),
        noTokenCalls: i.noTokenCalls,
        reason,
      });
    if (i.noTokenCalls > 0) {
      keep(`${i.noTokenCalls.toLocaleString('en-US')} IMDSv1 calls in ${report.lookbackDays} days`);
    } else if (region.metrics.status !== 'ok') {
      keep(`IMDSv1 usage unknown (${region.metrics.message})`);
    } else {
      planned.push({
        kind: 'instance.metadata',
        ...where,
        ...(i.name ? { instanceName: i.name } : {}),
        before: { httpTokens: 'optional' },
        after: { httpTokens: 'required' },
      });
    }
  }

  const groups: PinnedGroupAdvice[] = report.autoScalingGroups.map((g) => ({
    accountId: g.accountId,
    accountName: names.get(g.accountId) ?? g.accountId,
    region: g.region,
    name: g.name,
    templateId: g.templateId,
    ...(g.templateName ? { templateName: g.templateName } : {}),
    pinnedVersion: g.pinnedVersion,
    fix: g.fix,
    refreshCommand: g.refreshCommand,
  }));

  const changes = finalize(planned);
  return {
    version: 1,
    toolVersion: input.meta.toolVersion,
    createdAt: input.meta.createdAt,
    configHash: input.meta.configHash,
    observedHash: input.meta.observedHash,
    caller: input.meta.caller,
    organizationId: input.meta.organizationId,
    managementAccountId: input.meta.managementAccountId,
    changes,
    skipped: [],
    summary: summarizeCounts(changes, 0, 0),
    remediation: {
      lookbackDays: report.lookbackDays,
      window: report.window,
      keptInstances: kept,
      autoScalingGroups: groups,
    },
  };
}

/** Saved changes no longer in a fresh remediation plan exactly as planned: the plan is stale. */
export function staleRemediation(saved: Plan, fresh: Plan): string[] {
  const now = new Map(fresh.changes.map((c) => [c.id, c]));
  const out: string[] = [];
  for (const c of saved.changes) {
    const f = now.get(c.id);
    if (f && canonicalJson(f) === canonicalJson({ ...c, risk: f.risk })) continue;
    if (c.kind === 'launchTemplate.update') {
      out.push(`launch template ${c.templateName} (${c.templateId}) in ${c.accountId} ${c.region}`);
    } else if (c.kind === 'instance.metadata') {
      out.push(
        `instance ${c.instanceId} in ${c.accountId} ${c.region}${f ? '' : ' (now calls IMDSv1, or changed)'}`,
      );
    } else out.push(c.id);
  }
  return out;
}
