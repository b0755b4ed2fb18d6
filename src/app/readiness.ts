/**
 * `guardrails readiness`: the shared read path (preflight, discover, scope, account defaults),
 * then per reachable account × enabled region — bounded in parallel — instances, launch
 * templates, Auto Scaling groups and the IMDSv1 metrics over the lookback window; the pure core
 * judges each account ready / at-risk / unknown.
 */
import type { WorkloadsGateway } from '../aws/gateways.js';
import { launchGate } from '../core/launch/gate.js';
import { plural } from '../core/model/plural.js';
import type { AccountObservation, OrgAccount } from '../core/model/types.js';
import { buildReadinessReport } from '../core/readiness/build-readiness.js';
import { gateAccounts } from '../core/readiness/gate.js';
import type {
  AccountWorkloads,
  MetricsObservation,
  ObservedTemplateVersion,
  ReadinessReport,
  RegionWorkloads,
} from '../core/readiness/types.js';
import { AwsApiError, BugError, GuardrailsError, UsageError } from '../errors.js';
import type { AppContext } from './context.js';
import { MAX_LAUNCH_LOOKBACK_DAYS, previewedEvent, startLaunchPreview } from './launch-preview.js';
import { type Observation, observe } from './observe.js';
import { sweepTargets } from './sweep-targets.js';

export const DEFAULT_LOOKBACK_DAYS = 14;
/** CloudTrail event history keeps 90 days: the launch preview reads up to that. */
export const MAX_LOOKBACK_DAYS = MAX_LAUNCH_LOOKBACK_DAYS;
/** CloudWatch IMDSv1 metrics are summed over at most 63 days, whatever the lookback. */
export const MAX_METRICS_DAYS = 63;
const DAY_MS = 86_400_000;

export interface ReadinessOptions {
  /** Else the config's readiness.lookbackDays. */
  lookbackDays?: number;
  /** Added to the config's readiness.allowAtRisk. */
  allowAtRisk?: string[];
  /** Read CloudTrail launches for the launch preview (default true; remediation does not). */
  launches?: boolean;
}

export interface ReadinessResult {
  report: ReadinessReport;
  observed: AccountObservation[];
  /** What was read per account × region (the remediation plan is built from it). */
  workloads: AccountWorkloads[];
}

export async function readiness(
  ctx: AppContext,
  options: ReadinessOptions = {},
): Promise<ReadinessResult> {
  lookbackDaysOf(ctx, options);
  if (!ctx.gateways.workloads) {
    throw new BugError('these AWS gateways cannot read workloads (readiness)');
  }
  return readinessOf(ctx, await observe(ctx), options);
}

function lookbackDaysOf(ctx: AppContext, options: ReadinessOptions): number {
  const lookbackDays =
    options.lookbackDays ?? ctx.config.readiness?.lookbackDays ?? DEFAULT_LOOKBACK_DAYS;
  if (!Number.isInteger(lookbackDays) || lookbackDays < 1 || lookbackDays > MAX_LOOKBACK_DAYS) {
    throw new UsageError(`--lookback-days must be a whole number from 1 to ${MAX_LOOKBACK_DAYS}.`);
  }
  return lookbackDays;
}

/**
 * Readiness of an observation already made (the guided rollout observes once for readiness and
 * the plan): workloads and metrics per reachable account × region, judged by the pure core.
 */
