/**
 * Executors of remediation changes (launch templates, instances), like apply-change.ts: one
 * idempotent write, then a read-back that must show the intended state. Also the re-read that
 * rollback and resume use for these targets.
 */
import type { AwsGateways, WorkloadsGateway } from '../aws/gateways.js';
import type {
  InstanceMetadataChange,
  LaunchTemplateChange,
  RemediationChange,
  RemediationImage,
  TemplateMetadataOptions,
} from '../core/plan/remediation-types.js';
import { AwsApiError, BugError } from '../errors.js';

type TemplateImage = Extract<RemediationImage, { kind: 'launchTemplate' }>;
type InstanceImage = Extract<RemediationImage, { kind: 'instance' }>;

async function workloadsOf(
  gw: AwsGateways,
  target: { accountId: string; region: string },
): Promise<WorkloadsGateway> {
  if (!gw.workloads) throw new BugError('these AWS gateways cannot change workloads');
  return gw.workloads(target.accountId, target.region);
}

function mismatch(operation: string, message: string, where: object): AwsApiError {
  return new AwsApiError({ service: 'ec2', operation, ...where }, 'ReadBackMismatch', message);
}

/** Performs the write, reads the target back, and returns the after-image. */
export async function applyRemediation(
  change: RemediationChange,
  gw: AwsGateways,
  retry = false,
): Promise<RemediationImage> {
  const wl = await workloadsOf(gw, change);
  return change.kind === 'instance.metadata'
    ? applyInstance(change, wl)
    : applyTemplate(change, wl, retry);
}

async function applyInstance(
  change: InstanceMetadataChange,
  wl: WorkloadsGateway,
): Promise<InstanceImage> {
  // ModifyInstanceMetadataOptions is idempotent: a retry sends it again.
  await wl.modifyInstanceMetadataOptions(change.instanceId, {
    httpTokens: change.after.httpTokens,
  });
  const read = await readInstance(wl, change);
  if (read.httpTokens !== change.after.httpTokens) {
    throw mismatch(
      'DescribeInstances',
      `${change.instanceId}: HttpTokens ${read.httpTokens} after ModifyInstanceMetadataOptions (expected ${change.after.httpTokens})`,
      { accountId: change.accountId, region: change.region },
    );
  }
  return read;
}

async function applyTemplate(
  change: LaunchTemplateChange,
  wl: WorkloadsGateway,
  retry: boolean,
): Promise<TemplateImage> {
  const where = { accountId: change.accountId, region: change.region };
  let target: number;
  if ('defaultVersion' in change.after) {
    target = change.after.defaultVersion;
  } else {
    const current = await readTemplate(wl, change);
    if (retry && current.defaultVersion !== change.before.defaultVersion) {
      // The last attempt got as far as making its version the default.
      if (current.httpTokens === 'required') return current;
    }
    target = await newVersion(change, change.after.metadata, wl, retry, current);
  }
  await wl.setDefaultLaunchTemplateVersion(change.templateId, target);
  const read = await readTemplate(wl, change);
  if (read.defaultVersion !== target) {
    throw mismatch(
      'DescribeLaunchTemplates',
      `${change.templateName}: default version ${read.defaultVersion} after ModifyLaunchTemplate (expected ${target})`,
      where,
    );
  }
  return read;
}

/** Creates the version requiring IMDSv2 — or, on a retry, reuses the one the last attempt made. */
async function newVersion(
  change: LaunchTemplateChange,
  metadata: TemplateMetadataOptions,
  wl: WorkloadsGateway,
  retry: boolean,
  current: TemplateImage & { latestVersion: number },
): Promise<number> {
  if (retry && current.latestVersion > change.before.defaultVersion) {
    const latest = await wl.describeTemplateVersion(change.templateId, current.latestVersion);
    if (latest.metadata?.httpTokens === metadata.httpTokens) return current.latestVersion;
  }
  return wl.createLaunchTemplateVersion({
    templateId: change.templateId,
    sourceVersion: change.before.defaultVersion,
    metadata,
    description: `guardrails: IMDSv2 required (from v${change.before.defaultVersion})`,
  });
}

async function readTemplate(
  wl: WorkloadsGateway,
  target: { accountId: string; region: string; templateId: string },
): Promise<TemplateImage & { latestVersion: number }> {
  const [t] = await wl.describeLaunchTemplates([target.templateId]);
  if (!t) {
    throw mismatch('DescribeLaunchTemplates', `launch template ${target.templateId} is gone`, {
      accountId: target.accountId,
      region: target.region,
    });
  }
  const image: TemplateImage & { latestVersion: number } = {
    kind: 'launchTemplate',
    accountId: target.accountId,
    region: target.region,
    templateId: target.templateId,
    defaultVersion: t.defaultVersion,
    latestVersion: t.latestVersion,
  };
  if (t.defaultMetadata?.httpTokens) image.httpTokens = t.defaultMetadata.httpTokens;
  return image;
}

async function readInstance(
  wl: WorkloadsGateway,
  target: { accountId: string; region: string; instanceId: string },
): Promise<InstanceImage> {
  const [i] = await wl.describeInstances([target.instanceId]);
  if (!i) {
    throw mismatch('DescribeInstances', `instance ${target.instanceId} is gone`, {
      accountId: target.accountId,
      region: target.region,
    });
  }
  return {
    kind: 'instance',
    accountId: target.accountId,
    region: target.region,
    instanceId: target.instanceId,
    httpTokens: i.metadata.httpTokens,
  };
}

/** Re-reads a remediation target (rollback, resume). */
export async function readRemediationImage(
  gw: AwsGateways,
  like: RemediationImage,
): Promise<RemediationImage> {
  const wl = await workloadsOf(gw, like);
  if (like.kind === 'instance') return readInstance(wl, like);
  const { latestVersion: _latest, ...image } = await readTemplate(wl, like);
  return image;
}
