/**
 * One change = one idempotent write + a read-back. A change is `done` only when reading the
 * target back shows the intended state (GetInstanceMetadataDefaults after Modify, DescribePolicy
 * after Create/Update, ListPoliciesForTarget for attachments) — a 200 from the write is not proof.
 */

import type { AwsGateways } from '../aws/gateways.js';
import type { TargetImage } from '../core/journal/types.js';
import { samePolicyContent } from '../core/model/canonical-json.js';
import { applyImdsSetting } from '../core/model/imds.js';
import { isFullAwsAccess, SCP_TYPE } from '../core/model/policy-names.js';
import { IMDS_FIELDS } from '../core/model/types.js';
import { isRemediationChange } from '../core/plan/remediation-types.js';
import type { Change } from '../core/plan/types.js';
import { remediationBeforeImage } from '../core/remediation/undo.js';
import { AwsApiError, BugError } from '../errors.js';
import { applyRemediation } from './apply-remediation.js';
import { typeOf } from './policy-type.js';
import { errorCode } from './retry.js';

/** Policy ids learned during the run (policy.create) so later attachments can use them. */
export type PolicyIdRegistry = Map<string, string>;

/** What the target looked like before the write, from the plan's observation (no extra read). */
export function beforeImageOf(change: Change): TargetImage {
  if (isRemediationChange(change)) return remediationBeforeImage(change);
  switch (change.kind) {
    case 'imds.set':
      return {
        kind: 'imds',
        accountId: change.accountId,
        region: change.region,
        defaults: change.before,
      };
    case 'policy.create':
      return { kind: 'policy', policyName: change.policyName, exists: false, ...typeOf(change) };
    case 'policy.update':
    case 'policy.delete':
      return {
        kind: 'policy',
        policyName: change.policyName,
        policyId: change.policyId,
        exists: true,
        content: change.before.content,
      };
    case 'attachment.add':
    case 'attachment.remove': {
      const image: TargetImage = {
        kind: 'attachment',
        policyName: change.policyName,
        targetId: change.target.id,
        attached: change.kind === 'attachment.remove',
        ...typeOf(change),
      };
      if (change.policyId) image.policyId = change.policyId;
      return image;
    }
    case 'policyType.enable':
      return {
        kind: 'policyType',
        rootId: change.rootId,
        policyType: change.policyType,
        enabled: false,
      };
  }
}

function mismatch(service: string, operation: string, message: string, where = {}): AwsApiError {
  return new AwsApiError({ service, operation, ...where }, 'ReadBackMismatch', message);
}

async function isAttached(
  gw: AwsGateways,
  policyId: string,
  targetId: string,
  type = SCP_TYPE,
): Promise<boolean> {
  const policies = await gw.organizations.listPoliciesForTarget(targetId, type);
  return policies.some((p) => p.id === policyId);
}

/** Finds a customer-managed SCP by name (resume after a crash between create and journal). */
export async function findPolicyIdByName(
  gw: AwsGateways,
  name: string,
  type = SCP_TYPE,
): Promise<string | undefined> {
  const policies = await gw.organizations.listPolicies(type);
  return policies.find((p) => p.name === name && !p.awsManaged)?.id;
}

async function resolvePolicyId(
  gw: AwsGateways,
  change: { policyName: string; policyId?: string; policyType?: string },
  registry: PolicyIdRegistry,
): Promise<string> {
  const id = change.policyId ?? registry.get(change.policyName);
  if (id) return id;
  const found = await findPolicyIdByName(gw, change.policyName, change.policyType);
  if (!found) throw new BugError(`policy ${change.policyName} has no id: it was not created`);
  registry.set(change.policyName, found);
  return found;
}

async function ignoring(codes: string[], call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (err) {
    if (!codes.includes(errorCode(err))) throw err;
  }
}