export async function readinessOf(
  ctx: AppContext,
  observation: Observation,
  options: ReadinessOptions = {},
): Promise<ReadinessResult> {
  const lookbackDays = lookbackDaysOf(ctx, options);
  const workloads = ctx.gateways.workloads?.bind(ctx.gateways);
  if (!workloads) throw new BugError('these AWS gateways cannot read workloads (readiness)');
  const { observed, scope } = observation;
  const end = new Date(Math.floor(ctx.now().getTime() / 3_600_000) * 3_600_000);
  const start = new Date(end.getTime() - Math.min(lookbackDays, MAX_METRICS_DAYS) * DAY_MS);
  const launches =
    options.launches === false
      ? undefined
      : startLaunchPreview(ctx, observation, {
          start: new Date(end.getTime() - lookbackDays * DAY_MS),
          end: new Date(ctx.now().getTime()),
          lookbackDays,
        });
  const names = new Map<string, OrgAccount>(scope.accounts.map((a) => [a.id, a]));

  ctx.host.notify({ type: 'step.started', step: 'readiness', title: 'Looking for IMDSv1 users' });
  const targets = observed.accounts.flatMap((a) =>
    a.access.status === 'reachable'
      ? a.regions
          .filter((r) => r.status === 'ok')
          .map((r) => ({ accountId: a.accountId, region: r.region }))
      : [],
  );
  let done = 0;
  const read = await sweepTargets(ctx.concurrency, targets, async (t, pace) => {
    const result = await readRegion(() => workloads(t.accountId, t.region), t.region, {
      start,
      end,
    });
    // CloudTrail's 2-lookups-a-second pacing waits without the sweep slot (`pace`).
    await launches?.read(t, pace);
    done++;
    ctx.host.notify({ type: 'sweep.progress', done, total: targets.length });
    return { ...t, result };
  });
  // Grouped once: a filter per account is 10,000 × 170,000 comparisons at 10,000 × 17.
  const byAccount = new Map<string, RegionWorkloads[]>();
  for (const r of read) {
    const list = byAccount.get(r.accountId) ?? [];
    list.push(r.result);
    byAccount.set(r.accountId, list);
  }
  const accounts: AccountWorkloads[] = observed.accounts.map((a) => {
    const name = names.get(a.accountId)?.name ?? a.accountId;
    if (a.access.status !== 'reachable') {
      return {
        accountId: a.accountId,
        accountName: name,
        unreachable: a.access.message,
        regions: [],
      };
    }
    return { accountId: a.accountId, accountName: name, regions: byAccount.get(a.accountId) ?? [] };
  });
  const defaults = new Map<string, 'optional' | 'required' | undefined>();
  for (const a of observed.accounts) {
    for (const r of a.regions) {
      if (r.status === 'ok') defaults.set(`${a.accountId}/${r.region}`, r.imds.defaults.httpTokens);
    }
  }
  const report = buildReadinessReport({
    accounts,
    lookbackDays: Math.min(lookbackDays, MAX_METRICS_DAYS),
    accountDefaultTokens: (accountId, region) => defaults.get(`${accountId}/${region}`),
    meta: {
      toolVersion: ctx.toolVersion,
      generatedAt: ctx.now().toISOString(),
      windowStart: start.toISOString(),
      windowEnd: end.toISOString(),
    },
  });
  if (launches) {
    report.launches = launches.finish();
    ctx.host.notify(previewedEvent(report.launches));
  }
  const gateOptions = {
    enabled: ctx.config.readiness?.gate ?? true,
    allowAtRisk: [...(ctx.config.readiness?.allowAtRisk ?? []), ...(options.allowAtRisk ?? [])],
  };
  report.gate = gateAccounts(report, gateOptions);
  // Launches the SCP would refuse: held out of its reach (accounts not already held everywhere).
  const launchHolds = launchGate(report.launches, gateOptions);
  const heldEverywhere = new Set(report.gate.held.map((h) => h.accountId));
  report.gate.held.push(
    ...launchHolds.held
      .filter((h) => !heldEverywhere.has(h.accountId))
      .map((h) => ({ ...h, lane: 'scp' as const })),
  );
  report.gate.overridden.push(
    ...launchHolds.overridden
      .map((h) => h.accountId)
      .filter((id) => !report.gate?.overridden.includes(id)),
  );
  const { summary } = report;
  ctx.host.notify({
    type: 'step.finished',
    step: 'readiness',
    status: 'ok',
    summary: `${plural(summary.accounts, 'account')}: ${summary.ready} ready, ${summary.atRisk} at risk, ${summary.unknown} unknown`,
  });
  return { report, observed: observed.accounts, workloads: accounts };
}

async function readRegion(
  open: () => Promise<WorkloadsGateway>,
  region: string,
  window: { start: Date; end: Date },
): Promise<RegionWorkloads> {
  try {
    const gw = await open();
    // One call at a time per target: the sweep's concurrency is the socket budget (one per target).
    const instances = await gw.describeInstances();
    const launchTemplates = await gw.describeLaunchTemplates();
    const autoScalingGroups = await gw.describeAutoScalingGroups();
    const metrics = await readMetrics(gw, window);
    // Versions that groups pin by number: judge those, not the template's default.
    const pins = new Map<string, { templateId: string; version: number }>();
    for (const g of autoScalingGroups) {
      if (g.templateId && g.version && /^\d+$/.test(g.version)) {
        pins.set(`${g.templateId}#${g.version}`, {
          templateId: g.templateId,
          version: Number(g.version),
        });
      }
    }
    const pinnedVersions: ObservedTemplateVersion[] = [];
    for (const p of pins.values())
      pinnedVersions.push(await gw.describeTemplateVersion(p.templateId, p.version));
    return {
      region,
      status: 'ok',
      instances,
      launchTemplates,
      pinnedVersions,
      autoScalingGroups,
      metrics,
    };
  } catch (err) {
    if (err instanceof GuardrailsError) return { region, status: 'error', message: err.message };
    throw err;
  }
}

async function readMetrics(
  gw: WorkloadsGateway,
  window: { start: Date; end: Date },
): Promise<MetricsObservation> {
  try {
    return { status: 'ok', instances: await gw.imdsV1Metrics(window) };
  } catch (err) {
    if (
      err instanceof AwsApiError &&
      ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation'].includes(err.awsCode)
    ) {
      return {
        status: 'denied',
        message: `${err.awsCode} on cloudwatch:GetMetricData/ListMetrics`,
      };
    }
    if (err instanceof GuardrailsError) return { status: 'error', message: err.message };
    throw err;
  }
}
