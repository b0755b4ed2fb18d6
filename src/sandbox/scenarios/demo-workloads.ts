import {
  type LaunchTemplateData,
  regionWorkloads,
  type SbInstance,
  type SbLaunchTemplate,
  type SbMetadataOptions,
  workloadsOf,
} from '../state/workloads.js';
import type { World } from '../state/world.js';

/**
 * The `demo` scenario's workloads for `guardrails readiness` (documented in SPEC.md,
 * "Workloads"). All IMDSv1 traffic is in payments-dev us-east-1; web-prod runs a clean fleet;
 * sandbox-alice's member role cannot read CloudWatch.
 */
export const PAYMENTS_DEV = '222222222207';
export const WEB_PROD = '222222222206';
export const SANDBOX_ALICE = '222222222209';
const REGION = 'us-east-1';

/** 2026-01-05T00:00:00Z: templates and instances predate any test clock. */
const T0 = Date.UTC(2026, 0, 5);
const DAY_MS = 86_400_000;
const LOOKBACK_HOURS = 15 * 24;

function meta(
  httpTokens: 'optional' | 'required',
  httpPutResponseHopLimit: number,
): SbMetadataOptions {
  return {
    httpTokens,
    httpPutResponseHopLimit,
    httpEndpoint: 'enabled',
    httpProtocolIpv6: 'disabled',
    instanceMetadataTags: 'disabled',
  };
}

function instance(
  id: string,
  name: string,
  metadata: SbMetadataOptions,
  extra: { tags?: Record<string, string>; state?: SbInstance['state']; type?: string } = {},
): SbInstance {
  return {
    id,
    reservationId: `r-${id.slice(2)}`,
    imageId: 'ami-0abcdef1234567890',
    instanceType: extra.type ?? 't3.medium',
    state: extra.state ?? 'running',
    launchTime: T0 + DAY_MS,
    tags: { Name: name, ...extra.tags },
    metadata,
  };
}

/** An hourly series: `perHour(i)` for hour i back from now, over the 15 days kept. */
function hourly(perHour: (hour: number) => number): number[] {
  return Array.from({ length: LOOKBACK_HOURS }, (_, i) => perHour(i));
}

function lt(
  id: string,
  name: string,
  defaultVersion: number,
  versions: LaunchTemplateData[],
): SbLaunchTemplate {
  return {
    id,
    name,
    createTime: T0,
    createdBy: 'arn:aws:iam::222222222207:role/platform-admin',
    defaultVersion,
    tags: {},
    versions: versions.map((data, i) => ({
      number: i + 1,
      createTime: T0 + i * DAY_MS,
      createdBy: 'arn:aws:iam::222222222207:role/platform-admin',
      data,
    })),
  };
}

const BASE = { ImageId: 'ami-0abcdef1234567890', InstanceType: 't3.medium' };
const OPTIONAL_1 = {
  'MetadataOptions.HttpTokens': 'optional',
  'MetadataOptions.HttpPutResponseHopLimit': '1',
  'MetadataOptions.HttpEndpoint': 'enabled',
};
const REQUIRED_2 = {
  'MetadataOptions.HttpTokens': 'required',
  'MetadataOptions.HttpPutResponseHopLimit': '2',
  'MetadataOptions.HttpEndpoint': 'enabled',
};

