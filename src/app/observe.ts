/**
 * The one read path every use case shares (plan, apply, verify, rollout, discover):
 * preflight → discover the organization → resolve the scope → member access and enabled
 * regions per account → (optionally) the IMDS defaults sweep → ObservedState + its hash.
 */
import type { OrganizationInfo } from '../aws/gateways.js';
import { roleDeniedAdvice } from '../core/desired/exclude-hint.js';
import { resolveScope } from '../core/desired/resolve-scope.js';
import type { ResolvedScope } from '../core/desired/types.js';
import { validateConfigReferences } from '../core/desired/validate-references.js';
import { plural } from '../core/model/plural.js';
import type {
  AccountObservation,
  ObservedState,
  OrgAccount,
  RegionObservation,
} from '../core/model/types.js';
import { UserAbortError } from '../errors.js';
import type { StepName } from '../events/types.js';
import { discoverOrg } from '../observe/discover-org.js';
import { hashObservedState } from '../observe/observed-state.js';
import { type AccountAccessResult, readAccountAccess } from '../observe/read-account-access.js';
import { readImdsDefaults } from '../observe/read-imds-defaults.js';
import type { AppContext } from './context.js';
import { failureSummary } from './failure-summary.js';
import { preflight } from './preflight.js';

export interface ObserveOptions {
  /** Read GetInstanceMetadataDefaults per account × region (false for `discover`). Default true. */
  readDefaults?: boolean;
  /** Wrap the sweep in this step's started/finished events (e.g. 'verify', 'plan'). */
  sweepStep?: StepName;
}

export interface Observation {
  observed: ObservedState;
  /** sha256 of the canonical snapshot: a saved plan compares it to refuse a stale apply. */
  observedHash: string;
  scope: ResolvedScope;
  organization: OrganizationInfo;
}

export async function observe(ctx: AppContext, options: ObserveOptions = {}): Promise<Observation> {
  const { host, gateways, config } = ctx;

  host.notify({ type: 'step.started', step: 'preflight', title: 'Checking credentials' });
  const { caller, organization } = await step(ctx, 'preflight', () =>
    preflight(gateways, { host, configFile: ctx.configFile }),
  );
  host.notify({
    type: 'step.finished',
    step: 'preflight',
    status: 'ok',
    summary: `${caller.arn} manages ${organization.id}`,
  });
  checkAborted(ctx);

  host.notify({ type: 'step.started', step: 'discover', title: 'Discovering the organization' });
  const { org, policies, scope, access } = await step(ctx, 'discover', async () => {
    const discovered = await discoverOrg({
      organizations: gateways.organizations,
      organizationId: organization.id,
      managementAccountId: organization.managementAccountId,
      policyNames: [config.scp.name],
      declarativePolicyNames:
        config.strategy === 'scp-and-defaults' ? [] : [config.declarative.name],
      concurrency: ctx.concurrency,
      onProgress: ({ ous, accounts }) =>
        host.notify({
          type: 'discover.progress',
          ous,
          accounts,
          reachable: 0,
          unreachable: 0,
          regions: 0,
        }),
    });
    const resolved = resolveScope(discovered.org, config, ctx.overrides);
    // Every name in the config is checked here, before any per-account read (plan = apply).
    validateConfigReferences(discovered.org, config);
    const homeRegion = (await gateways.homeRegion?.()) ?? 'us-east-1';
    let reachable = 0;
    let regions = 0;
    const accessResults = await readAccountAccess({
      gateways,
      accounts: resolved.accounts,
      managementAccountId: organization.managementAccountId,
      homeRegion,
      concurrency: ctx.concurrency,
      onProgress: (latest, done, total) => {
        // Running totals, and an event per ~1% of accounts: 10,000 accounts stay cheap.
        if (latest.access.status === 'reachable') reachable += 1;
        regions += resolved.regionFilter(latest.enabledRegions).length;
        if (done !== total && done % Math.max(1, Math.floor(total / 100)) !== 0) return;
        host.notify({
          type: 'discover.progress',
          ous: discovered.org.ous.length,
          accounts: discovered.org.accounts.length,
          reachable,
          unreachable: done - reachable,
          regions,
        });
      },
    });
    return { ...discovered, scope: resolved, access: accessResults };
  });
  const reachable = access.filter((a) => a.access.status === 'reachable').length;
  host.notify({
    type: 'step.finished',
    step: 'discover',
    status: 'ok',
    summary: `${plural(org.accounts.length, 'account')} in ${plural(org.ous.length, 'OU')}; ${scope.accounts.length} in scope, ${reachable} reachable`,
  });
  for (const hint of accessHints(scope, access, config.scope.excludeAccounts)) {
    host.notify({ type: 'log', ...hint });
  }
  checkAborted(ctx);

  const accounts = await sweep(ctx, scope, access, options);
  const observed: ObservedState = { caller, org, policies, accounts };
  return { observed, observedHash: hashObservedState(observed), scope, organization };
}

