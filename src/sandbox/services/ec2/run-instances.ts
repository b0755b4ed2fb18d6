import { resolveMetadataOptions } from '../../../core/model/metadata-options.js';
import type { CallContext } from '../../context.js';
import { authorize } from '../../iam/authorize.js';
import { el, wrap } from '../../protocol/xml.js';
import { findImage } from '../../state/images.js';
import {
  generateId,
  regionWorkloads,
  type SbInstance,
  type SbMetadataOptions,
  templateMetadata,
} from '../../state/workloads.js';
import type { QueryInput } from '../types.js';
import { checkLaunchEnforcement } from './enforcement.js';
import { readDefaults } from './imds.js';
import { instanceXml, metadataParams } from './instances.js';
import { findTemplate, resolveVersion } from './launch-templates.js';
import { launchSubnet } from './network.js';
import { dryRun, missing, tagsParam } from './paging.js';
import { boolParam, invalidValue } from './params.js';

function countParam(params: QueryInput, name: string): number {
  const raw = params.get(name);
  if (raw === null) throw missing(name);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 20) {
    throw invalidValue(`Value (${raw}) for parameter ${name} is invalid.`);
  }
  return value;
}

/** Instance tags from `TagSpecification.N` with ResourceType=instance (request or template). */
function instanceTags(params: QueryInput, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; ; i++) {
    const type = params.get(`${prefix}TagSpecification.${i}.ResourceType`);
    if (type === null) break;
    if (type === 'instance')
      Object.assign(out, tagsParam(params, `${prefix}TagSpecification.${i}.Tag`));
  }
  return out;
}

/**
 * RunInstances: metadata options resolve field by field — the request's `MetadataOptions`,
 * then the launch template version's, then the account-level defaults of the region (what
 * ModifyInstanceMetadataDefaults set, or a declarative policy), then the AMI's `ImdsSupport`
 * (`v2.0`: required, hop limit 2), then AWS's own defaults (optional, hop limit 1) — the
 * tool's `resolveMetadataOptions` (src/core/model/metadata-options.ts). The service control policies in effect for the caller are evaluated
 * after validation (UnauthorizedOperation 403 when one denies), then DryRun answers
 * DryRunOperation. Instances start `running` at once; the answer shows them `pending` like AWS.
 */
