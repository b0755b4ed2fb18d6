/**
 * The IAM actions each command calls — the one place they are listed. `organization` actions
 * run only as the management-account caller; `account` actions run in every in-scope account:
 * in member accounts through the member role, in the management account with the caller's own
 * credentials (so the caller needs them too). A test runs every command against the sandbox and
 * checks this list against the calls it made, both ways.
 */

export const COMMANDS = [
  'discover',
  'plan',
  'apply',
  'rollback',
  'verify',
  'readiness',
  'prove',
] as const;
export type PermissionCommand = (typeof COMMANDS)[number];

export interface CommandActions {
  organization: readonly string[];
  account: readonly string[];
}

/** Reading the organization: preflight, discovery and SCP coverage (every command but rollback). */
const READ_ORGANIZATION = [
  'organizations:DescribeOrganization',
  'organizations:ListRoots',
  'organizations:ListOrganizationalUnitsForParent',
  'organizations:ListAccountsForParent',
  'organizations:ListPolicies',
  'organizations:ListPoliciesForTarget',
  'organizations:ListTargetsForPolicy',
  'organizations:DescribePolicy',
  'sts:AssumeRole',
] as const;

const READ_DEFAULTS = ['ec2:DescribeRegions', 'ec2:GetInstanceMetadataDefaults'] as const;

/** readiness, and `plan --remediate` (plus `apply` of such a plan, which re-checks it). */
const READ_WORKLOADS = [
  'ec2:DescribeInstances',
  // ImdsSupport of the templates' AMIs (order of precedence of metadata options).
  'ec2:DescribeImages',
  'ec2:DescribeLaunchTemplates',
  'ec2:DescribeLaunchTemplateVersions',
  'autoscaling:DescribeAutoScalingGroups',
  'cloudwatch:ListMetrics',
  'cloudwatch:GetMetricData',
] as const;

export const COMMAND_ACTIONS: Record<PermissionCommand, CommandActions> = {
  discover: { organization: READ_ORGANIZATION, account: ['ec2:DescribeRegions'] },
  plan: { organization: READ_ORGANIZATION, account: [...READ_DEFAULTS, ...READ_WORKLOADS] },
  verify: { organization: READ_ORGANIZATION, account: READ_DEFAULTS },
  apply: {
    organization: [
      ...READ_ORGANIZATION,
      'organizations:EnablePolicyType',
      'organizations:CreatePolicy',
      'organizations:UpdatePolicy',
      'organizations:AttachPolicy',
    ],
    // Preflight proves the write with DryRun=true: the same action. The workload actions are
    // for plans made with --remediate (launch template versions, instance metadata options).
    account: [
      ...READ_DEFAULTS,
      'ec2:ModifyInstanceMetadataDefaults',
      ...READ_WORKLOADS,
      'ec2:CreateLaunchTemplateVersion',
      'ec2:ModifyLaunchTemplate',
      'ec2:ModifyInstanceMetadataOptions',
    ],
  },
  rollback: {
    // Rollback re-reads only what the journal touched: no full discovery, no DescribeRegions.
    organization: [
      'organizations:DescribeOrganization',
      'organizations:ListRoots',
      'organizations:ListPoliciesForTarget',
      'organizations:DescribePolicy',
      'organizations:UpdatePolicy',
      'organizations:DetachPolicy',
      'organizations:DeletePolicy',
      'sts:AssumeRole',
    ],
    // Undoing remediation: the template's previous default version, the instance's options.
    account: [
      'ec2:GetInstanceMetadataDefaults',
      'ec2:ModifyInstanceMetadataDefaults',
      'ec2:DescribeInstances',
      'ec2:DescribeLaunchTemplates',
      'ec2:DescribeLaunchTemplateVersions',
      // Reading templates back also reads their AMIs' ImdsSupport (a refusal is tolerated).
      'ec2:DescribeImages',
      'ec2:ModifyLaunchTemplate',
      'ec2:ModifyInstanceMetadataOptions',
    ],
  },
  // The launch preview reads each account × region's CloudTrail event history.
  readiness: {
    organization: READ_ORGANIZATION,
    account: [...READ_DEFAULTS, ...READ_WORKLOADS, 'cloudtrail:LookupEvents'],
  },
  prove: {
    organization: READ_ORGANIZATION,
    // resolve:ssm: image ids are resolved by EC2 with the caller's ssm:GetParameters permission;
    // DescribeSubnets finds a subnet where the region has no default VPC.
    account: [
      'ec2:DescribeRegions',
      'ec2:DescribeSubnets',
      'ec2:RunInstances',
      'ssm:GetParameters',
    ],
  },
};