async function sweep(
  ctx: AppContext,
  scope: ResolvedScope,
  access: AccountAccessResult[],
  options: ObserveOptions,
): Promise<AccountObservation[]> {
  const byId = new Map(access.map((a) => [a.accountId, a]));
  const planned = scope.accounts.map((account) => {
    const result = byId.get(account.id) ?? missingAccess(account);
    const regions =
      result.access.status === 'reachable' ? scope.regionFilter(result.enabledRegions) : [];
    return { account, result, regions, notEnabled: notEnabledRegions(scope, result) };
  });
  if (options.readDefaults === false) {
    return planned.map(({ result, notEnabled }) => ({
      accountId: result.accountId,
      access: result.access,
      enabledRegions: result.enabledRegions,
      regions: notEnabled,
    }));
  }

  const { host } = ctx;
  if (options.sweepStep) {
    host.notify({
      type: 'step.started',
      step: options.sweepStep,
      title: 'Reading instance metadata defaults',
    });
  }
  const read = await readImdsDefaults({
    gateways: ctx.gateways,
    targets: planned.map((p) => ({ accountId: p.account.id, regions: p.regions })),
    concurrency: ctx.concurrency,
    perAccountConcurrency: ctx.config.rollout.perAccountConcurrency,
    signal: ctx.signal,
    onProgress: (done, total) => host.notify({ type: 'sweep.progress', done, total }),
  });
  checkAborted(ctx);
  if (options.sweepStep) {
    const total = planned.reduce((n, p) => n + p.regions.length, 0);
    host.notify({
      type: 'step.finished',
      step: options.sweepStep,
      status: 'ok',
      summary: `${total} account × region targets read`,
    });
  }
  return planned.map(({ account, result, notEnabled }) => ({
    accountId: account.id,
    access: result.access,
    enabledRegions: result.enabledRegions,
    regions: [...(read.get(account.id) ?? []), ...notEnabled].sort((a, b) =>
      a.region < b.region ? -1 : a.region > b.region ? 1 : 0,
    ),
  }));
}

/**
 * What to do about the accounts that could not be reached, said where they show: role-denied
 * ones are findings until fixed or excluded (the config line that excludes them), suspended ones
 * are information only. Names are listed up to a few; the reports have them all.
 */
function accessHints(
  scope: ResolvedScope,
  access: AccountAccessResult[],
  alreadyExcluded: readonly string[],
): { level: 'info' | 'warn'; message: string; detail?: string }[] {
  const names = new Map(scope.accounts.map((a) => [a.id, a.name]));
  const label = (id: string) => `${names.get(id) ?? id} (${id})`;
  const list = (ids: string[]) =>
    ids.length <= 3
      ? ids.map(label).join(', ')
      : `${ids.slice(0, 3).map(label).join(', ')} and ${ids.length - 3} more`;
  const by = (reason: string) =>
    access
      .filter((a) => a.access.status === 'unreachable' && a.access.reason === reason)
      .map((a) => a.accountId);
  const denied = by('role-denied');
  const suspended = by('suspended');
  const hints: { level: 'info' | 'warn'; message: string; detail?: string }[] = [];
  const advice = roleDeniedAdvice(
    denied.map((id) => ({ id, name: names.get(id) ?? id })),
    alreadyExcluded,
  );
  if (advice) hints.push({ level: 'warn', message: advice.text, detail: advice.configLine });
  if (suspended.length > 0) {
    hints.push({
      level: 'info',
      message: `${list(suspended)}: suspended, reported as information, not a finding (nothing can change or launch there)`,
    });
  }
  return hints;
}

/** Regions named explicitly in scope that this (reachable) account has not enabled. */
function notEnabledRegions(scope: ResolvedScope, result: AccountAccessResult): RegionObservation[] {
  if (scope.regions === 'enabled' || result.access.status !== 'reachable') return [];
  const enabled = new Set(result.enabledRegions);
  const wanted = scope.regionFilter(scope.regions);
  return wanted
    .filter((r) => !enabled.has(r))
    .map((region) => ({
      region,
      status: 'unreachable' as const,
      reason: 'region-disabled' as const,
      message: `${region} is not enabled in this account (opt-in region)`,
    }));
}

function missingAccess(account: OrgAccount): AccountAccessResult {
  return {
    accountId: account.id,
    access: { status: 'unreachable', reason: 'error', message: 'access was not checked' },
    enabledRegions: [],
  };
}

async function step<T>(ctx: AppContext, name: StepName, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    ctx.host.notify({
      type: 'step.finished',
      step: name,
      status: 'failed',
      summary: failureSummary(err),
    });
    throw err;
  }
}

function checkAborted(ctx: AppContext): void {
  if (ctx.signal.aborted) throw new UserAbortError('Interrupted: nothing was changed.');
}