export async function runInstances(ctx: CallContext, params: QueryInput): Promise<string> {
  const min = countParam(params, 'MinCount');
  const max = countParam(params, 'MaxCount');
  if (min > max) throw invalidValue('MinCount must be less than or equal to MaxCount.');
  const ltId = params.get('LaunchTemplate.LaunchTemplateId');
  const ltName = params.get('LaunchTemplate.LaunchTemplateName');
  let template: QueryInput = new URLSearchParams();
  let templateMeta: Partial<SbMetadataOptions> = {};
  if (ltId || ltName) {
    const t = findTemplate(ctx, ltId, ltName);
    const version = resolveVersion(t, params.get('LaunchTemplate.Version') ?? '$Default');
    template = new URLSearchParams(version.data);
    const meta = templateMetadata(version.data);
    templateMeta = meta ? metadataParams(new URLSearchParams(meta), '') : {};
  }
  const imageId = params.get('ImageId') ?? template.get('ImageId');
  if (!imageId) throw missing('ImageId');
  if (imageId.startsWith('resolve:ssm:')) {
    // EC2 resolves the parameter with the caller's own ssm:GetParameters permission.
    const { counters, world } = ctx.sandbox;
    const kind = ctx.identity.accountId === world.managementAccountId ? 'management' : 'member';
    counters.recordCaller(kind, 'ssm:GetParameters');
  }
  const requested = metadataParams(params, 'MetadataOptions.');
  const { world } = ctx.sandbox;
  const account = world.accounts.get(ctx.identity.accountId)!;
  const { defaults } = readDefaults(world, account, ctx.regionIdx);
  const accountMeta: Partial<SbMetadataOptions> = {};
  if (defaults.httpTokens) accountMeta.httpTokens = defaults.httpTokens;
  if (defaults.httpPutResponseHopLimit) {
    accountMeta.httpPutResponseHopLimit = defaults.httpPutResponseHopLimit;
  }
  if (defaults.httpEndpoint) accountMeta.httpEndpoint = defaults.httpEndpoint;
  if (defaults.instanceMetadataTags)
    accountMeta.instanceMetadataTags = defaults.instanceMetadataTags;
  // The tool's own resolver (pure core, import-free): one order of precedence for both.
  const { source: _source, ...metadata } = resolveMetadataOptions({
    request: requested,
    launchTemplate: templateMeta,
    accountDefault: accountMeta,
    ...(findImage(imageId)?.imdsSupport ? { imdsSupport: 'v2.0' } : {}),
  });
  const instanceType = params.get('InstanceType') ?? template.get('InstanceType') ?? 'm1.small';
  // Where the launch goes is resolved before authorization (choice: AWS's order of
  // VPCIdNotSpecified and UnauthorizedOperation is unconfirmed; either way a dry run without a
  // subnet where there is no default VPC never reaches DryRunOperation).
  launchSubnet(ctx, params, template);
  // IAM authorization (SCPs) comes before the service's own checks, as in AWS.
  await authorizeLaunch(ctx, requested, instanceType);
  checkLaunchEnforcement(ctx, metadata.httpTokens);
  if (boolParam(params, 'DryRun')) throw dryRun();
  const tags = { ...instanceTags(template, ''), ...instanceTags(params, '') };
  const reservationId = generateId(world, 'r-');
  const { instances } = regionWorkloads(world, account.id, ctx.region);
  const launched: SbInstance[] = [];
  for (let n = 0; n < max; n++) {
    const instance: SbInstance = {
      id: generateId(world, 'i-'),
      reservationId,
      imageId,
      instanceType,
      state: 'running',
      launchTime: ctx.sandbox.now(),
      tags: { ...tags },
      metadata: { ...metadata },
    };
    instances.push(instance);
    launched.push(instance);
  }
  return (
    el('reservationId', reservationId) +
    el('ownerId', account.id) +
    '<groupSet/>' +
    wrap('instancesSet', launched.map((i) => instanceXml(i, 'pending')).join(''))
  );
}

/**
 * The SCP check of a launch. The metadata condition keys carry what the request itself asks for
 * (`MetadataOptions`), never a referenced launch template's nor the account defaults: a dry-run
 * launch through a template without request-level MetadataOptions was seen without
 * `ec2:MetadataHttpTokens` (aws-behaviour.md §9, aws/karpenter-provider-aws#9018), so it is
 * refused by `StringNotEquals ec2:MetadataHttpTokens required`. Whether real launches through a
 * template populate the key is unconfirmed. `ec2:RoleDelivery` exists only for instance-profile
 * credentials, which no sandbox caller has.
 */
async function authorizeLaunch(
  ctx: CallContext,
  asked: Partial<SbMetadataOptions>,
  instanceType: string,
): Promise<void> {
  const context: Record<string, string> = { 'ec2:InstanceType': instanceType };
  if (asked.httpTokens) context['ec2:MetadataHttpTokens'] = asked.httpTokens;
  if (asked.httpPutResponseHopLimit !== undefined) {
    context['ec2:MetadataHttpPutResponseHopLimit'] = String(asked.httpPutResponseHopLimit);
  }
  if (asked.httpEndpoint) context['ec2:MetadataHttpEndpoint'] = asked.httpEndpoint;
  if (asked.instanceMetadataTags) context['ec2:InstanceMetadataTags'] = asked.instanceMetadataTags;
  const resource = `arn:aws:ec2:${ctx.region}:${ctx.identity.accountId}:instance/*`;
  await authorize(ctx, 'ec2:RunInstances', resource, context);
}
