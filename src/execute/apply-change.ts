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
import { AwsApiError, BugError, UsageError } from '../errors.js';
import { applyRemediation } from './apply-remediation.js';
import { typeOf } from './policy-type.js';
import { policyTypeWindow, type ReadBackPace, readUntil, settleWindow } from './read-back.js';
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
    case 'policy.swap':
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

/**
 * The last guard before a write: the planner never removes FullAWSAccess and a saved plan that
 * asks to is refused when read (src/app/plan-file-checks.ts), so only a crafted input reaches
 * here. It is a refusal of that change — named, nothing sent — not an internal error.
 */
function fullAwsAccessRefused(changeId: string, verb: 'delete' | 'detach'): UsageError {
  return new UsageError(
    `Change ${changeId} asks to ${verb} FullAWSAccess; guardrails never does (without it every account loses the permissions it grants). Nothing was sent.`,
    { hint: 'guardrails never plans this change: its input was edited. Make a fresh plan.' },
  );
}

function mismatch(service: string, operation: string, message: string, where = {}): AwsApiError {
  return new AwsApiError({ service, operation, ...where }, 'ReadBackMismatch', message);
}

/** Whether the policy is attached, read until it says `expected` (eventual consistency). */
async function isAttached(
  gw: AwsGateways,
  attachment: { policyId: string; targetId: string; type?: string | undefined },
  expected: boolean,
  pace?: ReadBackPace,
): Promise<boolean> {
  // Only reads follow: the serial write lane is free for the next attachment meanwhile.
  await pace?.reading();
  return readUntil(
    async () => {
      const policies = await gw.organizations.listPoliciesForTarget(
        attachment.targetId,
        attachment.type ?? SCP_TYPE,
      );
      return policies.some((p) => p.id === attachment.policyId);
    },
    (attached) => attached === expected,
    undefined,
    undefined,
    pace?.wait,
  );
}

/** Reads the policy until it shows `content` (eventual consistency); a mismatch after that fails. */
async function readBackContent(
  gw: AwsGateways,
  policyId: string,
  policyName: string,
  content: string,
): Promise<string> {
  const read = await readUntil(
    () => gw.organizations.describePolicy(policyId),
    (r) => samePolicyContent(r.content, content),
  );
  if (!samePolicyContent(read.content, content)) {
    throw mismatch('organizations', 'DescribePolicy', `${policyName} content differs`);
  }
  return read.content;
}

