import type { CallContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { el, wrap } from '../../protocol/xml.js';
import { regionWorkloads, type SbAutoScalingGroup } from '../../state/workloads.js';
import { regionNotEnabled, tokenAuthError, unknownAction } from '../common-auth.js';
import { globMatch } from '../ec2/paging.js';
import type { QueryInput, ServiceDef } from '../types.js';

export const AUTOSCALING_VERSION = '2011-01-01';

function validation(message: string): AwsError {
  return new AwsError('ValidationError', 400, message);
}

/** awsQuery lists: `Name.member.N`. */
function members(params: QueryInput, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; ; i++) {
    const value = params.get(`${name}.member.${i}`);
    if (value === null) return out;
    out.push(value);
  }
}

function launchTemplateXml(lt: SbAutoScalingGroup['launchTemplate']): string {
  return wrap(
    'LaunchTemplate',
    el('LaunchTemplateId', lt.id) + el('LaunchTemplateName', lt.name) + el('Version', lt.version),
  );
}

function groupXml(ctx: CallContext, g: SbAutoScalingGroup): string {
  const arn = `arn:aws:autoscaling:${ctx.region}:${ctx.identity.accountId}:autoScalingGroup:00000000-0000-4000-8000-${g.createdTime.toString(16).padStart(12, '0').slice(-12)}:autoScalingGroupName/${g.name}`;
  const { instances } = regionWorkloads(ctx.sandbox.world, ctx.identity.accountId, ctx.region);
  const members = g.instanceIds
    .map((id) => instances.find((i) => i.id === id))
    .filter((i) => i !== undefined)
    .map(
      (i) =>
        `<member>${el('InstanceId', i.id)}${el('InstanceType', i.instanceType)}` +
        `${el('AvailabilityZone', g.availabilityZones[0])}${el('LifecycleState', 'InService')}` +
        `${el('HealthStatus', 'Healthy')}${launchTemplateXml(g.launchTemplate)}` +
        `${el('ProtectedFromScaleIn', false)}</member>`,
    )
    .join('');
  const tags = Object.entries(g.tags)
    .map(
      ([k, v]) =>
        `<member>${el('ResourceId', g.name)}${el('ResourceType', 'auto-scaling-group')}${el('Key', k)}` +
        `${el('Value', v)}${el('PropagateAtLaunch', true)}</member>`,
    )
    .join('');
  return (
    '<member>' +
    el('AutoScalingGroupName', g.name) +
    el('AutoScalingGroupARN', arn) +
    launchTemplateXml(g.launchTemplate) +
    el('MinSize', g.minSize) +
    el('MaxSize', g.maxSize) +
    el('DesiredCapacity', g.desiredCapacity) +
    el('DefaultCooldown', 300) +
    wrap('AvailabilityZones', g.availabilityZones.map((z) => el('member', z)).join('')) +
    '<LoadBalancerNames/><TargetGroupARNs/>' +
    el('HealthCheckType', 'EC2') +
    el('HealthCheckGracePeriod', 300) +
    wrap('Instances', members) +
    el('CreatedTime', new Date(g.createdTime).toISOString()) +
    wrap('Tags', tags) +
    '</member>'
  );
}

function matchesFilter(g: SbAutoScalingGroup, name: string, values: string[]): boolean {
  if (values.length === 0) return true;
  if (name.startsWith('tag:')) {
    const v = g.tags[name.slice(4)];
    return v !== undefined && values.some((p) => globMatch(p, v));
  }
  if (name === 'tag-key') return Object.keys(g.tags).some((k) => values.includes(k));
  if (name === 'tag-value') return Object.values(g.tags).some((v) => values.includes(v));
  throw validation(`Filter name ${name} is invalid.`);
}

/**
 * DescribeAutoScalingGroups of the caller's account × region: by name
 * (`AutoScalingGroupNames.member.N`; unknown names are simply absent, as on AWS), tag filters,
 * MaxRecords 1–100, NextToken.
 */
function describeAutoScalingGroups(ctx: CallContext, params: QueryInput): string {
  const names = members(params, 'AutoScalingGroupNames');
  const filters: { name: string; values: string[] }[] = [];
  for (let i = 1; ; i++) {
    const name = params.get(`Filters.member.${i}.Name`);
    if (name === null) break;
    filters.push({ name, values: members(params, `Filters.member.${i}.Values`) });
  }
  const rawMax = params.get('MaxRecords');
  const max = rawMax === null ? 50 : Number(rawMax);
  if (!Number.isInteger(max) || max < 1 || max > 100) {
    throw validation(
      `1 validation error detected: Value '${rawMax}' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to 100`,
    );
  }
  const { autoScalingGroups } = regionWorkloads(
    ctx.sandbox.world,
    ctx.identity.accountId,
    ctx.region,
  );
  const matching = autoScalingGroups.filter(
    (g) =>
      (names.length === 0 || names.includes(g.name)) &&
      filters.every((f) => matchesFilter(g, f.name, f.values)),
  );
  const scope = `${names}:${JSON.stringify(filters)}`;
  const token = params.get('NextToken');
  let offset = 0;
  if (token) {
    const text = Buffer.from(token, 'base64url').toString('utf8');
    const bar = text.lastIndexOf('|');
    offset = Number(text.slice(bar + 1));
    if (text.slice(0, bar) !== scope || !Number.isInteger(offset) || offset < 0) {
      throw new AwsError('InvalidNextToken', 400, 'The token provided is not valid.');
    }
  }
  const size = Math.min(max, ctx.sandbox.pageSize);
  const page = matching.slice(offset, offset + size);
  const next =
    offset + size < matching.length
      ? Buffer.from(`${scope}|${offset + size}`).toString('base64url')
      : undefined;
  return (
    wrap('AutoScalingGroups', page.map((g) => groupXml(ctx, g)).join('')) + el('NextToken', next)
  );
}

/** Amazon EC2 Auto Scaling over awsQuery (Version 2011-01-01, XML inside `<OpResult>`). */
export const autoScaling: ServiceDef<QueryInput> = {
  name: 'autoscaling',
  protocol: 'query',
  regionalBuckets: true,
  operations: { DescribeAutoScalingGroups: describeAutoScalingGroups },
  authError: tokenAuthError,
  unknownOperation: (operation) => unknownAction(operation, AUTOSCALING_VERSION),
  precheck: regionNotEnabled,
  throttleError() {
    return new AwsError('Throttling', 400, 'Rate exceeded');
  },
  failureError() {
    return new AwsError('InternalFailure', 500, 'An internal error has occurred.');
  },
  bucket() {
    return { capacity: 100, refillPerSecond: 20 };
  },
};
