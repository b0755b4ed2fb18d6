/**
 * The narrow ports observe/ and execute/ depend on. Only src/aws implements them with the SDK;
 * every method maps SDK failures to AwsApiError (service, operation, account, region, awsCode).
 */
import type {
  CallerIdentity,
  ImdsSetting,
  ObservedImds,
  OrgRoot,
  PolicySummary,
  RegionName,
} from '../core/model/types.js';
import type { TemplateMetadataOptions } from '../core/plan/remediation-types.js';
import type { LaunchProbe, ProbeSubnet } from '../core/prove/types.js';
import type {
  InstanceMetadata,
  InstanceMetricSums,
  ObservedAutoScalingGroup,
  ObservedInstance,
  ObservedLaunchTemplate,
  ObservedTemplateVersion,
} from '../core/readiness/types.js';

export interface OrganizationInfo {
  id: string;
  managementAccountId: string;
  featureSet: string;
}

export interface RawAccount {
  id: string;
  name: string;
  email: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
}

export interface PolicyTarget {
  targetId: string;
  type: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
  name: string;
}

export interface OrganizationsGateway {
  describeOrganization(): Promise<OrganizationInfo>;
  listRoots(): Promise<OrgRoot[]>;
  listOrganizationalUnitsForParent(parentId: string): Promise<{ id: string; name: string }[]>;
  listAccountsForParent(parentId: string): Promise<RawAccount[]>;
  listPolicies(type: string): Promise<PolicySummary[]>;
  listPoliciesForTarget(targetId: string, type: string): Promise<PolicySummary[]>;
  listTargetsForPolicy(policyId: string): Promise<PolicyTarget[]>;
  describePolicy(policyId: string): Promise<{ summary: PolicySummary; content: string }>;
  createPolicy(input: {
    name: string;
    description: string;
    content: string;
    type: string;
  }): Promise<PolicySummary>;
  updatePolicy(input: {
    policyId: string;
    content?: string;
    description?: string;
  }): Promise<PolicySummary>;
  deletePolicy(policyId: string): Promise<void>;
  attachPolicy(policyId: string, targetId: string): Promise<void>;
  detachPolicy(policyId: string, targetId: string): Promise<void>;
  enablePolicyType(rootId: string, type: string): Promise<OrgRoot>;
}

export interface StsGateway {
  getCallerIdentity(): Promise<CallerIdentity>;
}

export interface RegionInfo {
  name: RegionName;
  optInStatus: 'opt-in-not-required' | 'opted-in' | 'not-opted-in';
}

/** EC2 in one account (its credentials) and one region. */
export interface Ec2Gateway {
  readonly accountId: string;
  readonly region: RegionName;
  describeRegions(): Promise<RegionInfo[]>;
  getInstanceMetadataDefaults(): Promise<ObservedImds>;
  modifyInstanceMetadataDefaults(
    change: ImdsSetting,
    options?: { dryRun?: boolean },
  ): Promise<void>;
  /**
   * `prove`: RunInstances with `DryRun=true` asking for these metadata options. Answers
   * `allowed` (DryRunOperation), `denied` (UnauthorizedOperation) or `error` (any other code);
   * throws only when the call could not be made at all (credentials, region not enabled).
   */
  dryRunLaunch?(request: DryRunLaunchRequest): Promise<LaunchProbe>;
  /**
   * `prove`, where a subnet-less dry run found no default VPC: one available subnet of the
   * region to name instead (DescribeSubnets, first page), or undefined when there is none.
   */
  pickSubnet?(): Promise<ProbeSubnet | undefined>;
}

export interface DryRunLaunchRequest {
  httpTokens: 'optional' | 'required';
  /** An AMI id or `resolve:ssm:<public parameter>` (works in every region). */
  imageId: string;
  instanceType: string;
  /** Launch into this subnet (regions without a default VPC). */
  subnetId?: string;
}

/**
 * EC2 workloads, launch templates, Auto Scaling groups and CloudWatch metrics in one account ×
 * region (readiness and its remediation), with the same member credentials as `ec2()`.
 */
export interface WorkloadsGateway {
  readonly accountId: string;
  readonly region: RegionName;
  /** Every instance that is not terminated (paginated); only these ids when given. */
  describeInstances(instanceIds?: string[]): Promise<ObservedInstance[]>;
  /** Every launch template (or these ids) with its `$Default` version's metadata options. */
  describeLaunchTemplates(templateIds?: string[]): Promise<ObservedLaunchTemplate[]>;
  describeTemplateVersion(templateId: string, version: number): Promise<ObservedTemplateVersion>;
  describeAutoScalingGroups(): Promise<ObservedAutoScalingGroup[]>;
  /**
   * `MetadataNoToken` and `MetadataNoTokenRejected` per instance over the window (ListMetrics,
   * then GetMetricData in batches of 500 queries). Throws AwsApiError `AccessDenied` when the
   * role cannot read CloudWatch.
   */
  imdsV1Metrics(window: { start: Date; end: Date }): Promise<InstanceMetricSums[]>;
  modifyInstanceMetadataOptions(
    instanceId: string,
    change: Partial<InstanceMetadata>,
    options?: { dryRun?: boolean },
  ): Promise<void>;
  /**
   * A new version from `sourceVersion` whose MetadataOptions are exactly `metadata` (the block
   * replaces the source's as a whole: pass every field to keep); returns its number.
   */
  createLaunchTemplateVersion(input: {
    templateId: string;
    sourceVersion: number;
    metadata: TemplateMetadataOptions;
    description: string;
  }): Promise<number>;
  setDefaultLaunchTemplateVersion(templateId: string, version: number): Promise<void>;
}

/** CloudTrail event history of one account × region (the launch preview). */
export interface LaunchHistoryGateway {
  readonly accountId: string;
  readonly region: RegionName;
  /**
   * Every RunInstances and then every CreateFleet record (the parsed `CloudTrailEvent`) in the
   * window, each lookup newest first, handed to `onRecord` one at a time; `onPage` after each
   * page. Resolves to the number of pages read. Throws AwsApiError (`AccessDeniedException`)
   * when the role may not call LookupEvents. `pace` is how it waits between lookups for the
   * quota (default: a plain sleep; a sweep passes one that frees its slot meanwhile).
   */
  launchRecords(
    window: { start: Date; end: Date },
    onRecord: (record: unknown) => void,
    onPage?: () => void,
    pace?: (ms: number) => Promise<void>,
  ): Promise<number>;
}

export interface AwsGateways {
  sts: StsGateway;
  organizations: OrganizationsGateway;
  /**
   * EC2 for an account and region. The management account uses the caller's own credentials;
   * member accounts go through sts:AssumeRole (cached, refreshed before expiry). Throws
   * AwsApiError (awsCode `AccessDenied`) when the role cannot be assumed.
   */
  ec2(accountId: string, region: RegionName): Promise<Ec2Gateway>;
  /** Workloads (instances, templates, groups, metrics) of an account × region; readiness only. */
  workloads?(accountId: string, region: RegionName): Promise<WorkloadsGateway>;
  /** CloudTrail launch history of an account × region, with the same credentials as ec2(). */
  launchHistory?(accountId: string, region: RegionName): Promise<LaunchHistoryGateway>;
  /** Proves the member role can be assumed (no-op for the management account). */
  checkAccess(accountId: string): Promise<void>;
  /** The caller's home region (--region, env, profile, else us-east-1): where per-account reads like DescribeRegions go. */
  homeRegion?(): Promise<RegionName>;
  /** Releases sockets held by the SDK clients (call when the command is done). */
  close?(): void;
}
