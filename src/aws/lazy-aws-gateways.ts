/**
 * AwsGateways that load the SDK on first use. The AWS SDK clients cost ~100 MB and ~0.5 s to
 * load (EC2 alone is most of it): `--help`, `--version`, `config` and bad-input errors should
 * not pay for them, and commands build their context before they know they will call AWS.
 */
import type { AwsGatewaysOptions } from './create-aws-gateways.js';
import type { AwsGateways, OrganizationsGateway } from './gateways.js';

export function createLazyAwsGateways(options: AwsGatewaysOptions): AwsGateways {
  let loading: Promise<AwsGateways> | undefined;
  let loaded: AwsGateways | undefined;
  const load = (): Promise<AwsGateways> => {
    loading ??= import('./create-aws-gateways.js').then((m) => {
      loaded = m.createAwsGateways(options);
      return loaded;
    });
    return loading;
  };

  // Every Organizations method forwards to the real gateway once it is loaded.
  const organizations = new Proxy({} as OrganizationsGateway, {
    get:
      (_target, method: string) =>
      async (...args: unknown[]) => {
        const real = (await load()).organizations as unknown as Record<
          string,
          (...a: unknown[]) => Promise<unknown>
        >;
        const fn = real[method];
        if (typeof fn !== 'function')
          throw new TypeError(`organizations.${method} is not a function`);
        return fn.apply(real, args);
      },
  });

  return {
    sts: { getCallerIdentity: async () => (await load()).sts.getCallerIdentity() },
    organizations,
    ec2: async (accountId, region) => (await load()).ec2(accountId, region),
    workloads: async (accountId, region) => {
      const real = await load();
      if (!real.workloads) throw new TypeError('workloads gateway is not available');
      return real.workloads(accountId, region);
    },
    launchHistory: async (accountId, region) => {
      const real = await load();
      if (!real.launchHistory) throw new TypeError('launch history gateway is not available');
      return real.launchHistory(accountId, region);
    },
    checkAccess: async (accountId) => (await load()).checkAccess(accountId),
    homeRegion: async () => {
      const real = await load();
      return real.homeRegion ? real.homeRegion() : 'us-east-1';
    },
    // Nothing to release when no call was made.
    close: () => loaded?.close?.(),
  };
}
