/**
 * Remediation plans (`guardrails plan --remediate`): what readiness found, turned into changes
 * that run through the same plan/apply/journal/rollback machinery — a new launch template
 * version requiring IMDSv2 made the default, and IMDSv2 required on instances that made no
 * IMDSv1 call in the lookback window. What the tool must not change itself (instances still
 * calling IMDSv1, Auto Scaling groups pinned to an old version) is listed with the fix.
 */
import type { AccountId, RegionName } from '../model/types.js';
import type { Risk } from './types.js';

/** A version's MetadataOptions as the EC2 API names them (absent fields: not set). */
export interface TemplateMetadataOptions {
  httpTokens?: 'optional' | 'required';
  hopLimit?: number;
  httpEndpoint?: 'enabled' | 'disabled';
  httpProtocolIpv6?: 'enabled' | 'disabled';
  instanceMetadataTags?: 'enabled' | 'disabled';
}

interface WorkloadTarget {
  id: string;
  risk: Risk;
  dependsOn: string[];
  accountId: AccountId;
  accountName: string;
  /** Parent path of the account (waves and grouping). */
  ouPath: string;
  region: RegionName;
}

/**
 * A launch template whose default version allows IMDSv1 (or omits MetadataOptions). Planned:
 * CreateLaunchTemplateVersion from `before.defaultVersion` keeping every other field, with
 * `after.metadata` (HttpTokens=required), then ModifyLaunchTemplate to make it the default.
 * Rollback: `after.defaultVersion` — make that version the default again.
 */
export interface LaunchTemplateChange extends WorkloadTarget {
  kind: 'launchTemplate.update';
  templateId: string;
  templateName: string;
  before: {
    defaultVersion: number;
    /** The default version's MetadataOptions; absent = omitted (inherits the account default). */
    metadata?: TemplateMetadataOptions;
  };
  after: { metadata: TemplateMetadataOptions } | { defaultVersion: number };
}

/** ModifyInstanceMetadataOptions HttpTokens on one instance (IMDSv2 required, or back). */
export interface InstanceMetadataChange extends WorkloadTarget {
  kind: 'instance.metadata';
  instanceId: string;
  instanceName?: string;
  before: { httpTokens: 'optional' | 'required' };
  after: { httpTokens: 'optional' | 'required' };
}

export type RemediationChange = LaunchTemplateChange | InstanceMetadataChange;

export const REMEDIATION_KINDS = ['launchTemplate.update', 'instance.metadata'] as const;

export function isRemediationChange<C extends { kind: string }>(
  change: C,
): change is Extract<C, RemediationChange> {
  return (REMEDIATION_KINDS as readonly string[]).includes(change.kind);
}

/** An instance the plan leaves alone because it made IMDSv1 calls (or its metrics are unknown). */
export interface KeptInstance {
  accountId: AccountId;
  accountName: string;
  region: RegionName;
  instanceId: string;
  name?: string;
  noTokenCalls: number;
  reason: string;
}

/** A group pinned to a version that allows IMDSv1: the change it needs, run by a person. */
export interface PinnedGroupAdvice {
  accountId: AccountId;
  accountName: string;
  region: RegionName;
  name: string;
  templateId: string;
  templateName?: string;
  pinnedVersion: number;
  /** The fix (use `$Default`/`$Latest` or bump the pinned version) with its CLI command. */
  fix: string;
  /** The exact command to replace its instances; guardrails never starts a refresh. */
  refreshCommand: string;
}

/** The remediation part of a plan: the window the metrics covered and what is only listed. */
export interface RemediationNotes {
  lookbackDays: number;
  window: { start: string; end: string };
  keptInstances: KeptInstance[];
  autoScalingGroups: PinnedGroupAdvice[];
}

/** Journal images of remediation targets (before-image and read-back). */
export type RemediationImage =
  | {
      kind: 'launchTemplate';
      accountId: AccountId;
      region: RegionName;
      templateId: string;
      defaultVersion: number;
      /** The default version's HttpTokens; absent = MetadataOptions omitted. */
      httpTokens?: 'optional' | 'required';
    }
  | {
      kind: 'instance';
      accountId: AccountId;
      region: RegionName;
      instanceId: string;
      httpTokens: 'optional' | 'required';
    };

export function isRemediationImage<I extends { kind: string }>(
  image: I,
): image is Extract<I, RemediationImage> {
  return image.kind === 'launchTemplate' || image.kind === 'instance';
}