/** Performs the write, reads the target back, and returns the after-image. */
export async function applyChange(
  change: Change,
  gw: AwsGateways,
  registry: PolicyIdRegistry,
  retry = false,
): Promise<TargetImage> {
  if (isRemediationChange(change)) return applyRemediation(change, gw, retry);
  const org = gw.organizations;
  switch (change.kind) {
    case 'imds.set': {
      const where = { accountId: change.accountId, region: change.region };
      const ec2 = await gw.ec2(change.accountId, change.region);
      const expected = applyImdsSetting(change.before, change.after);
      // Only the fields we set must match; others may legitimately differ.
      const setFields = IMDS_FIELDS.filter((f) => change.after[f] !== undefined);
      if (retry) {
        // The last attempt may have written and then failed on its read-back (throttled):
        // read first so a landed write is never sent twice.
        const current = await ec2.getInstanceMetadataDefaults();
        if (setFields.every((f) => current.defaults[f] === expected[f])) {
          return { kind: 'imds', ...where, defaults: current.defaults };
        }
      }
      await ec2.modifyInstanceMetadataDefaults(change.after);
      const read = await ec2.getInstanceMetadataDefaults();
      const bad = setFields.filter((f) => read.defaults[f] !== expected[f]);
      if (bad.length > 0) {
        throw mismatch(
          'ec2',
          'GetInstanceMetadataDefaults',
          `after ModifyInstanceMetadataDefaults, ${bad.map((f) => `${f}=${read.defaults[f] ?? 'unset'}`).join(', ')} (expected ${bad.map((f) => expected[f] ?? 'unset').join(', ')})`,
          where,
        );
      }
      return { kind: 'imds', ...where, defaults: read.defaults };
    }
    case 'policyType.enable': {
      await ignoring(['PolicyTypeAlreadyEnabledException'], () =>
        org.enablePolicyType(change.rootId, change.policyType),
      );
      const roots = await org.listRoots();
      const root = roots.find((r) => r.id === change.rootId);
      const enabled = root?.policyTypes.some(
        (t) => t.type === change.policyType && t.status !== 'PENDING_DISABLE',
      );
      if (!enabled) {
        throw mismatch('organizations', 'ListRoots', `${change.policyType} is not enabled`);
      }
      return {
        kind: 'policyType',
        rootId: change.rootId,
        policyType: change.policyType,
        enabled: true,
      };
    }
    case 'policy.create': {
      let policyId: string | undefined;
      try {
        const created = await org.createPolicy({
          name: change.policyName,
          description: change.description,
          content: change.content,
          type: change.policyType,
        });
        policyId = created.id;
      } catch (err) {
        // A retry after an ambiguous failure: the first attempt created it.
        if (errorCode(err) !== 'DuplicatePolicyException') throw err;
        policyId = await findPolicyIdByName(gw, change.policyName, change.policyType);
        if (!policyId) throw err;
      }
      const read = await org.describePolicy(policyId);
      if (!samePolicyContent(read.content, change.content)) {
        throw mismatch('organizations', 'DescribePolicy', `${change.policyName} content differs`);
      }
      registry.set(change.policyName, policyId);
      return {
        kind: 'policy',
        policyName: change.policyName,
        policyId,
        exists: true,
        content: read.content,
      };
    }
    case 'policy.update': {
      await org.updatePolicy({ policyId: change.policyId, content: change.after.content });
      const read = await org.describePolicy(change.policyId);
      if (!samePolicyContent(read.content, change.after.content)) {
        throw mismatch('organizations', 'DescribePolicy', `${change.policyName} content differs`);
      }
      registry.set(change.policyName, change.policyId);
      return {
        kind: 'policy',
        policyName: change.policyName,
        policyId: change.policyId,
        exists: true,
        content: read.content,
      };
    }
    case 'policy.delete': {
      if (isFullAwsAccess(change.policyId) || isFullAwsAccess(change.policyName)) {
        throw new BugError('refusing to delete FullAWSAccess');
      }
      await ignoring(['PolicyNotFoundException'], () => org.deletePolicy(change.policyId));
      const stillThere = await org.describePolicy(change.policyId).then(
        () => true,
        (err) => {
          if (errorCode(err) === 'PolicyNotFoundException') return false;
          throw err;
        },
      );
      if (stillThere) throw mismatch('organizations', 'DescribePolicy', 'policy still exists');
      return { kind: 'policy', policyName: change.policyName, exists: false };
    }
    case 'attachment.add': {
      const policyId = await resolvePolicyId(gw, change, registry);
      await ignoring(['DuplicatePolicyAttachmentException'], () =>
        org.attachPolicy(policyId, change.target.id),
      );
      if (!(await isAttached(gw, policyId, change.target.id, change.policyType))) {
        throw mismatch(
          'organizations',
          'ListPoliciesForTarget',
          `not attached to ${change.target.label}`,
        );
      }
      return {
        kind: 'attachment',
        policyName: change.policyName,
        policyId,
        targetId: change.target.id,
        attached: true,
        ...typeOf(change),
      };
    }
    case 'attachment.remove': {
      if (isFullAwsAccess(change.policyId) || isFullAwsAccess(change.policyName)) {
        throw new BugError('refusing to detach FullAWSAccess');
      }
      await ignoring(['PolicyNotAttachedException'], () =>
        org.detachPolicy(change.policyId, change.target.id),
      );
      if (await isAttached(gw, change.policyId, change.target.id, change.policyType)) {
        throw mismatch(
          'organizations',
          'ListPoliciesForTarget',
          `still attached to ${change.target.label}`,
        );
      }
      return {
        kind: 'attachment',
        policyName: change.policyName,
        policyId: change.policyId,
        targetId: change.target.id,
        attached: false,
        ...typeOf(change),
      };
    }
  }
}