/** Waits (bounded) while the root shows the type PENDING_ENABLE; its status at the end. */
async function policyTypeStatus(
  gw: AwsGateways,
  rootId: string,
  policyType: string,
): Promise<string | undefined> {
  return readUntil(
    async () => {
      const roots = await gw.organizations.listRoots();
      const root = roots.find((r) => r.id === rootId);
      return root?.policyTypes.find((t) => t.type === policyType)?.status;
    },
    (status) => status !== 'PENDING_ENABLE',
    policyTypeWindow(),
  );
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

/**
 * AttachPolicy; refused with PolicyTypeNotEnabledException while the type is PENDING_ENABLE
 * (enabled by another run or just now): wait for ENABLED, bounded, then attach once more. The
 * refused call changed nothing, so the attach is still sent at most once successfully.
 */
async function attachWhenEnabled(
  gw: AwsGateways,
  policyId: string,
  targetId: string,
  policyType = SCP_TYPE,
): Promise<void> {
  try {
    await gw.organizations.attachPolicy(policyId, targetId);
  } catch (err) {
    if (errorCode(err) !== 'PolicyTypeNotEnabledException') throw err;
    const roots = await gw.organizations.listRoots();
    const rootId = roots[0]?.id;
    if (!rootId || (await policyTypeStatus(gw, rootId, policyType)) !== 'ENABLED') throw err;
    await gw.organizations.attachPolicy(policyId, targetId);
  }
}

/**
 * Performs the write, reads the target back, and returns the after-image. `pace` is how the
 * defaults and attachment read-backs wait (the executor's hands its slot back meanwhile).
 */
export async function applyChange(
  change: Change,
  gw: AwsGateways,
  registry: PolicyIdRegistry,
  retry = false,
  pace?: ReadBackPace,
): Promise<TargetImage> {
  const wait = pace?.wait;
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
        const current = await readUntil(
          () => ec2.getInstanceMetadataDefaults(),
          (r) => setFields.every((f) => r.defaults[f] === expected[f]),
          settleWindow(),
          undefined,
          wait,
        );
        if (setFields.every((f) => current.defaults[f] === expected[f])) {
          return { kind: 'imds', ...where, defaults: current.defaults };
        }
      }
      await ec2.modifyInstanceMetadataDefaults(change.after);
      const read = await readUntil(
        () => ec2.getInstanceMetadataDefaults(),
        (r) => setFields.every((f) => r.defaults[f] === expected[f]),
        undefined,
        undefined,
        wait,
      );
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
      // Asynchronous in AWS: PENDING_ENABLE first; attaching before ENABLED is refused.
      const status = await policyTypeStatus(gw, change.rootId, change.policyType);
      if (status !== 'ENABLED') {
        throw mismatch(
          'organizations',
          'ListRoots',
          status === 'PENDING_ENABLE'
            ? `${change.policyType} is still PENDING_ENABLE after ${Math.round(policyTypeWindow().windowMs / 1000)} s; run apply --resume once it is ENABLED`
            : `${change.policyType} is not enabled`,
        );
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
      const content = await readBackContent(gw, policyId, change.policyName, change.content);
      registry.set(change.policyName, policyId);
      return { kind: 'policy', policyName: change.policyName, policyId, exists: true, content };
    }
    case 'policy.update': {
      await org.updatePolicy({ policyId: change.policyId, content: change.after.content });
      const content = await readBackContent(
        gw,
        change.policyId,
        change.policyName,
        change.after.content,
      );
      registry.set(change.policyName, change.policyId);
      return {
        kind: 'policy',
        policyName: change.policyName,
        policyId: change.policyId,
        exists: true,
        content,
      };
    }
    case 'policy.swap':
      return swapCanary(change, gw, registry);
    case 'policy.delete': {
      if (isFullAwsAccess(change.policyId) || isFullAwsAccess(change.policyName)) {
        throw fullAwsAccessRefused(change.id, 'delete');
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
        attachWhenEnabled(gw, policyId, change.target.id, change.policyType),
      );
      const attachment = { policyId, targetId: change.target.id, type: change.policyType };
      if (!(await isAttached(gw, attachment, true, pace))) {
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
        throw fullAwsAccessRefused(change.id, 'detach');
      }
      await ignoring(['PolicyNotAttachedException'], () =>
        org.detachPolicy(change.policyId, change.target.id),
      );
      const attachment = {
        policyId: change.policyId,
        targetId: change.target.id,
        type: change.policyType,
      };
      if (await isAttached(gw, attachment, false, pace)) {
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

/**
 * The end of a canaried update: the policy takes the new content (read back), then the canary is
 * detached from every target it holds now (listed, not planned: a resumed run may have attached
 * more) and deleted. Each step is idempotent, so a retry or a resume simply finishes it.
 */
async function swapCanary(
  change: Extract<Change, { kind: 'policy.swap' }>,
  gw: AwsGateways,
  registry: PolicyIdRegistry,
): Promise<TargetImage> {
  const org = gw.organizations;
  if (!samePolicyContent(change.before.content, change.after.content)) {
    await org.updatePolicy({ policyId: change.policyId, content: change.after.content });
  }
  const content = await readBackContent(
    gw,
    change.policyId,
    change.policyName,
    change.after.content,
  );
  registry.set(change.policyName, change.policyId);
  const canaryId =
    change.canaryId ??
    registry.get(change.canaryName) ??
    (await findPolicyIdByName(gw, change.canaryName));
  if (canaryId && !isFullAwsAccess(canaryId)) {
    const targets = await org.listTargetsForPolicy(canaryId).catch((err: unknown) => {
      if (errorCode(err) === 'PolicyNotFoundException') return [];
      throw err;
    });
    for (const target of targets) {
      await ignoring(['PolicyNotAttachedException'], () =>
        org.detachPolicy(canaryId, target.targetId),
      );
    }
    await ignoring(['PolicyNotFoundException'], () => org.deletePolicy(canaryId));
    const stillThere = await org.describePolicy(canaryId).then(
      () => true,
      (err) => {
        if (errorCode(err) === 'PolicyNotFoundException') return false;
        throw err;
      },
    );
    if (stillThere) {
      throw mismatch('organizations', 'DescribePolicy', `${change.canaryName} still exists`);
    }
    registry.delete(change.canaryName);
  }
  return {
    kind: 'policy',
    policyName: change.policyName,
    policyId: change.policyId,
    exists: true,
    content,
  };
}
