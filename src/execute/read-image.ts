/**
 * Re-reads the target of a journaled change, so rollback (like np before it deletes a tag)
 * only undoes what is still exactly as this tool left it.
 */

import type { AwsGateways } from '../aws/gateways.js';
import type { JournaledChange, TargetImage } from '../core/journal/types.js';
import { samePolicyContent } from '../core/model/canonical-json.js';
import { applyImdsSetting, sameImds } from '../core/model/imds.js';
import { SCP_TYPE } from '../core/model/policy-names.js';
import { isRemediationChange, isRemediationImage } from '../core/plan/remediation-types.js';
import { remediationExpectedAfter, sameRemediationImage } from '../core/remediation/undo.js';
import { findPolicyIdByName } from './apply-change.js';
import { readRemediationImage } from './apply-remediation.js';
import { readUntil, settleWindow } from './read-back.js';
import { errorCode } from './retry.js';

/**
 * Re-reads the target, repeating (bounded by the settle window) while it does not yet show
 * `expected`: right after a write AWS may still answer the previous value.
 */
export async function readImageSettled(
  gw: AwsGateways,
  expected: TargetImage,
): Promise<TargetImage> {
  return readUntil(
    () => readImage(gw, expected),
    (current) => sameImage(current, expected),
    settleWindow(),
  );
}

export async function readImage(gw: AwsGateways, like: TargetImage): Promise<TargetImage> {
  if (isRemediationImage(like)) return readRemediationImage(gw, like);
  switch (like.kind) {
    case 'imds': {
      const ec2 = await gw.ec2(like.accountId, like.region);
      const read = await ec2.getInstanceMetadataDefaults();
      return { ...like, defaults: read.defaults };
    }
    case 'policy': {
      const policyId =
        like.policyId ?? (await findPolicyIdByName(gw, like.policyName, like.policyType));
      if (!policyId) return { kind: 'policy', policyName: like.policyName, exists: false };
      try {
        const read = await gw.organizations.describePolicy(policyId);
        return {
          kind: 'policy',
          policyName: like.policyName,
          policyId,
          exists: true,
          content: read.content,
        };
      } catch (err) {
        if (errorCode(err) !== 'PolicyNotFoundException') throw err;
        return { kind: 'policy', policyName: like.policyName, exists: false };
      }
    }
    case 'attachment': {
      const type = like.policyType ?? SCP_TYPE;
      const policyId = like.policyId ?? (await findPolicyIdByName(gw, like.policyName, type));
      const attached = policyId
        ? (await gw.organizations.listPoliciesForTarget(like.targetId, type)).some(
            (p) => p.id === policyId,
          )
        : false;
      return { ...like, ...(policyId ? { policyId } : {}), attached };
    }
    case 'policyType': {
      const roots = await gw.organizations.listRoots();
      const enabled =
        roots
          .find((r) => r.id === like.rootId)
          ?.policyTypes.some((t) => t.type === like.policyType && t.status === 'ENABLED') ?? false;
      return { ...like, enabled };
    }
  }
}

/** Two images describe the same state (policy documents compared as JSON). */
export function sameImage(a: TargetImage, b: TargetImage): boolean {
  if (a.kind === 'imds' && b.kind === 'imds') {
    return sameImds(a.defaults, b.defaults);
  }
  if (a.kind === 'policy' && b.kind === 'policy') {
    return a.exists === b.exists && (!a.exists || samePolicyContent(a.content, b.content));
  }
  if (a.kind === 'attachment' && b.kind === 'attachment') return a.attached === b.attached;
  if (a.kind === 'policyType' && b.kind === 'policyType') return a.enabled === b.enabled;
  if (isRemediationImage(a) && isRemediationImage(b)) return sameRemediationImage(a, b);
  return false;
}

/** What the target should look like if the write happened (the read-back, or for a write
 * that was in flight when the run died, what the change intended). */
export function expectedAfter(entry: JournaledChange): TargetImage | undefined {
  if (entry.after) return entry.after;
  const { change, before } = entry;
  if (isRemediationChange(change)) {
    return isRemediationImage(before) ? remediationExpectedAfter(change, before) : undefined;
  }
  switch (change.kind) {
    case 'imds.set':
      return before.kind === 'imds'
        ? { ...before, defaults: applyImdsSetting(before.defaults, change.after) }
        : undefined;
    case 'policy.create':
      return {
        kind: 'policy',
        policyName: change.policyName,
        exists: true,
        content: change.content,
        ...(change.policyType === SCP_TYPE ? {} : { policyType: change.policyType }),
      };
    case 'policy.update':
    case 'policy.swap':
      return {
        kind: 'policy',
        policyName: change.policyName,
        policyId: change.policyId,
        exists: true,
        content: change.after.content,
      };
    case 'policy.delete':
      return { kind: 'policy', policyName: change.policyName, exists: false };
    case 'attachment.add':
    case 'attachment.remove':
      return before.kind === 'attachment'
        ? { ...before, attached: change.kind === 'attachment.add' }
        : undefined;
    case 'policyType.enable':
      return before.kind === 'policyType' ? { ...before, enabled: true } : undefined;
  }
}
