import type { AddressInfo } from 'node:net';
import { ADMIN_TOKEN_ENV, isLoopbackAddress } from './admin/access.js';
import { SandboxAdmin } from './admin/client.js';
import { createSandbox } from './context.js';
import { SandboxStartError } from './errors.js';
import type { SandboxOptions } from './options.js';
import { demoScenario } from './scenarios/demo.js';
import { emptyScenario } from './scenarios/empty.js';
import { largeScenario } from './scenarios/large.js';
import { createSandboxServer } from './server.js';
import { staticCredentialsFor } from './state/credentials.js';
import type { World } from './state/world.js';

export type { AdminAccount, AdminCounters, AdminImds, AdminPolicy } from './admin/types.js';
export type { FaultSettings, SandboxOptions, ScenarioName } from './options.js';
export { SandboxAdmin };

export interface SandboxCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SandboxEnv {
  AWS_ENDPOINT_URL: string;
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  AWS_REGION: string;
}

export interface SandboxHandle {
  /** `http://127.0.0.1:PORT` (a wildcard bind is reached locally through loopback). */
  url: string;
  port: number;
  /** The address the server really listens on, e.g. `0.0.0.0` or `::` for every interface. */
  boundAddress: string;
  /** Whether only this machine can reach it (127.0.0.0/8 or ::1). */
  loopbackOnly: boolean;
  /** Long-term keys of the management account's `sandbox-admin` user. */
  credentials: SandboxCredentials;
  managementAccountId: string;
  region: string;
  env: SandboxEnv;
  admin: SandboxAdmin;
  /** Keys of the `sandbox-admin` user of any ACTIVE account (e.g. to call as a member). */
  credentialsFor(accountId: string): SandboxCredentials;
  close(): Promise<void>;
}

export { SCENARIOS } from './options.js';

function buildWorld(options: SandboxOptions): World {
  switch (options.scenario ?? 'demo') {
    case 'large':
      return largeScenario({
        accounts: options.accounts ?? 100,
        regions: options.regions ?? 17,
        seed: options.seed ?? 1,
        refusedLaunchShare: options.refusedLaunchShare ?? 0.05,
      });
    case 'empty':
      return emptyScenario();
    default:
      return demoScenario();
  }
}

/**
 * Starts the local AWS endpoint (Organizations, STS, EC2) and resolves once it listens.
 * Point the SDK at `url` (or use `env`) with `credentials`; `close()` stops it.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const world = buildWorld(options);
  const pageSize = options.pageSize ?? (options.scenario === 'large' ? 20 : 5);
  const sandbox = createSandbox(world, options, pageSize);
  const server = createSandboxServer(sandbox, options.adminToken);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address: boundAddress } = server.address() as AddressInfo;
  const loopbackOnly = isLoopbackAddress(boundAddress);
  if (!loopbackOnly && !options.adminToken) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw new SandboxStartError(
      `The sandbox would listen on ${boundAddress}, reachable from other machines, with an unauthenticated admin API.`,
      `Set ${ADMIN_TOKEN_ENV} (or --admin-token) to require a token for the admin API, or keep --host 127.0.0.1.`,
    );
  }
  const wildcard = boundAddress === '0.0.0.0' || boundAddress === '::';
  const urlHost = wildcard
    ? '127.0.0.1'
    : boundAddress.includes(':')
      ? `[${boundAddress}]`
      : boundAddress;
  const url = `http://${urlHost}:${port}`;
  const credentials = staticCredentialsFor(world.managementAccountId);
  const region = 'us-east-1';
  return {
    url,
    port,
    boundAddress,
    loopbackOnly,
    credentials,
    managementAccountId: world.managementAccountId,
    region,
    env: {
      AWS_ENDPOINT_URL: url,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_REGION: region,
    },
    admin: new SandboxAdmin(url, options.adminToken),
    credentialsFor: staticCredentialsFor,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