export function addDemoWorkloads(world: World): void {
  const pd = regionWorkloads(world, PAYMENTS_DEV, REGION);
  pd.instances.push(
    // IMDSv1 users: the ASG's two API servers (old SDK) and an EKS node.
    instance('i-0pd00000000000a01', 'payments-api', meta('optional', 1), {
      tags: { 'aws:autoscaling:groupName': 'payments-api-asg' },
    }),
    instance('i-0pd00000000000a02', 'payments-api', meta('optional', 1), {
      tags: { 'aws:autoscaling:groupName': 'payments-api-asg' },
    }),
    instance('i-0pd00000000000e01', 'payments-eks-node', meta('optional', 1), {
      tags: { 'eks:cluster-name': 'payments', 'kubernetes.io/cluster/payments': 'owned' },
    }),
    // Allows IMDSv1 but never used it: safe to switch to required.
    instance('i-0pd00000000000b01', 'batch-worker', meta('optional', 2)),
    // Required already, but an ECS container host with hop limit 1 (tasks cannot reach IMDS).
    instance('i-0pd00000000000c01', 'payments-ecs-host', meta('required', 1), {
      tags: { AmazonECSManaged: 'true', 'aws:ecs:cluster-name': 'payments' },
    }),
    // Required, and an old agent's IMDSv1 calls are being refused.
    instance('i-0pd00000000000d01', 'payments-web', meta('required', 2)),
    // Stopped, still allows IMDSv1 (no metrics while stopped).
    instance('i-0pd00000000000f01', 'legacy-reporting', meta('optional', 1), { state: 'stopped' }),
  );
  const series = (id: string, metricName: string, values: number[]) =>
    pd.metrics.push({
      namespace: 'AWS/EC2',
      metricName,
      dimensions: [{ name: 'InstanceId', value: id }],
      hourly: values,
    });
  // 12 calls/hour → 4,032 over 14 days; 3/hour → 1,008; the EKS node only in the last 2 days.
  series(
    'i-0pd00000000000a01',
    'MetadataNoToken',
    hourly(() => 12),
  );
  series(
    'i-0pd00000000000a02',
    'MetadataNoToken',
    hourly(() => 3),
  );
  series(
    'i-0pd00000000000e01',
    'MetadataNoToken',
    hourly((h) => (h < 48 ? 1 : 0)),
  );
  series(
    'i-0pd00000000000b01',
    'MetadataNoToken',
    hourly(() => 0),
  );
  series(
    'i-0pd00000000000c01',
    'MetadataNoToken',
    hourly(() => 0),
  );
  series(
    'i-0pd00000000000d01',
    'MetadataNoToken',
    hourly(() => 0),
  );
  series(
    'i-0pd00000000000d01',
    'MetadataNoTokenRejected',
    hourly((h) => (h % 24 === 0 ? 5 : 0)),
  );

  pd.launchTemplates.push(
    // Fixed default (v2) — but payments-api-asg is pinned to v1.
    lt('lt-0pd0000000000a001', 'payments-api', 2, [
      {
        ...BASE,
        ...OPTIONAL_1,
        'TagSpecification.1.ResourceType': 'instance',
        'TagSpecification.1.Tag.1.Key': 'Team',
        'TagSpecification.1.Tag.1.Value': 'payments',
      },
      {
        ...BASE,
        ...REQUIRED_2,
        'TagSpecification.1.ResourceType': 'instance',
        'TagSpecification.1.Tag.1.Key': 'Team',
        'TagSpecification.1.Tag.1.Value': 'payments',
      },
    ]),
  );
  pd.launchTemplates.push(
    // Default version omits MetadataOptions: inherits the account default (optional here).
    lt('lt-0pd0000000000b001', 'batch-worker', 1, [{ ...BASE, InstanceType: 'c6i.large' }]),
  );
  pd.launchTemplates.push(
    // Default version explicitly optional.
    lt('lt-0pd0000000000c001', 'reporting', 1, [{ ...BASE, ...OPTIONAL_1, KeyName: 'reporting' }]),
  );
  pd.launchTemplates.push(
    // Fixed, and its ASG follows $Default: nothing to report.
    lt('lt-0pd0000000000d001', 'payments-web', 2, [
      { ...BASE, ...OPTIONAL_1 },
      { ...BASE, ...REQUIRED_2 },
    ]),
  );
  pd.autoScalingGroups.push(
    {
      name: 'payments-api-asg',
      launchTemplate: { id: 'lt-0pd0000000000a001', name: 'payments-api', version: '1' },
      minSize: 2,
      maxSize: 6,
      desiredCapacity: 2,
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      instanceIds: ['i-0pd00000000000a01', 'i-0pd00000000000a02'],
      createdTime: T0,
      tags: { Team: 'payments' },
    },
    {
      name: 'payments-web-asg',
      launchTemplate: { id: 'lt-0pd0000000000d001', name: 'payments-web', version: '$Default' },
      minSize: 1,
      maxSize: 3,
      desiredCapacity: 1,
      availabilityZones: ['us-east-1a'],
      instanceIds: ['i-0pd00000000000d01'],
      createdTime: T0,
      tags: { Team: 'payments' },
    },
  );

  // web-prod: a clean fleet — IMDSv2 required, metrics all zero.
  const wp = regionWorkloads(world, WEB_PROD, REGION);
  wp.instances.push(
    instance('i-0wp00000000000a01', 'web-frontend', meta('required', 2)),
    instance('i-0wp00000000000a02', 'web-frontend', meta('required', 2)),
  );
  for (const i of wp.instances) {
    wp.metrics.push({
      namespace: 'AWS/EC2',
      metricName: 'MetadataNoToken',
      dimensions: [{ name: 'InstanceId', value: i.id }],
      hourly: hourly(() => 0),
    });
  }
  wp.launchTemplates.push(
    lt('lt-0wp0000000000a001', 'web-frontend', 1, [{ ...BASE, ...REQUIRED_2 }]),
  );

  // sandbox-alice: an instance allowing IMDSv1, but her role cannot read CloudWatch.
  regionWorkloads(world, SANDBOX_ALICE, REGION).instances.push(
    instance('i-0sa00000000000a01', 'alice-dev-box', meta('optional', 1), { type: 't3.micro' }),
  );
  workloadsOf(world).cloudWatchDenied.add(SANDBOX_ALICE);
}
