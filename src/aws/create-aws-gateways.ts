/** Wires the client factory, member credentials and the SDK gateways into one AwsGateways. */
import type { CallerIdentity, RegionName } from '../core/model/types.js';
import { ClientFactory, type ClientFactoryOptions } from './client-factory.js';
import { createEc2Gateway } from './ec2-gateway.js';
import type {
  AwsGateways,
  Ec2Gateway,
  LaunchHistoryGateway,
  WorkloadsGateway,
} from './gateways.js';
import { createLaunchHistoryGateway } from './launch-history-gateway.js';
import { MemberCredentials, type MemberRoleOptions } from './member-credentials.js';
import { createOrganizationsGateway } from './organizations-gateway.js';
import { createStsGateway } from './sts-gateway.js';
import { createWorkloadsGateway } from './workloads-gateway.js';

export interface AwsGatewaysOptions extends ClientFactoryOptions {
  memberRole: MemberRoleOptions;
  now?: () => number;
  /** Refresh assumed-role credentials this long before they expire. */
  refreshBeforeMs?: number;
}

/** Gateways for a bounded number of account × region pairs are kept (clients are not free). */
const EC2_CACHE_LIMIT = 128;

export function createAwsGateways(options: AwsGatewaysOptions): AwsGateways {
  const factory = new ClientFactory(options);
  const sts = createStsGateway(factory.sts());

  let identity: Promise<CallerIdentity> | undefined;
  let callerAccountId: string | undefined;
  const getCallerIdentity = (): Promise<CallerIdentity> => {
    identity ??= sts.getCallerIdentity().then(
      (id) => {
        callerAccountId = id.accountId;
        return id;
      },
      (err: unknown) => {
        identity = undefined;
        throw err;
      },
    );
    return identity;
  };

  const members = new MemberCredentials({
    ...options.memberRole,
    sts,
    ...(options.now ? { now: options.now } : {}),
    ...(options.refreshBeforeMs !== undefined ? { refreshBeforeMs: options.refreshBeforeMs } : {}),
  });
  const organizations = createOrganizationsGateway(factory.organizations(), () => callerAccountId);
  const ec2Cache = new Map<string, Ec2Gateway>();

  async function ec2(accountId: string, region: RegionName): Promise<Ec2Gateway> {
    const key = `${accountId}/${region}`;
    const cached = ec2Cache.get(key);
    if (cached) return cached;
    const caller = await getCallerIdentity();
    let gateway: Ec2Gateway;
    if (accountId === caller.accountId) {
      gateway = createEc2Gateway({ accountId, region, client: () => factory.ec2(region) });
    } else {
      // Fail here (typed AccessDenied) rather than on the first EC2 call.
      await members.get(accountId);
      gateway = createEc2Gateway({
        accountId,
        region,
        client: () => factory.ec2(region, () => members.get(accountId)),
        invalidateCredentials: () => members.invalidate(accountId),
      });
    }
    if (ec2Cache.size >= EC2_CACHE_LIMIT) {
      const oldest = ec2Cache.keys().next().value;
      if (oldest !== undefined) ec2Cache.delete(oldest);
    }
    ec2Cache.set(key, gateway);
    return gateway;
  }

  /** Readiness: workloads of an account × region, with the same credentials as ec2(). */
  async function workloads(accountId: string, region: RegionName): Promise<WorkloadsGateway> {
    const caller = await getCallerIdentity();
    if (accountId === caller.accountId) {
      return createWorkloadsGateway({
        accountId,
        region,
        ec2: () => factory.ec2(region),
        cloudWatch: () => factory.cloudWatch(region),
        autoScaling: () => factory.autoScaling(region),
      });
    }
    await members.get(accountId);
    const creds = () => members.get(accountId);
    return createWorkloadsGateway({
      accountId,
      region,
      ec2: () => factory.ec2(region, creds),
      cloudWatch: () => factory.cloudWatch(region, creds),
      autoScaling: () => factory.autoScaling(region, creds),
      invalidateCredentials: () => members.invalidate(accountId),
    });
  }

  /** The launch preview: CloudTrail history of an account × region, same credentials as ec2(). */
  async function launchHistory(
    accountId: string,
    region: RegionName,
  ): Promise<LaunchHistoryGateway> {
    const caller = await getCallerIdentity();
    if (accountId === caller.accountId) {
      return createLaunchHistoryGateway({
        accountId,
        region,
        client: () => factory.cloudTrail(region),
      });
    }
    await members.get(accountId);
    return createLaunchHistoryGateway({
      accountId,
      region,
      client: () => factory.cloudTrail(region, () => members.get(accountId)),
      invalidateCredentials: () => members.invalidate(accountId),
    });
  }

  return {
    sts: { getCallerIdentity },
    workloads,
    launchHistory,
    organizations,
    ec2,
    async checkAccess(accountId) {
      const caller = await getCallerIdentity();
      if (accountId !== caller.accountId) await members.get(accountId);
    },
    homeRegion: () => factory.homeRegion(),
    close: () => factory.destroy(),
  };
}
