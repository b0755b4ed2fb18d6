/**
 * What every use case (discover, verify, plan, apply, rollback, rollout) is handed: the resolved
 * config, the AWS gateways, the host to report to, and the injected clock and abort signal.
 * Built once per command by src/app/create-app-context.ts (AWS clients from the global flags).
 */
import type { AwsGateways } from '../aws/gateways.js';
import type { RetryPolicy } from '../aws/retry-settings.js';
import type { ResolvedConfig } from '../config/schema.js';
import type { HeldAccount } from '../core/reach/reach.js';
import { UserAbortError } from '../errors.js';
import type { Host } from '../events/host.js';

export interface ScopeOverrides {
  accounts?: string[];
  ous?: string[];
  regions?: string[];
}

/**
 * The decisions of one run that every lane must honour and the journal keeps, so `--resume` and
 * `rollback` continue the same run (src/core/reach: what is held never gets a guardrail).
 */
export interface RunDecisions {
  /** Accounts held out of the run and why (readiness gate, waves not chosen, …). */
  held?: HeldAccount[];
  /** --include-org-changes: a narrowed run includes organization-level changes reaching outside. */
  includeOrgChanges?: boolean;
  /** --allow-relaxing: relaxing changes may be applied without a terminal to confirm them. */
  allowRelaxing?: boolean;
  /** The rollout waves chosen (absent = every wave). */
  waves?: string[];
}

export interface AppContext {
  config: ResolvedConfig;
  /** Absolute path of the config file used (undefined = defaults). */
  configFile: string | undefined;
  gateways: AwsGateways;
  host: Host;
  /** --accounts / --ous / --regions: narrow the config's scope for this run. */
  overrides: ScopeOverrides;
  /** Parallel AWS calls (--concurrency, else rollout.concurrency). */
  concurrency: number;
  /** Per-change retries of apply and rollback (absent = DEFAULT_RETRY_POLICY). */
  retry?: RetryPolicy;
  now: () => Date;
  signal: AbortSignal;
  toolVersion: string;
  /** The run's decisions (absent = none beyond the config and the scope flags). */
  decisions?: RunDecisions;
}

/** The context with more accounts held (added to those already held; first reason wins). */
export function withHeld(ctx: AppContext, held: readonly HeldAccount[]): AppContext {
  const current = ctx.decisions?.held ?? [];
  const known = new Set(current.map((h) => h.accountId));
  return {
    ...ctx,
    decisions: {
      ...ctx.decisions,
      held: [...current, ...held.filter((h) => !known.has(h.accountId))],
    },
  };
}

/** Ctrl-C before the first write: stop there, nothing was changed. */
export function abortIfInterrupted(ctx: Pick<AppContext, 'signal'>): void {
  if (ctx.signal.aborted) throw new UserAbortError('Interrupted: nothing was changed.');
}
