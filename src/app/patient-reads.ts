/**
 * Reads get the executor's patient retries too. The SDK retries each call a few times quickly
 * and its retry quota runs dry under a storm; one Organizations read failing then killed a whole
 * discovery, a throttled AssumeRole made an account "unreachable", and a throttled sweep read
 * left a target "not read" (apply exit 3 although every change was done). Here every read —
 * Organizations list/describe, STS identity, AssumeRole (checkAccess and getting an account's
 * EC2), DescribeRegions, GetInstanceMetadataDefaults and readiness's workload reads — is retried with the change-level
 * policy (src/execute/retry.ts: same backoff, same budget, same `retryKind` decision made once in
 * src/aws/map-aws-error.ts). AccessDenied, AuthFailure and every other non-transient answer are
 * not retried: an account whose role is refused is unreachable at once.
 *
 * Writes pass through untouched: the executor retries a whole change (write + read-back) itself.
 * So do `prove`'s probes: a dry run's answer is its result (getting the gateway is retried).
 */
import type {
  AwsGateways,
  Ec2Gateway,
  OrganizationsGateway,
  StsGateway,
  WorkloadsGateway,
} from '../aws/gateways.js';
import type { RetryPolicy } from '../aws/retry-settings.js';
import { abortableSleep, maxAttemptsFor, withRetry } from '../execute/retry.js';

export interface PatientReadsOptions {
  policy: RetryPolicy;
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

type Patient = <T>(read: () => Promise<T>) => Promise<T>;

export function withPatientReads(gateways: AwsGateways, options: PatientReadsOptions): AwsGateways {
  const patient: Patient = (read) =>
    withRetry(() => read(), {
      policy: options.policy,
      ...(options.signal ? { signal: options.signal } : {}),
      sleep: options.sleep ?? abortableSleep,
      random: options.random ?? Math.random,
      maxAttemptsFor: (err) => maxAttemptsFor(err, options.policy),
    });

  const wrapped: AwsGateways = {
    ...gateways,
    sts: patientSts(gateways.sts, patient),
    organizations: patientOrganizations(gateways.organizations, patient),
    ec2: async (accountId, region) =>
      patientEc2(await patient(() => gateways.ec2(accountId, region)), patient),
    checkAccess: (accountId) => patient(() => gateways.checkAccess(accountId)),
  };
  const { workloads, launchHistory } = gateways;
  // Getting these assumes the member role: a throttled AssumeRole is retried, not reported.
  if (workloads) {
    wrapped.workloads = async (accountId, region) =>
      patientWorkloads(await patient(() => workloads(accountId, region)), patient);
  }
  if (launchHistory) {
    wrapped.launchHistory = (accountId, region) => patient(() => launchHistory(accountId, region));
  }
  return wrapped;
}

function patientSts(sts: StsGateway, patient: Patient): StsGateway {
  return { getCallerIdentity: () => patient(() => sts.getCallerIdentity()) };
}

function patientOrganizations(org: OrganizationsGateway, patient: Patient): OrganizationsGateway {
  return {
    describeOrganization: () => patient(() => org.describeOrganization()),
    listRoots: () => patient(() => org.listRoots()),
    listOrganizationalUnitsForParent: (parentId) =>
      patient(() => org.listOrganizationalUnitsForParent(parentId)),
    listAccountsForParent: (parentId) => patient(() => org.listAccountsForParent(parentId)),
    listPolicies: (type) => patient(() => org.listPolicies(type)),
    listPoliciesForTarget: (targetId, type) =>
      patient(() => org.listPoliciesForTarget(targetId, type)),
    listTargetsForPolicy: (policyId) => patient(() => org.listTargetsForPolicy(policyId)),
    describePolicy: (policyId) => patient(() => org.describePolicy(policyId)),
    // Writes: the executor's change-level retries decide (and journal) these.
    createPolicy: (input) => org.createPolicy(input),
    updatePolicy: (input) => org.updatePolicy(input),
    deletePolicy: (policyId) => org.deletePolicy(policyId),
    attachPolicy: (policyId, targetId) => org.attachPolicy(policyId, targetId),
    detachPolicy: (policyId, targetId) => org.detachPolicy(policyId, targetId),
    enablePolicyType: (rootId, type) => org.enablePolicyType(rootId, type),
  };
}

/**
 * Readiness reads patient, so a throttled read no longer turns a region "unknown" (and its
 * account held); remediation writes pass through to the executor. Launch history is not
 * wrapped: a retried lookup would hand its records to the tally twice (the SDK retries it).
 */
function patientWorkloads(gw: WorkloadsGateway, patient: Patient): WorkloadsGateway {
  return {
    accountId: gw.accountId,
    region: gw.region,
    describeInstances: (ids) => patient(() => gw.describeInstances(ids)),
    describeLaunchTemplates: (ids) => patient(() => gw.describeLaunchTemplates(ids)),
    describeTemplateVersion: (id, version) =>
      patient(() => gw.describeTemplateVersion(id, version)),
    describeAutoScalingGroups: () => patient(() => gw.describeAutoScalingGroups()),
    imdsV1Metrics: (window) => patient(() => gw.imdsV1Metrics(window)),
    modifyInstanceMetadataOptions: (id, change, options) =>
      gw.modifyInstanceMetadataOptions(id, change, options),
    createLaunchTemplateVersion: (input) => gw.createLaunchTemplateVersion(input),
    setDefaultLaunchTemplateVersion: (id, version) =>
      gw.setDefaultLaunchTemplateVersion(id, version),
  };
}

/** The gateway's own methods (probes included) as they are, its two reads patient. */
function patientEc2(ec2: Ec2Gateway, patient: Patient): Ec2Gateway {
  return {
    ...ec2,
    describeRegions: () => patient(() => ec2.describeRegions()),
    getInstanceMetadataDefaults: () => patient(() => ec2.getInstanceMetadataDefaults()),
  };
}
