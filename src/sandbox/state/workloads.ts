import type { World } from './world.js';

/**
 * EC2 workloads, launch templates, Auto Scaling groups and CloudWatch series per account ×
 * region. Kept beside the World (a WeakMap, not a World field) so the organization model stays
 * small for the `large` scenario, which has no workloads at all.
 */

export interface SbMetadataOptions {
  httpTokens: 'optional' | 'required';
  httpPutResponseHopLimit: number;
  httpEndpoint: 'enabled' | 'disabled';
  httpProtocolIpv6: 'enabled' | 'disabled';
  instanceMetadataTags: 'enabled' | 'disabled';
}

export type InstanceStateName =
  | 'pending'
  | 'running'
  | 'shutting-down'
  | 'terminated'
  | 'stopping'
  | 'stopped';

export const STATE_CODES: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export interface SbInstance {
  id: string;
  reservationId: string;
  imageId: string;
  instanceType: string;
  state: InstanceStateName;
  /** Epoch ms. */
  launchTime: number;
  tags: Record<string, string>;
  metadata: SbMetadataOptions;
}

/**
 * A launch template version's data as ec2 query keys below `LaunchTemplateData.`
 * (`ImageId`, `MetadataOptions.HttpTokens`, `TagSpecification.1.Tag.1.Key`, …): every field a
 * caller sends is kept, so a new version made from a source version keeps them all.
 */
export type LaunchTemplateData = Record<string, string>;

export interface SbLaunchTemplateVersion {
  number: number;
  description?: string;
  /** Epoch ms. */
  createTime: number;
  createdBy: string;
  data: LaunchTemplateData;
}

export interface SbLaunchTemplate {
  id: string;
  name: string;
  createTime: number;
  createdBy: string;
  defaultVersion: number;
  versions: SbLaunchTemplateVersion[];
  tags: Record<string, string>;
}

export interface SbAutoScalingGroup {
  name: string;
  launchTemplate: { id: string; name: string; version: string };
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  availabilityZones: string[];
  instanceIds: string[];
  createdTime: number;
  tags: Record<string, string>;
}

/** Hourly sums, index 0 = the hour that ends at the current hour boundary, going back. */
export interface SbMetricSeries {
  namespace: string;
  metricName: string;
  dimensions: { name: string; value: string }[];
  hourly: number[];
}

export interface RegionWorkloads {
  instances: SbInstance[];
  launchTemplates: SbLaunchTemplate[];
  autoScalingGroups: SbAutoScalingGroup[];
  metrics: SbMetricSeries[];
}

export interface Workloads {
  /** `account/region` → what runs there. */
  regions: Map<string, RegionWorkloads>;
  /** Accounts whose member role lacks CloudWatch read permissions (AccessDenied). */
  cloudWatchDenied: Set<string>;
  /** Counter for generated ids (RunInstances, CreateLaunchTemplateVersion). */
  nextId: number;
}

const ALL = new WeakMap<World, Workloads>();

export function workloadsOf(world: World): Workloads {
  let found = ALL.get(world);
  if (!found) {
    found = { regions: new Map(), cloudWatchDenied: new Set(), nextId: 1 };
    ALL.set(world, found);
  }
  return found;
}

/** The workloads of one account × region (created empty on first use). */
export function regionWorkloads(world: World, accountId: string, region: string): RegionWorkloads {
  const all = workloadsOf(world).regions;
  const key = `${accountId}/${region}`;
  let found = all.get(key);
  if (!found) {
    found = { instances: [], launchTemplates: [], autoScalingGroups: [], metrics: [] };
    all.set(key, found);
  }
  return found;
}

/** A new hex id with the given prefix (`i-`, `r-`), 17 hex digits like AWS. */
export function generateId(world: World, prefix: string): string {
  const w = workloadsOf(world);
  const n = w.nextId++;
  return `${prefix}0ffff${n.toString(16).padStart(12, '0')}`;
}

/** `MetadataOptions.*` of launch template data, when the version sets any. */
export function templateMetadata(data: LaunchTemplateData): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith('MetadataOptions.')) out[key.slice('MetadataOptions.'.length)] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
