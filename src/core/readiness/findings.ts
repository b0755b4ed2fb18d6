import { resolveMetadataOptions } from '../model/metadata-options.js';
import type {
  AsgFinding,
  InstanceFinding,
  InstanceMetadata,
  InstanceMetricSums,
  ObservedInstance,
  ObservedLaunchTemplate,
  RegionWorkloads,
  TemplateFinding,
} from './types.js';

type OkRegion = Extract<RegionWorkloads, { status: 'ok' }>;

const EKS_KEYS = ['eks:cluster-name', 'aws:eks:cluster-name', 'eks:nodegroup-name'];
const ECS_KEYS = ['AmazonECSManaged', 'aws:ecs:cluster-name', 'aws:ecs:clusterName', 'ecs:cluster'];

/** ECS or EKS container host, by the tags those services (or their docs) put on instances. */
export function containerHost(tags: Record<string, string>): 'ecs' | 'eks' | undefined {
  const keys = Object.keys(tags);
  if (keys.some((k) => EKS_KEYS.includes(k) || k.startsWith('kubernetes.io/cluster/')))
    return 'eks';
  if (keys.some((k) => ECS_KEYS.includes(k))) return 'ecs';
  return undefined;
}

/**
 * Instances worth listing: allowing IMDSv1, seen calling it (or being refused), or container
 * hosts whose hop limit of 1 keeps containers from IMDSv2 tokens once it is enforced.
 */
