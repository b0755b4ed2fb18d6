/**
 * CLI globals + the process's io + the loaded config → the AppContext every use case takes.
 * The AWS clients are built here, from --profile / --region / --endpoint-url and the env.
 */

import type { AwsGateways } from '../aws/gateways.js';
import { createLazyAwsGateways } from '../aws/lazy-aws-gateways.js';
import { retrySettingsFromEnv } from '../aws/retry-settings.js';
import type { CliIo, GlobalOptions } from '../commands/context.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { Host } from '../events/host.js';
import { VERSION } from '../version.js';
import type { AppContext } from './context.js';
import { withStage } from './desired.js';
import { withPatientReads } from './patient-reads.js';

export interface CreateAppContextInput {
  globals: GlobalOptions;
  io: Pick<CliIo, 'env' | 'signal'>;
  loaded: LoadedConfig;
  host: Host;
  /** Tests: gateways over fakes instead of the SDK. */
  gateways?: AwsGateways;
  now?: () => Date;
}

export function createAppContext(input: CreateAppContextInput): AppContext {
  const { globals, io, loaded, host } = input;
  const config = globals.stage ? withStage(loaded.config, globals.stage) : loaded.config;
  const concurrency = globals.concurrency ?? config.rollout.concurrency;
  const retry = retrySettingsFromEnv(io.env);
  // Reads (discovery, access, the sweep, read-backs) wait out a storm like changes do.
  const gateways =
    input.gateways ??
    withPatientReads(
      createLazyAwsGateways({
        profile: globals.profile,
        region: globals.region,
        endpointUrl: globals.endpointUrl,
        env: io.env,
        retry: retry.sdk,
        maxSockets: Math.max(16, concurrency),
        toolVersion: VERSION,
        memberRole: {
          roleName: config.organization.memberRoleName,
          externalId: config.organization.externalId,
          sessionName: config.organization.sessionName,
          durationSeconds: config.organization.sessionDurationSeconds,
        },
      }),
      { policy: retry.change, signal: io.signal },
    );
  return {
    config,
    configFile: loaded.file,
    gateways,
    host,
    overrides: {
      ...(globals.accounts ? { accounts: globals.accounts } : {}),
      ...(globals.ous ? { ous: globals.ous } : {}),
      ...(globals.regions ? { regions: globals.regions } : {}),
    },
    concurrency,
    retry: retry.change,
    now: input.now ?? (() => new Date()),
    signal: io.signal,
    toolVersion: VERSION,
    decisions: {
      ...(globals.includeOrgChanges ? { includeOrgChanges: true } : {}),
      ...(globals.allowRelaxing ? { allowRelaxing: true } : {}),
    },
  };
}
