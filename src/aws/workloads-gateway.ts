/** Instances, launch templates, Auto Scaling groups and IMDS metrics in one account × region. */
import {
  type AutoScalingClient,
  paginateDescribeAutoScalingGroups,
} from '@aws-sdk/client-auto-scaling';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  CreateLaunchTemplateVersionCommand,
  DescribeImagesCommand,
  DescribeLaunchTemplateVersionsCommand,
  type EC2Client,
  type LaunchTemplateInstanceMetadataOptions,
  ModifyInstanceMetadataOptionsCommand,
  ModifyLaunchTemplateCommand,
  paginateDescribeInstances,
  paginateDescribeLaunchTemplates,
  paginateDescribeLaunchTemplateVersions,
} from '@aws-sdk/client-ec2';
import type {
  InstanceMetadata,
  ObservedAutoScalingGroup,
  ObservedInstance,
  ObservedLaunchTemplate,
} from '../core/readiness/types.js';
import { AwsApiError } from '../errors.js';
import type { WorkloadsGateway } from './gateways.js';
import { sumImdsMetrics } from './imds-metrics.js';
import { callAwsRefreshing } from './map-aws-error.js';

export interface WorkloadsGatewayOptions {
  accountId: string;
  region: string;
  ec2: () => EC2Client;
  cloudWatch: () => CloudWatchClient;
  autoScaling: () => AutoScalingClient;
  invalidateCredentials?: () => void;
}

const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

function metadataOf(
  m: LaunchTemplateInstanceMetadataOptions | undefined,
): Partial<InstanceMetadata> | undefined {
  if (!m) return undefined;
  const out: Partial<InstanceMetadata> = {};
  if (m.HttpTokens === 'optional' || m.HttpTokens === 'required') out.httpTokens = m.HttpTokens;
  if (m.HttpPutResponseHopLimit !== undefined) out.hopLimit = m.HttpPutResponseHopLimit;
  if (m.HttpEndpoint === 'enabled' || m.HttpEndpoint === 'disabled')
    out.httpEndpoint = m.HttpEndpoint;
  if (m.HttpProtocolIpv6 === 'enabled' || m.HttpProtocolIpv6 === 'disabled')
    out.httpProtocolIpv6 = m.HttpProtocolIpv6;
  if (m.InstanceMetadataTags === 'enabled' || m.InstanceMetadataTags === 'disabled')
    out.instanceMetadataTags = m.InstanceMetadataTags;
  return out;
}

