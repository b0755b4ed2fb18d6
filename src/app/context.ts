/**
 * What every use case (discover, verify, plan, apply, rollback, rollout) is handed: the resolved
 * config, the AWS gateways, the host to report to, and the injected clock and abort signal.
 * Built once per command by src/app/create-app-context.ts (AWS clients from the global flags).
 */
import type { AwsGateways } from '../aws/gateways.js';
import type { ResolvedConfig } from '../config/schema.js';
import type { Host } from '../events/host.js';

export interface ScopeOverrides {
  accounts?: string[];
  ous?: string[];
  regions?: string[];
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
  now: () => Date;
  signal: AbortSignal;
  toolVersion: string;
}
