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

export const COMMAND_ACTIONS: Record<PermissionCommand, CommandActions> = {
  discover: { organization: READ_ORGANIZATION, account: ['ec2:DescribeRegions'] },
  plan: { organization: READ_ORGANIZATION, account: READ_DEFAULTS },
  verify: { organization: READ_ORGANIZATION, account: READ_DEFAULTS },
  apply: {
    organization: [
      ...READ_ORGANIZATION,
      'organizations:EnablePolicyType',
      'organizations:CreatePolicy',
      'organizations:UpdatePolicy',
      'organizations:AttachPolicy',
    ],
    // Preflight proves the write with DryRun=true: the same action.
    account: [...READ_DEFAULTS, 'ec2:ModifyInstanceMetadataDefaults'],
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
    account: ['ec2:GetInstanceMetadataDefaults', 'ec2:ModifyInstanceMetadataDefaults'],
  },
  readiness: {
    organization: READ_ORGANIZATION,
    account: [
      ...READ_DEFAULTS,
      'ec2:DescribeInstances',
      'ec2:DescribeLaunchTemplates',
      'ec2:DescribeLaunchTemplateVersions',
      'autoscaling:DescribeAutoScalingGroups',
      'cloudwatch:ListMetrics',
      'cloudwatch:GetMetricData',
    ],
  },
  prove: {
    organization: READ_ORGANIZATION,
    // resolve:ssm: image ids are resolved by EC2 with the caller's ssm:GetParameters permission.
    account: ['ec2:DescribeRegions', 'ec2:RunInstances', 'ssm:GetParameters'],
  },
};
