/** EC2 in one account and region: enabled regions and the account-level IMDS defaults. */
import {
  DescribeRegionsCommand,
  DescribeSubnetsCommand,
  type EC2Client,
  GetInstanceMetadataDefaultsCommand,
  type InstanceMetadataDefaultsResponse,
  ModifyInstanceMetadataDefaultsCommand,
  type ModifyInstanceMetadataDefaultsRequest,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { ImdsDefaults, ImdsSetting, ObservedImds } from '../core/model/types.js';
import { denyKindOf } from '../core/prove/build-prove-report.js';
import type { LaunchProbe, ProbeSubnet } from '../core/prove/types.js';
import { AwsApiError } from '../errors.js';
import type { DryRunLaunchRequest, Ec2Gateway, RegionInfo } from './gateways.js';
import { callAwsRefreshing, EXPIRED_CREDENTIAL_CODES } from './map-aws-error.js';

export interface Ec2GatewayOptions {
  accountId: string;
  region: string;
  /** Builds a client with the account's current credentials. */
  client: () => EC2Client;
  /** Drops cached credentials after an expired-token error; the call is then retried once. */
  invalidateCredentials?: () => void;
}

export function createEc2Gateway(options: Ec2GatewayOptions): Ec2Gateway {
  const { accountId, region } = options;
  let client: EC2Client | undefined;

  async function send<T>(operation: string, run: (c: EC2Client) => Promise<T>): Promise<T> {
    const context = { service: 'ec2', operation, accountId, region };
    const refresh = options.invalidateCredentials;
    return callAwsRefreshing(
      context,
      () => {
        client ??= options.client();
        return run(client);
      },
      refresh &&
        (() => {
          refresh();
          client = undefined;
        }),
    );
  }

  return {
    accountId,
    region,

    async describeRegions(): Promise<RegionInfo[]> {
      const out = await send('DescribeRegions', (c) =>
        c.send(new DescribeRegionsCommand({ AllRegions: true })),
      );
      return (out.Regions ?? [])
        .filter((r) => r.RegionName)
        .map((r) => ({
          name: r.RegionName as string,
          optInStatus: (r.OptInStatus ?? 'opt-in-not-required') as RegionInfo['optInStatus'],
        }));
    },

    async getInstanceMetadataDefaults(): Promise<ObservedImds> {
      const out = await send('GetInstanceMetadataDefaults', (c) =>
        c.send(new GetInstanceMetadataDefaultsCommand({})),
      );
      return toObservedImds(out.AccountLevel ?? {});
    },

    async modifyInstanceMetadataDefaults(change: ImdsSetting, opts = {}) {
      const input = toModifyInput(change, opts.dryRun === true);
      try {
        await send('ModifyInstanceMetadataDefaults', (c) =>
          c.send(new ModifyInstanceMetadataDefaultsCommand(input)),
        );
      } catch (err) {
        // A DryRun that would have succeeded is reported as an error by EC2.
        if (opts.dryRun && err instanceof AwsApiError && err.awsCode === 'DryRunOperation') return;
        throw err;
      }
    },

    async dryRunLaunch(request: DryRunLaunchRequest): Promise<LaunchProbe> {
      try {
        await send('RunInstances', (c) =>
          c.send(
            new RunInstancesCommand({
              DryRun: true,
              ImageId: request.imageId,
              InstanceType: request.instanceType as never,
              MinCount: 1,
              MaxCount: 1,
              MetadataOptions: { HttpTokens: request.httpTokens },
              ...(request.subnetId ? { SubnetId: request.subnetId } : {}),
            }),
          ),
        );
      } catch (err) {
        if (!(err instanceof AwsApiError)) throw err;
        return launchProbeOf(err);
      }
      // A DryRun never succeeds: EC2 answers DryRunOperation or an error.
      return {
        outcome: 'error',
        code: 'NoDryRunAnswer',
        message: 'RunInstances returned without DryRunOperation',
      };
    },

    async pickSubnet(): Promise<ProbeSubnet | undefined> {
      const out = await send('DescribeSubnets', (c) =>
        c.send(
          new DescribeSubnetsCommand({
            Filters: [{ Name: 'state', Values: ['available'] }],
            MaxResults: 5,
          }),
        ),
      );
      const subnet = (out.Subnets ?? [])
        .filter((s) => s.SubnetId)
        .sort((a, b) => ((a.SubnetId ?? '') < (b.SubnetId ?? '') ? -1 : 1))[0];
      if (!subnet?.SubnetId) return undefined;
      return {
        subnetId: subnet.SubnetId,
        vpcId: subnet.VpcId ?? '',
        availabilityZone: subnet.AvailabilityZone ?? '',
      };
    },
  };
}

/** Codes that mean the call never reached authorization: the target is unreachable, not probed. */
const UNREACHABLE_CODES = new Set(['AuthFailure', 'OptInRequired', 'AccessDenied']);

function launchProbeOf(err: AwsApiError): LaunchProbe {
  if (err.awsCode === 'DryRunOperation') return { outcome: 'allowed' };
  if (UNREACHABLE_CODES.has(err.awsCode) || EXPIRED_CREDENTIAL_CODES.has(err.awsCode)) throw err;
  const original = originalMessage(err);
  if (err.awsCode === 'UnauthorizedOperation') {
    const denyKind = denyKindOf(original);
    return {
      outcome: 'denied',
      explicitDeny: /explicit deny/i.test(original),
      ...(denyKind ? { denyKind } : {}),
      message: original,
    };
  }
  // HttpTokensEnforced=enabled refuses an IMDSv1 launch in EC2 itself (after authorization).
  if (err.awsCode === 'UnsupportedOperation') {
    return { outcome: 'refused', code: err.awsCode, message: original };
  }
  return { outcome: 'error', code: err.awsCode, message: original };
}

function originalMessage(err: AwsApiError): string {
  const prefix = `: ${err.awsCode}: `;
  const at = err.message.indexOf(prefix);
  return at >= 0 ? err.message.slice(at + prefix.length) : err.message;
}

/**
 * A sweep of 10,000 × 17 holds 170,000 observations that take a handful of distinct values: one
 * frozen object per distinct value instead of one per target (observations are never mutated;
 * freezing makes sure of it).
 */
const distinctObservations = new Map<string, ObservedImds>();

export function toObservedImds(level: InstanceMetadataDefaultsResponse): ObservedImds {
  const observed = readObservedImds(level);
  const key = JSON.stringify([
    observed.managedBy,
    observed.managedExceptionMessage,
    observed.defaults,
  ]);
  const known = distinctObservations.get(key);
  if (known) return known;
  Object.freeze(observed.defaults);
  Object.freeze(observed);
  // Bounded: distinct values are few; an unusual organization just stops sharing past this.
  if (distinctObservations.size < 1024) distinctObservations.set(key, observed);
  return observed;
}

function readObservedImds(level: InstanceMetadataDefaultsResponse): ObservedImds {
  const defaults: ImdsDefaults = {};
  if (level.HttpTokens) defaults.httpTokens = level.HttpTokens;
  if (level.HttpPutResponseHopLimit !== undefined && level.HttpPutResponseHopLimit !== -1) {
    defaults.httpPutResponseHopLimit = level.HttpPutResponseHopLimit;
  }
  if (level.HttpEndpoint) defaults.httpEndpoint = level.HttpEndpoint;
  if (level.InstanceMetadataTags) defaults.instanceMetadataTags = level.InstanceMetadataTags;
  if (level.HttpTokensEnforced) defaults.httpTokensEnforced = level.HttpTokensEnforced;
  const observed: ObservedImds = {
    defaults,
    managedBy: level.ManagedBy === 'declarative-policy' ? 'declarative-policy' : 'account',
  };
  if (level.ManagedExceptionMessage)
    observed.managedExceptionMessage = level.ManagedExceptionMessage;
  return observed;
}

function toModifyInput(
  change: ImdsSetting,
  dryRun: boolean,
): ModifyInstanceMetadataDefaultsRequest {
  const input: ModifyInstanceMetadataDefaultsRequest = {};
  if (change.httpTokens !== undefined) input.HttpTokens = change.httpTokens;
  if (change.httpPutResponseHopLimit !== undefined) {
    input.HttpPutResponseHopLimit = change.httpPutResponseHopLimit;
  }
  if (change.httpEndpoint !== undefined) input.HttpEndpoint = change.httpEndpoint;
  if (change.instanceMetadataTags !== undefined) {
    input.InstanceMetadataTags = change.instanceMetadataTags;
  }
  if (change.httpTokensEnforced !== undefined) input.HttpTokensEnforced = change.httpTokensEnforced;
  if (dryRun) input.DryRun = true;
  return input;
}
