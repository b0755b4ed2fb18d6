/**
 * DescribeVpcs and DescribeSubnets of the caller's account × region (state/network.ts), and the
 * subnet a RunInstances lands in. EC2 API Reference: DescribeVpcs (filters `vpc-id`, `is-default`,
 * `state`, `cidr`), DescribeSubnets (filters `subnet-id`, `vpc-id`, `default-for-az`,
 * `availability-zone`, `state`; MaxResults 5–1000); unknown ids → `InvalidVpcID.NotFound` /
 * `InvalidSubnetID.NotFound`; a subnet-less launch without a default VPC → `VPCIdNotSpecified`
 * 400 "No default VPC for this user" (the text every public report quotes, e.g.
 * google/cloud-forensics-utils#316, aws/karpenter-provider-aws#7834).
 */
import type { CallContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { authorize } from '../../iam/authorize.js';
import { el, wrap } from '../../protocol/xml.js';
import { regionNetwork, type SbSubnet, type SbVpc } from '../../state/network.js';
import type { QueryInput } from '../types.js';
import { globMatch, pageEc2 } from './paging.js';
import { type Filter, filtersParam, invalidValue, listParam } from './params.js';

const VPC_FILTERS: Record<string, (v: SbVpc) => string> = {
  'vpc-id': (v) => v.id,
  'is-default': (v) => String(v.isDefault),
  state: () => 'available',
  cidr: (v) => v.cidrBlock,
  'cidr-block-association.cidr-block': (v) => v.cidrBlock,
};

const SUBNET_FILTERS: Record<string, (s: SbSubnet) => string> = {
  'subnet-id': (s) => s.id,
  'vpc-id': (s) => s.vpcId,
  'default-for-az': (s) => String(s.defaultForAz),
  defaultForAz: (s) => String(s.defaultForAz),
  'availability-zone': (s) => s.availabilityZone,
  availabilityZone: (s) => s.availabilityZone,
  state: () => 'available',
  'cidr-block': (s) => s.cidrBlock,
};

function matching<T>(
  items: T[],
  filters: Filter[],
  table: Record<string, (item: T) => string>,
): T[] {
  for (const f of filters) {
    if (!table[f.name]) throw invalidValue(`The filter '${f.name}' is invalid`);
  }
  return items.filter((item) =>
    filters.every((f) => {
      const value = table[f.name]?.(item);
      return (
        f.values.length === 0 || (value !== undefined && f.values.some((v) => globMatch(v, value)))
      );
    }),
  );
}

function notFound(kind: 'Vpc' | 'Subnet', ids: string[]): AwsError {
  const noun = kind === 'Vpc' ? 'vpc' : 'subnet';
  return new AwsError(
    `Invalid${kind}ID.NotFound`,
    400,
    `The ${noun} ID${ids.length > 1 ? 's' : ''} '${ids.join(', ')}' do${ids.length > 1 ? '' : 'es'} not exist`,
  );
}

export function describeVpcs(ctx: CallContext, params: QueryInput): string {
  const ids = listParam(params, 'VpcId');
  const { vpcs } = regionNetwork(ctx.sandbox.world, ctx.identity.accountId, ctx.region);
  const unknown = ids.filter((id) => !vpcs.some((v) => v.id === id));
  if (unknown.length > 0) throw notFound('Vpc', unknown);
  const found = matching(vpcs, filtersParam(params), VPC_FILTERS).filter(
    (v) => ids.length === 0 || ids.includes(v.id),
  );
  const scope = `DescribeVpcs:${ids.join(',')}:${JSON.stringify(filtersParam(params))}`;
  const { page, nextToken } = pageEc2(found, params, scope, ctx.sandbox.pageSize, {
    min: 5,
    max: 1000,
  });
  const items = page.map(
    (v) =>
      `<item>${el('vpcId', v.id)}${el('ownerId', ctx.identity.accountId)}${el('state', 'available')}` +
      `${el('cidrBlock', v.cidrBlock)}${el('isDefault', v.isDefault)}${el('instanceTenancy', 'default')}</item>`,
  );
  return wrap('vpcSet', items.join('')) + el('nextToken', nextToken);
}

/**
 * DescribeSubnets goes through the engine only when the `principalDenies` knob names it for the
 * caller's account (a role without ec2:DescribeSubnets); SCPs on it are not modelled, so a
 * sandbox without the engine still answers it.
 */
export async function describeSubnets(ctx: CallContext, params: QueryInput): Promise<string> {
  const named = ctx.sandbox.faults.principalDenies.some(
    (d) => d.accountId === ctx.identity.accountId && globMatch(d.action, 'ec2:DescribeSubnets'),
  );
  if (named) await authorize(ctx, 'ec2:DescribeSubnets', '*', {});
  const ids = listParam(params, 'SubnetId');
  const { subnets } = regionNetwork(ctx.sandbox.world, ctx.identity.accountId, ctx.region);
  const unknown = ids.filter((id) => !subnets.some((s) => s.id === id));
  if (unknown.length > 0) throw notFound('Subnet', unknown);
  const found = matching(subnets, filtersParam(params), SUBNET_FILTERS).filter(
    (s) => ids.length === 0 || ids.includes(s.id),
  );
  const scope = `DescribeSubnets:${ids.join(',')}:${JSON.stringify(filtersParam(params))}`;
  const { page, nextToken } = pageEc2(found, params, scope, ctx.sandbox.pageSize, {
    min: 5,
    max: 1000,
  });
  const items = page.map(
    (s) =>
      `<item>${el('subnetId', s.id)}${el('vpcId', s.vpcId)}${el('ownerId', ctx.identity.accountId)}` +
      `${el('state', 'available')}${el('availabilityZone', s.availabilityZone)}` +
      `${el('cidrBlock', s.cidrBlock)}${el('availableIpAddressCount', 4091)}` +
      `${el('defaultForAz', s.defaultForAz)}${el('mapPublicIpOnLaunch', s.defaultForAz)}</item>`,
  );
  return wrap('subnetSet', items.join('')) + el('nextToken', nextToken);
}

/**
 * Where a launch goes: the request's `SubnetId` (or its first network interface's), else the
 * launch template's, else the default VPC. An unknown subnet → `InvalidSubnetID.NotFound`; no
 * subnet and no default VPC → `VPCIdNotSpecified`.
 */
export function launchSubnet(
  ctx: CallContext,
  request: QueryInput,
  template: QueryInput,
): SbSubnet {
  const named =
    request.get('SubnetId') ??
    request.get('NetworkInterface.1.SubnetId') ??
    template.get('NetworkInterface.1.SubnetId') ??
    template.get('SubnetId');
  const { subnets } = regionNetwork(ctx.sandbox.world, ctx.identity.accountId, ctx.region);
  if (named) {
    const subnet = subnets.find((s) => s.id === named);
    if (!subnet) throw notFound('Subnet', [named]);
    return subnet;
  }
  const fallback = subnets.find((s) => s.defaultForAz);
  if (!fallback) throw new AwsError('VPCIdNotSpecified', 400, 'No default VPC for this user');
  return fallback;
}