export function createWorkloadsGateway(options: WorkloadsGatewayOptions): WorkloadsGateway {
  const { accountId, region } = options;
  const clients: { ec2?: EC2Client; cw?: CloudWatchClient; asg?: AutoScalingClient } = {};

  async function send<T>(service: string, operation: string, run: () => Promise<T>): Promise<T> {
    const refresh = options.invalidateCredentials;
    return callAwsRefreshing(
      { service, operation, accountId, region },
      run,
      refresh &&
        (() => {
          refresh();
          clients.ec2 = clients.cw = clients.asg = undefined;
        }),
    );
  }

  const ec2 = () => {
    clients.ec2 ??= options.ec2();
    return clients.ec2;
  };
  const cw = () => {
    clients.cw ??= options.cloudWatch();
    return clients.cw;
  };
  const asg = () => {
    clients.asg ??= options.autoScaling();
    return clients.asg;
  };

  /**
   * `ImdsSupport` of these AMIs (the last step of EC2's order of precedence). A filter rather
   * than `ImageIds`, so a deregistered image is simply absent instead of failing the call. When
   * the images cannot be read (no ec2:DescribeImages), nothing is known and readiness keeps
   * judging without the AMI — it may flag a template AWS would make IMDSv2, never the reverse.
   */
  async function imdsSupportOf(imageIds: string[]): Promise<Map<string, string>> {
    const ids = [...new Set(imageIds.filter((id) => id.startsWith('ami-')))];
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      try {
        const page = await send('ec2', 'DescribeImages', () =>
          ec2().send(new DescribeImagesCommand({ Filters: [{ Name: 'image-id', Values: chunk }] })),
        );
        for (const image of page.Images ?? []) {
          if (image.ImageId && image.ImdsSupport) out.set(image.ImageId, image.ImdsSupport);
        }
      } catch (err) {
        if (!(err instanceof AwsApiError)) throw err;
      }
    }
    return out;
  }

  return {
    accountId,
    region,

    describeInstances: (instanceIds) =>
      send('ec2', 'DescribeInstances', async () => {
        const out: ObservedInstance[] = [];
        for await (const page of paginateDescribeInstances(
          // AWS refuses MaxResults together with InstanceIds.
          instanceIds?.length ? { client: ec2() } : { client: ec2(), pageSize: 1000 },
          {
            Filters: [{ Name: 'instance-state-name', Values: LIVE_STATES }],
            ...(instanceIds?.length ? { InstanceIds: instanceIds } : {}),
          },
        )) {
          for (const r of page.Reservations ?? []) {
            for (const i of r.Instances ?? []) {
              if (!i.InstanceId) continue;
              const tags = Object.fromEntries(
                (i.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']),
              );
              const m = i.MetadataOptions;
              const instance: ObservedInstance = {
                instanceId: i.InstanceId,
                state: i.State?.Name ?? 'unknown',
                tags,
                metadata: {
                  httpTokens: m?.HttpTokens === 'required' ? 'required' : 'optional',
                  hopLimit: m?.HttpPutResponseHopLimit ?? 1,
                  httpEndpoint: m?.HttpEndpoint === 'disabled' ? 'disabled' : 'enabled',
                },
              };
              if (tags.Name) instance.name = tags.Name;
              if (i.InstanceType) instance.instanceType = i.InstanceType;
              out.push(instance);
            }
          }
        }
        return out;
      }),

    describeLaunchTemplates: (templateIds) =>
      send('ec2', 'DescribeLaunchTemplates', async () => {
        const templates: ObservedLaunchTemplate[] = [];
        for await (const page of paginateDescribeLaunchTemplates(
          templateIds?.length ? { client: ec2() } : { client: ec2(), pageSize: 200 },
          templateIds?.length ? { LaunchTemplateIds: templateIds } : {},
        )) {
          for (const t of page.LaunchTemplates ?? []) {
            if (!t.LaunchTemplateId) continue;
            templates.push({
              templateId: t.LaunchTemplateId,
              templateName: t.LaunchTemplateName ?? t.LaunchTemplateId,
              defaultVersion: t.DefaultVersionNumber ?? 1,
              latestVersion: t.LatestVersionNumber ?? 1,
            });
          }
        }
        if (templates.length === 0) return templates;
        // `$Default` of every template in one paginated call (no template named: allowed for aliases).
        const byId = new Map(templates.map((t) => [t.templateId, t]));
        const images = new Map<ObservedLaunchTemplate, string>();
        // One template: ask for its own `$Default` rather than every template's.
        const only = templateIds?.length === 1 ? templateIds[0] : undefined;
        for await (const page of paginateDescribeLaunchTemplateVersions(
          { client: ec2(), pageSize: 200 },
          { Versions: ['$Default'], ...(only ? { LaunchTemplateId: only } : {}) },
        )) {
          for (const v of page.LaunchTemplateVersions ?? []) {
            const t = v.LaunchTemplateId ? byId.get(v.LaunchTemplateId) : undefined;
            const meta = metadataOf(v.LaunchTemplateData?.MetadataOptions);
            if (t && meta) t.defaultMetadata = meta;
            const imageId = v.LaunchTemplateData?.ImageId;
            if (t && imageId) images.set(t, imageId);
          }
        }
        const support = await imdsSupportOf([...images.values()]);
        for (const [t, imageId] of images) {
          if (support.get(imageId) === 'v2.0') t.defaultImdsSupport = 'v2.0';
        }
        return templates;
      }),

    describeTemplateVersion: (templateId, version) =>
      send('ec2', 'DescribeLaunchTemplateVersions', async () => {
        const out = await ec2().send(
          new DescribeLaunchTemplateVersionsCommand({
            LaunchTemplateId: templateId,
            Versions: [String(version)],
          }),
        );
        const data = out.LaunchTemplateVersions?.[0]?.LaunchTemplateData;
        const meta = metadataOf(data?.MetadataOptions);
        const support = data?.ImageId ? await imdsSupportOf([data.ImageId]) : new Map();
        const v2 = data?.ImageId !== undefined && support.get(data.ImageId) === 'v2.0';
        return {
          templateId,
          version,
          ...(meta ? { metadata: meta } : {}),
          ...(v2 ? { imdsSupport: 'v2.0' as const } : {}),
        };
      }),

    describeAutoScalingGroups: () =>
      send('autoscaling', 'DescribeAutoScalingGroups', async () => {
        const out: ObservedAutoScalingGroup[] = [];
        for await (const page of paginateDescribeAutoScalingGroups(
          { client: asg(), pageSize: 100 },
          {},
        )) {
          for (const g of page.AutoScalingGroups ?? []) {
            const lt =
              g.LaunchTemplate ??
              g.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
            const group: ObservedAutoScalingGroup = {
              name: g.AutoScalingGroupName ?? '',
              instanceIds: (g.Instances ?? []).map((i) => i.InstanceId ?? '').filter(Boolean),
            };
            if (lt?.LaunchTemplateId) group.templateId = lt.LaunchTemplateId;
            if (lt?.LaunchTemplateName) group.templateName = lt.LaunchTemplateName;
            if (lt?.Version) group.version = lt.Version;
            out.push(group);
          }
        }
        return out;
      }),

    imdsV1Metrics: (window) =>
      send('monitoring', 'GetMetricData', () => sumImdsMetrics(cw(), window)),

    async modifyInstanceMetadataOptions(instanceId, change, opts = {}) {
      try {
        await send('ec2', 'ModifyInstanceMetadataOptions', () =>
          ec2().send(
            new ModifyInstanceMetadataOptionsCommand({
              InstanceId: instanceId,
              ...(change.httpTokens ? { HttpTokens: change.httpTokens } : {}),
              ...(change.hopLimit !== undefined
                ? { HttpPutResponseHopLimit: change.hopLimit }
                : {}),
              ...(change.httpEndpoint ? { HttpEndpoint: change.httpEndpoint } : {}),
              ...(opts.dryRun ? { DryRun: true } : {}),
            }),
          ),
        );
      } catch (err) {
        if (opts.dryRun && err instanceof AwsApiError && err.awsCode === 'DryRunOperation') return;
        throw err;
      }
    },

    createLaunchTemplateVersion: ({ templateId, sourceVersion, metadata, description }) =>
      send('ec2', 'CreateLaunchTemplateVersion', async () => {
        const out = await ec2().send(
          new CreateLaunchTemplateVersionCommand({
            LaunchTemplateId: templateId,
            SourceVersion: String(sourceVersion),
            VersionDescription: description,
            // MetadataOptions replaces the source's block as a whole: send every field.
            LaunchTemplateData: {
              MetadataOptions: {
                ...(metadata.httpTokens ? { HttpTokens: metadata.httpTokens } : {}),
                ...(metadata.hopLimit !== undefined
                  ? { HttpPutResponseHopLimit: metadata.hopLimit }
                  : {}),
                ...(metadata.httpEndpoint ? { HttpEndpoint: metadata.httpEndpoint } : {}),
                ...(metadata.httpProtocolIpv6
                  ? { HttpProtocolIpv6: metadata.httpProtocolIpv6 }
                  : {}),
                ...(metadata.instanceMetadataTags
                  ? { InstanceMetadataTags: metadata.instanceMetadataTags }
                  : {}),
              },
            },
          }),
        );
        return out.LaunchTemplateVersion?.VersionNumber ?? 0;
      }),

    setDefaultLaunchTemplateVersion: (templateId, version) =>
      send('ec2', 'ModifyLaunchTemplate', async () => {
        await ec2().send(
          new ModifyLaunchTemplateCommand({
            LaunchTemplateId: templateId,
            DefaultVersion: String(version),
          }),
        );
      }),
  };
}
