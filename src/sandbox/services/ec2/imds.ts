import type { ImdsDefaults } from '../../../core/model/types.js';
import type { CallContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { attributeKeys, authorize } from '../../iam/authorize.js';
import { el, wrap } from '../../protocol/xml.js';
import { DEFAULT_DENIAL_MESSAGE, effectiveDeclarativeImds } from '../../state/declarative.js';
import type { SbAccount, World } from '../../state/world.js';
import type { QueryInput } from '../types.js';
import { boolParam, enumParam, invalidValue } from './params.js';

const TOGGLE = ['enabled', 'disabled', 'no-preference'] as const;
const MODIFY_PARAMS = [
  'HttpTokens',
  'HttpPutResponseHopLimit',
  'HttpEndpoint',
  'InstanceMetadataTags',
  'HttpTokensEnforced',
];

function callerAccount(ctx: CallContext): SbAccount {
  // The precheck already refused callers whose account or region is unknown.
  return ctx.sandbox.world.accounts.get(ctx.identity.accountId)!;
}

export interface EffectiveImds {
  defaults: ImdsDefaults;
  managedBy?: 'account' | 'declarative-policy';
  message?: string;
}

/**
 * What GetInstanceMetadataDefaults reports: the account's own values, or — under an EC2
 * declarative policy — the policy's values over them with managedBy=declarative-policy.
 */
export function readDefaults(world: World, account: SbAccount, regionIdx: number): EffectiveImds {
  const own = world.getImds(account, regionIdx);
  const policy = effectiveDeclarativeImds(world, account);
  if (!policy)
    return Object.keys(own).length > 0
      ? { defaults: own, managedBy: 'account' }
      : { defaults: own };
  const merged: Record<string, unknown> = { ...own };
  for (const field of policy.cleared) delete merged[field];
  Object.assign(merged, policy.defaults);
  const out: EffectiveImds = {
    defaults: merged as ImdsDefaults,
    managedBy: 'declarative-policy',
  };
  if (policy.exceptionMessage !== undefined) out.message = policy.exceptionMessage;
  return out;
}

export function getInstanceMetadataDefaults(ctx: CallContext): string {
  const {
    defaults: d,
    managedBy,
    message,
  } = readDefaults(ctx.sandbox.world, callerAccount(ctx), ctx.regionIdx);
  const members =
    el('httpTokens', d.httpTokens) +
    el('httpPutResponseHopLimit', d.httpPutResponseHopLimit) +
    el('httpEndpoint', d.httpEndpoint) +
    el('instanceMetadataTags', d.instanceMetadataTags) +
    el('managedBy', managedBy) +
    el('managedExceptionMessage', message) +
    el('httpTokensEnforced', d.httpTokensEnforced);
  return wrap('accountLevel', members);
}

function hopLimit(params: QueryInput): number | undefined {
  const raw = params.get('HttpPutResponseHopLimit');
  if (raw === null) return undefined;
  const value = Number(raw);
  if (raw === '' || !Number.isInteger(value) || (value !== -1 && (value < 1 || value > 64))) {
    throw invalidValue(
      `Value (${raw}) for parameter HttpPutResponseHopLimit is invalid. Valid values: integers from 1 to 64, or -1 to indicate no preference.`,
    );
  }
  return value;
}

/**
 * ModifyInstanceMetadataDefaults: validates every parameter, checks IMDS SCPs, answers DryRun with
 * DryRunOperation (412), refuses changes managed by a declarative policy, then sets or clears
 * (`no-preference`, hop limit -1) each given field in the calling account × region.
 */
export async function modifyInstanceMetadataDefaults(
  ctx: CallContext,
  params: QueryInput,
): Promise<string> {
  const tokens = enumParam(params, 'HttpTokens', [
    'optional',
    'required',
    'no-preference',
  ] as const);
  const hop = hopLimit(params);
  const endpoint = enumParam(params, 'HttpEndpoint', TOGGLE);
  const tags = enumParam(params, 'InstanceMetadataTags', TOGGLE);
  const enforced = enumParam(params, 'HttpTokensEnforced', TOGGLE);
  const dryRun = boolParam(params, 'DryRun') ?? false;
  if (!MODIFY_PARAMS.some((name) => params.has(name))) {
    // AWS's answer to an empty request is unconfirmed (aws-behaviour.md §3.2); see SPEC.md.
    throw new AwsError(
      'MissingParameter',
      400,
      `The request must contain at least one of the parameters: ${MODIFY_PARAMS.join(', ')}.`,
    );
  }
  // No resource type: Resource "*", request keys ec2:Attribute/<Name> (Service Authorization
  // Reference). DryRun answers whether the caller may, so IAM comes first.
  await authorize(
    ctx,
    'ec2:ModifyInstanceMetadataDefaults',
    '*',
    attributeKeys(params, MODIFY_PARAMS),
  );
  if (dryRun) {
    throw new AwsError(
      'DryRunOperation',
      412,
      'Request would have succeeded, but DryRun flag is set.',
    );
  }
  const account = callerAccount(ctx);
  const { world } = ctx.sandbox;
  const policy = effectiveDeclarativeImds(world, account);
  if (policy) {
    throw new AwsError(
      'OperationNotPermitted',
      400,
      policy.exceptionMessage ?? DEFAULT_DENIAL_MESSAGE,
    );
  }
  const next: Record<string, unknown> = { ...world.getImds(account, ctx.regionIdx) };
  const apply = (
    field: keyof ImdsDefaults,
    value: string | number | undefined,
    clear: string | number,
  ) => {
    if (value === undefined) return;
    if (value === clear) delete next[field];
    else next[field] = value;
  };
  apply('httpTokens', tokens, 'no-preference');
  apply('httpPutResponseHopLimit', hop, -1);
  apply('httpEndpoint', endpoint, 'no-preference');
  apply('instanceMetadataTags', tags, 'no-preference');
  apply('httpTokensEnforced', enforced, 'no-preference');
  world.setImds(account, ctx.regionIdx, next as ImdsDefaults);
  ctx.sandbox.counters.recordWrite(account.id, ctx.region);
  return el('return', true);
}
