import type { World } from './world.js';

/**
 * VPCs and subnets per account × region, enough for RunInstances to know whether a subnet-less
 * launch has a default VPC to go to (aws-behaviour.md §9: without one EC2 answers
 * `VPCIdNotSpecified`) and for DescribeVpcs/DescribeSubnets to list what a caller could pick.
 *
 * Every account × region starts with a default VPC, as AWS creates one in every region of a new
 * account. Landing zones delete them; a scenario (or the admin API) sets another layout:
 * - `default`: the default VPC (172.31.0.0/16) with a default subnet in two Availability Zones;
 * - `private`: no default VPC, one landing-zone VPC (10.0.0.0/16) with two private subnets;
 * - `none`: no VPC at all (a region nobody uses).
 * Only the exceptions are stored (a Map per World), so `large` stays small; ids are derived from
 * the account and region, so they are stable across calls and restarts with the same seed.
 */
export type NetworkLayout = 'default' | 'private' | 'none';
export const NETWORK_LAYOUTS: readonly NetworkLayout[] = ['default', 'private', 'none'];

export interface SbVpc {
  id: string;
  cidrBlock: string;
  isDefault: boolean;
}

export interface SbSubnet {
  id: string;
  vpcId: string;
  availabilityZone: string;
  cidrBlock: string;
  defaultForAz: boolean;
}

export interface RegionNetwork {
  layout: NetworkLayout;
  vpcs: SbVpc[];
  subnets: SbSubnet[];
}

const LAYOUTS = new WeakMap<World, Map<string, NetworkLayout>>();

function layouts(world: World): Map<string, NetworkLayout> {
  let found = LAYOUTS.get(world);
  if (!found) {
    found = new Map();
    LAYOUTS.set(world, found);
  }
  return found;
}

export function setNetworkLayout(
  world: World,
  accountId: string,
  region: string,
  layout: NetworkLayout,
): void {
  const key = `${accountId}/${region}`;
  if (layout === 'default') layouts(world).delete(key);
  else layouts(world).set(key, layout);
}

export function networkLayout(world: World, accountId: string, region: string): NetworkLayout {
  return layouts(world).get(`${accountId}/${region}`) ?? 'default';
}

/** 8 hex digits from the account and region, so every account × region has its own ids. */
function suffix(accountId: string, region: string): string {
  let h = 0x811c9dc5;
  for (const ch of `${accountId}/${region}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The VPCs and subnets of one account × region, built from its layout. */
export function regionNetwork(world: World, accountId: string, region: string): RegionNetwork {
  const layout = networkLayout(world, accountId, region);
  if (layout === 'none') return { layout, vpcs: [], subnets: [] };
  const tail = suffix(accountId, region);
  const isDefault = layout === 'default';
  const vpc: SbVpc = {
    id: `vpc-0${isDefault ? 'd' : 'a'}${tail}00000000`,
    cidrBlock: isDefault ? '172.31.0.0/16' : '10.0.0.0/16',
    isDefault,
  };
  const subnets = ['a', 'b'].map((az, i) => ({
    id: `subnet-0${isDefault ? 'd' : 'a'}${tail}0000000${i + 1}`,
    vpcId: vpc.id,
    availabilityZone: `${region}${az}`,
    cidrBlock: isDefault ? `172.31.${i * 16}.0/20` : `10.0.${i * 64}.0/18`,
    defaultForAz: isDefault,
  }));
  return { layout, vpcs: [vpc], subnets };
}