export function instanceFindings(
  accountId: string,
  region: OkRegion,
  sums: Map<string, InstanceMetricSums>,
): InstanceFinding[] {
  const out: InstanceFinding[] = [];
  const known = new Set<string>();
  const add = (
    i: ObservedInstance | undefined,
    id: string,
    metric: InstanceMetricSums | undefined,
  ) => {
    const host = i ? containerHost(i.tags) : undefined;
    const issues: InstanceFinding['issues'] = [];
    if (i?.metadata.httpTokens === 'optional') issues.push('allows-imdsv1');
    if ((metric?.noToken ?? 0) > 0) issues.push('imdsv1-calls');
    if ((metric?.rejected ?? 0) > 0) issues.push('rejected-calls');
    if (host && i && i.metadata.hopLimit <= 1) issues.push('container-hop-limit-1');
    if (issues.length === 0) return;
    const finding: InstanceFinding = {
      accountId,
      region: region.region,
      instanceId: id,
      state: i?.state ?? 'not-found',
      httpTokens: i?.metadata.httpTokens ?? 'optional',
      hopLimit: i?.metadata.hopLimit ?? 1,
      noTokenCalls: metric?.noToken ?? 0,
      rejectedCalls: metric?.rejected ?? 0,
      issues,
    };
    if (i?.name) finding.name = i.name;
    if (host) finding.containerHost = host;
    out.push(finding);
  };
  for (const i of region.instances) {
    known.add(i.instanceId);
    add(i, i.instanceId, sums.get(i.instanceId));
  }
  // Calls from instances that are gone (terminated within the window) still count.
  for (const [id, metric] of sums) if (!known.has(id)) add(undefined, id, metric);
  return out.sort(
    (a, b) =>
      b.noTokenCalls - a.noTokenCalls ||
      b.rejectedCalls - a.rejectedCalls ||
      cmp(a.instanceId, b.instanceId),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** HttpTokens a launch through this template version gets, by EC2's order of precedence. */
function launchTokens(
  meta: Partial<InstanceMetadata> | undefined,
  accountDefault: 'optional' | 'required' | undefined,
  imdsSupport: 'v2.0' | undefined,
) {
  const resolved = resolveMetadataOptions({
    ...(meta?.httpTokens ? { launchTemplate: { httpTokens: meta.httpTokens } } : {}),
    ...(accountDefault ? { accountDefault: { httpTokens: accountDefault } } : {}),
    ...(imdsSupport ? { imdsSupport } : {}),
  });
  return { tokens: resolved.httpTokens, source: resolved.source.httpTokens };
}

function allowsImdsV1(
  meta: Partial<InstanceMetadata> | undefined,
  accountDefault: 'optional' | 'required' | undefined,
  imdsSupport: 'v2.0' | undefined,
): boolean {
  return launchTokens(meta, accountDefault, imdsSupport).tokens === 'optional';
}

/** Templates whose default version allows IMDSv1 or omits MetadataOptions (seed 001). */
export function templateFindings(
  accountId: string,
  region: OkRegion,
  accountDefault: 'optional' | 'required' | undefined,
): TemplateFinding[] {
  const out: TemplateFinding[] = [];
  for (const t of region.launchTemplates) {
    const tokens = t.defaultMetadata?.httpTokens;
    if (tokens === 'required') continue;
    // An omitted template stays listed even where AWS makes it IMDSv2 (account default, AMI
    // ImdsSupport v2.0): the SCP still refuses launches that carry no ec2:MetadataHttpTokens.
    const effective = launchTokens(t.defaultMetadata, accountDefault, t.defaultImdsSupport);
    const finding: TemplateFinding = {
      accountId,
      region: region.region,
      templateId: t.templateId,
      templateName: t.templateName,
      defaultVersion: t.defaultVersion,
      issue: tokens === 'optional' ? 'optional' : 'omitted',
      effectiveTokens: effective.tokens,
    };
    if (!tokens && effective.source !== 'request' && effective.source !== 'launch-template') {
      finding.effectiveSource = effective.source;
    }
    out.push(finding);
  }
  return out.sort((a, b) => cmp(a.templateName, b.templateName));
}

/**
 * Groups pinned to a version number whose metadata allows IMDSv1: fixing the template's default
 * does nothing for them (seed 001 pitfall). `$Default`/`$Latest` groups follow the template.
 */
export function asgFindings(
  accountId: string,
  region: OkRegion,
  accountDefault: 'optional' | 'required' | undefined,
): AsgFinding[] {
  const templates = new Map<string, ObservedLaunchTemplate>(
    region.launchTemplates.map((t) => [t.templateId, t]),
  );
  const out: AsgFinding[] = [];
  for (const g of region.autoScalingGroups) {
    if (!g.templateId || !g.version || !/^\d+$/.test(g.version)) continue;
    const pinned = Number(g.version);
    const version = region.pinnedVersions.find(
      (v) => v.templateId === g.templateId && v.version === pinned,
    );
    if (!version || !allowsImdsV1(version.metadata, accountDefault, version.imdsSupport)) continue;
    const template = templates.get(g.templateId);
    const defaultFixed = template?.defaultMetadata?.httpTokens === 'required';
    const target = defaultFixed ? `'$Default' (v${template?.defaultVersion})` : 'a fixed version';
    const finding: AsgFinding = {
      accountId,
      region: region.region,
      name: g.name,
      templateId: g.templateId,
      pinnedVersion: pinned,
      defaultVersion: template?.defaultVersion ?? pinned,
      instanceIds: g.instanceIds,
      fix:
        `pinned to v${pinned}, which allows IMDSv1${defaultFixed ? ' while the default is fixed' : ''}: ` +
        `use ${target} — aws autoscaling update-auto-scaling-group --auto-scaling-group-name ${g.name} ` +
        `--launch-template LaunchTemplateId=${g.templateId},Version='$Default' --region ${region.region}`,
      refreshCommand:
        `aws autoscaling start-instance-refresh --auto-scaling-group-name ${g.name} --region ${region.region} ` +
        `--preferences '{"MinHealthyPercentage": 90, "InstanceWarmup": 120}'`,
    };
    if (g.templateName ?? template?.templateName) {
      finding.templateName = g.templateName ?? template?.templateName ?? '';
    }
    out.push(finding);
  }
  return out.sort((a, b) => cmp(a.name, b.name));
}
