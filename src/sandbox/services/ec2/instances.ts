import type { CallContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { attributeKeys, authorize } from '../../iam/authorize.js';
import { el, wrap } from '../../protocol/xml.js';
import {
  regionWorkloads,
  type SbInstance,
  type SbMetadataOptions,
  STATE_CODES,
} from '../../state/workloads.js';
import type { QueryInput } from '../types.js';
import { checkModifyEnforcement } from './enforcement.js';
import {
  dryRun,
  globMatch,
  isTagFilter,
  missing,
  pageEc2,
  tagFilter,
  tagSetXml,
} from './paging.js';
import { boolParam, enumParam, filtersParam, invalidValue, listParam } from './params.js';

const TOGGLE = ['enabled', 'disabled'] as const;
const MODIFY_OPTION_PARAMS = [
  'HttpTokens',
  'HttpPutResponseHopLimit',
  'HttpEndpoint',
  'HttpProtocolIpv6',
  'InstanceMetadataTags',
];

type FilterValue = (i: SbInstance) => string | undefined;
const FILTERS: Record<string, FilterValue> = {
  'instance-id': (i) => i.id,
  'instance-state-name': (i) => i.state,
  'instance-state-code': (i) => String(STATE_CODES[i.state]),
  'instance-type': (i) => i.instanceType,
  'image-id': (i) => i.imageId,
  'metadata-options.http-tokens': (i) => i.metadata.httpTokens,
  'metadata-options.http-put-response-hop-limit': (i) => String(i.metadata.httpPutResponseHopLimit),
  'metadata-options.http-endpoint': (i) => i.metadata.httpEndpoint,
  'metadata-options.http-protocol-ipv6': (i) => i.metadata.httpProtocolIpv6,
  'metadata-options.instance-metadata-tags': (i) => i.metadata.instanceMetadataTags,
  'metadata-options.state': () => 'applied',
};

export function metadataXml(name: string, m: SbMetadataOptions, state: string): string {
  return wrap(
    name,
    el('state', state) +
      el('httpTokens', m.httpTokens) +
      el('httpPutResponseHopLimit', m.httpPutResponseHopLimit) +
      el('httpEndpoint', m.httpEndpoint) +
      el('httpProtocolIpv6', m.httpProtocolIpv6) +
      el('instanceMetadataTags', m.instanceMetadataTags),
  );
}

export function instanceXml(i: SbInstance, state = i.state): string {
  return (
    '<item>' +
    el('instanceId', i.id) +
    el('imageId', i.imageId) +
    `<instanceState>${el('code', STATE_CODES[state])}${el('name', state)}</instanceState>` +
    el('instanceType', i.instanceType) +
    el('launchTime', new Date(i.launchTime).toISOString()) +
    tagSetXml(i.tags) +
    metadataXml('metadataOptions', i.metadata, 'applied') +
    '</item>'
  );
}

/** Reservations as EC2 renders them: one `<item>` per reservation id, in first-seen order. */
export function reservationsXml(ownerId: string, instances: SbInstance[]): string {
  const groups = new Map<string, SbInstance[]>();
  for (const i of instances) {
    const list = groups.get(i.reservationId);
    if (list) list.push(i);
    else groups.set(i.reservationId, [i]);
  }
  let out = '';
  for (const [id, list] of groups) {
    out +=
      `<item>${el('reservationId', id)}${el('ownerId', ownerId)}<groupSet/>` +
      `${wrap('instancesSet', list.map((i) => instanceXml(i)).join(''))}</item>`;
  }
  return wrap('reservationSet', out);
}

/**
 * DescribeInstances in the caller's account × region: `InstanceId.N` (unknown ids are an
 * error, and may not be combined with MaxResults), filters on state, metadata options and
 * tags (with `*`/`?` wildcards), paginated with MaxResults 5–1000.
 */
export function describeInstances(ctx: CallContext, params: QueryInput): string {
  const ids = listParam(params, 'InstanceId');
  if (ids.length > 0 && params.has('MaxResults')) {
    throw new AwsError(
      'InvalidParameterCombination',
      400,
      'The parameter instancesSet cannot be used with the parameter maxResults',
    );
  }
  const filters = filtersParam(params);
  for (const f of filters) {
    if (!FILTERS[f.name] && !isTagFilter(f.name)) {
      throw invalidValue(`The filter '${f.name}' is invalid`);
    }
  }
  const { instances } = regionWorkloads(ctx.sandbox.world, ctx.identity.accountId, ctx.region);
  const unknown = ids.filter((id) => !instances.some((i) => i.id === id));
  if (unknown.length > 0) {
    throw new AwsError(
      'InvalidInstanceID.NotFound',
      400,
      `The instance ID${unknown.length > 1 ? 's' : ''} '${unknown.join(', ')}' do${unknown.length > 1 ? '' : 'es'} not exist`,
    );
  }
  const matching = instances.filter(
    (i) =>
      (ids.length === 0 || ids.includes(i.id)) &&
      filters.every((f) => {
        if (f.values.length === 0) return true;
        if (isTagFilter(f.name)) return tagFilter(f.name, f.values, i.tags);
        const value = FILTERS[f.name]?.(i);
        return value !== undefined && f.values.some((v) => globMatch(v, value));
      }),
  );
  const scope = `DescribeInstances:${ids.join(',')}:${JSON.stringify(filters)}`;
  const { page, nextToken } = pageEc2(matching, params, scope, ctx.sandbox.pageSize, {
    min: 5,
    max: 1000,
  });
  return reservationsXml(ctx.identity.accountId, page) + el('nextToken', nextToken);
}

function hopParam(params: QueryInput): number | undefined {
  const raw = params.get('HttpPutResponseHopLimit');
  if (raw === null) return undefined;
  const value = Number(raw);
  if (raw === '' || !Number.isInteger(value) || value < 1 || value > 64) {
    throw invalidValue(
      `Value (${raw}) for parameter HttpPutResponseHopLimit is invalid. Valid values: integers from 1 to 64.`,
    );
  }
  return value;
}

/** The metadata options a request sets under `prefix` (`''` or `MetadataOptions.`), validated. */
export function metadataParams(params: QueryInput, prefix: string): Partial<SbMetadataOptions> {
  const sub = new URLSearchParams();
  for (const [k, v] of params) if (k.startsWith(prefix)) sub.set(k.slice(prefix.length), v);
  const out: Partial<SbMetadataOptions> = {};
  const tokens = enumParam(sub, 'HttpTokens', ['optional', 'required'] as const);
  if (tokens) out.httpTokens = tokens;
  const hop = hopParam(sub);
  if (hop !== undefined) out.httpPutResponseHopLimit = hop;
  const endpoint = enumParam(sub, 'HttpEndpoint', TOGGLE);
  if (endpoint) out.httpEndpoint = endpoint;
  const ipv6 = enumParam(sub, 'HttpProtocolIpv6', TOGGLE);
  if (ipv6) out.httpProtocolIpv6 = ipv6;
  const tags = enumParam(sub, 'InstanceMetadataTags', TOGGLE);
  if (tags) out.instanceMetadataTags = tags;
  return out;
}

/**
 * ModifyInstanceMetadataOptions on one instance of the caller's account × region. The change
 * applies at once in the sandbox (AWS reports `pending` first, so does the answer).
 */
export async function modifyInstanceMetadataOptions(
  ctx: CallContext,
  params: QueryInput,
): Promise<string> {
  const id = params.get('InstanceId');
  if (id === null || id === '') throw missing('InstanceId');
  const change = metadataParams(params, '');
  const { instances } = regionWorkloads(ctx.sandbox.world, ctx.identity.accountId, ctx.region);
  const instance = instances.find((i) => i.id === id);
  if (!instance) {
    throw new AwsError('InvalidInstanceID.NotFound', 400, `The instance ID '${id}' does not exist`);
  }
  if (instance.state === 'terminated' || instance.state === 'shutting-down') {
    throw new AwsError(
      'IncorrectInstanceState',
      400,
      `The instance '${id}' is not in a state from which it can be modified.`,
    );
  }
  // IAM before EC2's own rules and DryRun: instance keys are the instance as it is now, the
  // requested values are ec2:Attribute/<Name> (Service Authorization Reference).
  const now = instance.metadata;
  await authorize(
    ctx,
    'ec2:ModifyInstanceMetadataOptions',
    `arn:aws:ec2:${ctx.region}:${ctx.identity.accountId}:instance/${id}`,
    {
      'ec2:MetadataHttpTokens': now.httpTokens,
      'ec2:MetadataHttpPutResponseHopLimit': String(now.httpPutResponseHopLimit),
      'ec2:MetadataHttpEndpoint': now.httpEndpoint,
      'ec2:InstanceMetadataTags': now.instanceMetadataTags,
      'ec2:InstanceType': instance.instanceType,
      ...attributeKeys(params, MODIFY_OPTION_PARAMS),
    },
  );
  checkModifyEnforcement(ctx, change.httpTokens);
  if (boolParam(params, 'DryRun')) throw dryRun();
  instance.metadata = { ...instance.metadata, ...change };
  return (
    el('instanceId', id) + metadataXml('instanceMetadataOptions', instance.metadata, 'pending')
  );
}
