/**
 * The launch preview of `guardrails readiness`: per reachable account × enabled region, every
 * RunInstances and CreateFleet record of the window (CloudTrail LookupEvents through the member role, bounded
 * in parallel, paced for its 2-per-second quota), judged one by one against the SCP as the plan
 * would leave it (exempt principals and exceptions included) and forgotten: only counts and one
 * example per account and principal are kept.
 */
import { ACCESS_DENIED_CODES } from '../aws/map-aws-error.js';
import { parseLaunchRecord } from '../core/launch/parse-event.js';
import { createLaunchTally, type LaunchPreview } from '../core/launch/tally.js';
import type { PolicyText } from '../core/launch/types.js';
import { AwsApiError, GuardrailsError } from '../errors.js';
import type { GuardrailsEvent } from '../events/types.js';
import { shortPrincipal } from '../report/readiness/launches-view.js';
import type { AppContext } from './context.js';
import { desiredFor } from './desired.js';
import type { Observation } from './observe.js';

/** CloudTrail event history keeps 90 days. */
export const MAX_LAUNCH_LOOKBACK_DAYS = 90;

/** The SCP as the plan would leave it; the ring with the SCP when the configured one has none. */
export function previewPolicies(ctx: AppContext, observation: Observation): PolicyText[] {
  const org = observation.observed.org;
  const scp = desiredFor(ctx, org).scp ?? desiredFor(ctx, org, 2).scp;
  return scp ? [{ name: scp.name, content: scp.content }] : [];
}

export interface LaunchPreviewRun {
  /**
   * Reads and judges one account × region (call once per target, bounded by the caller); `pace`
   * is how it waits between lookups (a plain sleep by default).
   */
  read(
    target: { accountId: string; region: string },
    pace?: (ms: number) => Promise<void>,
  ): Promise<void>;
  finish(): LaunchPreview;
}

/**
 * A preview to fill target by target: readiness reads each account × region's workloads and
 * then its launches in the same bounded task, so one progress count covers both.
 */
export function startLaunchPreview(
  ctx: AppContext,
  observation: Observation,
  window: { start: Date; end: Date; lookbackDays: number },
): LaunchPreviewRun {
  const { observed, scope, organization } = observation;
  const policies = previewPolicies(ctx, observation);
  const tally = createLaunchTally({
    policies,
    managementAccountId: organization.managementAccountId,
    lookbackDays: window.lookbackDays,
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
  });
  const names = new Map(scope.accounts.map((a) => [a.id, a.name]));
  const accounts = observed.accounts.map((a) => ({
    accountId: a.accountId,
    accountName: names.get(a.accountId) ?? a.accountId,
  }));
  const open = ctx.gateways.launchHistory?.bind(ctx.gateways);
  return {
    async read(t, pace) {
      // No SCP in this config: nothing to refuse, nothing to read.
      if (policies.length === 0 || !open || ctx.signal.aborted) return;
      try {
        const history = await open(t.accountId, t.region);
        await history.launchRecords(
          window,
          (record) => {
            const launch = parseLaunchRecord(record, t);
            if (launch) tally.add(launch);
          },
          undefined,
          pace,
        );
      } catch (err) {
        if (!(err instanceof GuardrailsError)) throw err;
        const denied = err instanceof AwsApiError && ACCESS_DENIED_CODES.has(err.awsCode);
        tally.unread(
          t.accountId,
          t.region,
          denied ? `${err.awsCode} on cloudtrail:LookupEvents` : err.message,
          denied,
        );
      }
    },
    finish: () => tally.finish(accounts),
  };
}

/** The preview for hosts (the rollout's Launches panel, NDJSON): totals and the first 10 rows. */
export function previewedEvent(preview: LaunchPreview): GuardrailsEvent {
  const s = preview.summary;
  return {
    type: 'launches.previewed',
    policy: preview.policy,
    lookbackDays: preview.lookbackDays,
    launches: s.launches,
    refused: s.refused,
    unknown: s.unknown,
    accountsWithRefusals: s.accountsWithRefusals,
    principals: preview.principals.slice(0, 10).map((p) => ({
      accountId: p.accountId,
      accountName: p.accountName,
      principal: shortPrincipal(p.principalArn),
      launcher: p.launcher.label,
      verdict: p.verdict,
      launches: p.launches,
      refused: p.refused,
      fix: p.launcher.fix,
    })),
    lookupDenied: preview.accounts
      .filter((a) => a.lookupDenied.length > 0)
      .map((a) => ({
        accountId: a.accountId,
        accountName: a.accountName,
        regions: a.lookupDenied,
      })),
  };
}
