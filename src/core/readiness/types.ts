/**
 * Readiness: who still uses IMDSv1 before IMDSv2 is enforced, and what keeps producing
 * instances that allow it. Inputs are what the gateways observed per account × region; the
 * report is what `guardrails readiness` prints and what a rollout gates on.
 */
import type { LaunchPreview } from '../launch/tally.js';

export interface InstanceMetadata {
  httpTokens: 'optional' | 'required';
  hopLimit: number;
  httpEndpoint: 'enabled' | 'disabled';
  /** Read from launch template versions, so a new version keeps them. */
  httpProtocolIpv6?: 'enabled' | 'disabled';
  instanceMetadataTags?: 'enabled' | 'disabled';
}

export interface ObservedInstance {
  instanceId: string;
  name?: string;
  state: string;
  instanceType?: string;
  tags: Record<string, string>;
  metadata: InstanceMetadata;
}

/** A launch template's default version, as DescribeLaunchTemplateVersions `$Default` shows it. */
export interface ObservedLaunchTemplate {
  templateId: string;
  templateName: string;
  defaultVersion: number;
  latestVersion: number;
  /** The default version's MetadataOptions; undefined = omitted (inherits the account default). */
  defaultMetadata?: Partial<InstanceMetadata>;
  /** The default version's AMI has `ImdsSupport: v2.0` (IMDSv2 when nothing above says otherwise). */
  defaultImdsSupport?: 'v2.0';
}

/** One version a group uses, when it names a specific version number. */
export interface ObservedTemplateVersion {
  templateId: string;
  version: number;
  metadata?: Partial<InstanceMetadata>;
  /** The version's AMI has `ImdsSupport: v2.0`. */
  imdsSupport?: 'v2.0';
}

export interface ObservedAutoScalingGroup {
  name: string;
  templateId?: string;
  templateName?: string;
  /** `$Default`, `$Latest` or a version number as text. */
  version?: string;
  instanceIds: string[];
}

/** Sums over the lookback window, per instance that reported the metric. */
export interface InstanceMetricSums {
  instanceId: string;
  noToken: number;
  rejected: number;
  /** ISO time of the last period with IMDSv1 calls. */
  lastSeen?: string;
}

export type MetricsObservation =
  | { status: 'ok'; instances: InstanceMetricSums[] }
  | { status: 'denied'; message: string }
  | { status: 'error'; message: string };

export type RegionWorkloads =
  | {
      region: string;
      status: 'ok';
      instances: ObservedInstance[];
      launchTemplates: ObservedLaunchTemplate[];
      /** Specific versions pinned by groups (to judge them). */
      pinnedVersions: ObservedTemplateVersion[];
      autoScalingGroups: ObservedAutoScalingGroup[];
      metrics: MetricsObservation;
    }
  | { region: string; status: 'error'; message: string };

export interface AccountWorkloads {
  accountId: string;
  accountName: string;
  /** Unreachable accounts (role missing, suspended) have no regions and a reason. */
  unreachable?: string;
  regions: RegionWorkloads[];
}

export interface ReadinessInput {
  accounts: AccountWorkloads[];
  lookbackDays: number;
  /** The account default per account/region, to resolve templates that omit MetadataOptions. */
  accountDefaultTokens: (accountId: string, region: string) => 'optional' | 'required' | undefined;
  meta: { toolVersion: string; generatedAt: string; windowStart: string; windowEnd: string };
  /** Top offending instances kept per account (default 5). */
  topN?: number;
}

export type Verdict = 'ready' | 'at-risk' | 'unknown';

export interface InstanceFinding {
  accountId: string;
  region: string;
  instanceId: string;
  name?: string;
  state: string;
  httpTokens: 'optional' | 'required';
  hopLimit: number;
  noTokenCalls: number;
  rejectedCalls: number;
  containerHost?: 'ecs' | 'eks';
  /** Why it is listed. */
  issues: ('allows-imdsv1' | 'imdsv1-calls' | 'rejected-calls' | 'container-hop-limit-1')[];
}

export interface TemplateFinding {
  accountId: string;
  region: string;
  templateId: string;
  templateName: string;
  defaultVersion: number;
  /**
   * `omitted`: no MetadataOptions — launches through it resolve the account default, then the
   * AMI's ImdsSupport, and an SCP on `ec2:MetadataHttpTokens` refuses them (no request key).
   */
  issue: 'optional' | 'omitted';
  /** What an omitted template resolves to in that account × region today. */
  effectiveTokens: 'optional' | 'required';
  /** Where effectiveTokens comes from (resolveMetadataOptions), for an omitted template. */
  effectiveSource?: 'account-default' | 'ami' | 'aws-default';
}

export interface AsgFinding {
  accountId: string;
  region: string;
  name: string;
  templateId: string;
  templateName?: string;
  pinnedVersion: number;
  defaultVersion: number;
  instanceIds: string[];
  /** The change the group needs, and the refresh command an operator runs (never the tool). */
  fix: string;
  refreshCommand: string;
}

export interface RegionRollup {
  region: string;
  noTokenCalls: number;
  rejectedCalls: number;
  instancesCalling: number;
  metrics: 'ok' | 'denied' | 'error';
}

export interface AccountReadiness {
  accountId: string;
  accountName: string;
  verdict: Verdict;
  /** One line per reason, most important first. */
  evidence: string[];
  noTokenCalls: number;
  rejectedCalls: number;
  regions: RegionRollup[];
  topInstances: InstanceFinding[];
}

export interface ReadinessReport {
  schemaVersion: 1;
  toolVersion: string;
  generatedAt: string;
  lookbackDays: number;
  window: { start: string; end: string };
  summary: {
    accounts: number;
    ready: number;
    atRisk: number;
    unknown: number;
    noTokenCalls: number;
    instancesAllowingImdsv1: number;
    containerHostsHopLimit1: number;
    templates: number;
    pinnedGroups: number;
  };
  accounts: AccountReadiness[];
  instances: InstanceFinding[];
  launchTemplates: TemplateFinding[];
  autoScalingGroups: AsgFinding[];
  /**
   * Who the SCP would refuse: CloudTrail RunInstances records of the launch window judged
   * against the SCP as the plan would leave it (absent when readiness did not read launches).
   */
  launches?: LaunchPreview;
  /** What a rollout would hold back (set by the app from config and flags). */
  gate?: {
    /** `lane: 'scp'`: held out of the SCP's reach only (launches it would refuse). */
    held: { accountId: string; accountName: string; reason: string; lane?: 'scp' }[];
    overridden: string[];
  };
}
