import type { CallContext } from '../../context.js';
import { paginate } from '../../pagination.js';
import { randomId } from '../../rng.js';
import type { SbPolicy } from '../../state/world.js';
import type { JsonInput } from '../types.js';
import {
  invalidInput,
  optionalString,
  orgError,
  POLICY_TYPES,
  requiredEnum,
  requiredPolicyId,
  requiredString,
} from './input.js';
import { checkPolicyContent } from './policy-content.js';
import { existingTarget } from './read.js';
import { policyShape, policySummary, rootShape } from './shapes.js';

export const FULL_AWS_ACCESS_ID = 'p-FullAWSAccess';
export const SCP = 'SERVICE_CONTROL_POLICY';

function maxAttachments(type: string): number {
  return type === SCP || type === 'RESOURCE_CONTROL_POLICY' ? 5 : 10;
}

function existingPolicy(ctx: CallContext, input: JsonInput): SbPolicy {
  const id = requiredPolicyId(input);
  const policy = ctx.sandbox.world.policies.get(id);
  if (!policy) {
    throw orgError(
      'PolicyNotFoundException',
      "We can't find a policy with the PolicyId that you specified.",
    );
  }
  return policy;
}

function checkName(name: string): void {
  if (name.length > 128)
    throw invalidInput('MAX_LENGTH_EXCEEDED', 'Name must be 128 characters or fewer.');
}

function checkDescription(description: string): void {
  if (description.length > 512) {
    throw invalidInput('MAX_LENGTH_EXCEEDED', 'Description must be 512 characters or fewer.');
  }
}

function duplicateName(ctx: CallContext, type: string, name: string, except?: string): boolean {
  for (const p of ctx.sandbox.world.policies.values()) {
    if (p.type === type && p.name === name && p.id !== except) return true;
  }
  return false;
}

function typeNotEnabled(): never {
  throw orgError(
    'PolicyTypeNotEnabledException',
    'This operation can be performed only for enabled policy types.',
  );
}

export function listPolicies(ctx: CallContext, input: JsonInput): unknown {
  const filter = requiredEnum(input, 'Filter', POLICY_TYPES);
  const { world } = ctx.sandbox;
  const ids = [...world.policies.values()].filter((p) => p.type === filter).map((p) => p.id);
  const { page, nextToken } = paginate(ids, input, `ListPolicies:${filter}`, ctx.sandbox.pageSize);
  return {
    Policies: page.map((id) => policySummary(world, world.policies.get(id)!)),
    NextToken: nextToken,
  };
}

export function describePolicy(ctx: CallContext, input: JsonInput): unknown {
  return { Policy: policyShape(ctx.sandbox.world, existingPolicy(ctx, input)) };
}

export function createPolicy(ctx: CallContext, input: JsonInput): unknown {
  const content = requiredString(input, 'Content');
  const description = requiredString(input, 'Description');
  const name = requiredString(input, 'Name');
  const type = requiredEnum(input, 'Type', POLICY_TYPES);
  checkName(name);
  checkDescription(description);
  const { world, rng } = ctx.sandbox;
  const sameType = [...world.policies.values()].filter((p) => p.type === type).length;
  if (sameType >= (type === SCP ? 10_000 : 1000)) {
    throw orgError(
      'ConstraintViolationException',
      'You have reached the maximum number of policies of this type.',
      {
        Reason: 'POLICY_NUMBER_LIMIT_EXCEEDED',
      },
    );
  }
  const checked = checkPolicyContent(type, content);
  if (duplicateName(ctx, type, name)) {
    throw orgError('DuplicatePolicyException', 'A policy with the same name already exists.');
  }
  let id = `p-${randomId(rng, 8)}`;
  while (world.policies.has(id)) id = `p-${randomId(rng, 8)}`;
  const policy: SbPolicy = { id, name, description, type, content, awsManaged: false, ...checked };
  world.addPolicy(policy);
  return { Policy: policyShape(world, policy) };
}

export function updatePolicy(ctx: CallContext, input: JsonInput): unknown {
  const policy = existingPolicy(ctx, input);
  const name = optionalString(input, 'Name');
  const description = optionalString(input, 'Description');
  const content = optionalString(input, 'Content');
  if (policy.awsManaged) {
    throw invalidInput('IMMUTABLE_POLICY', 'You cannot modify an AWS managed policy.');
  }
  if (name !== undefined) checkName(name);
  if (description !== undefined) checkDescription(description);
  const checked = content !== undefined ? checkPolicyContent(policy.type, content) : undefined;
  if (name !== undefined && duplicateName(ctx, policy.type, name, policy.id)) {
    throw orgError('DuplicatePolicyException', 'A policy with the same name already exists.');
  }
  const { world } = ctx.sandbox;
  if (name !== undefined) policy.name = name;
  if (description !== undefined) policy.description = description;
  if (content !== undefined && checked) {
    policy.content = content;
    if (checked.declarative) policy.declarative = checked.declarative;
    else delete policy.declarative;
  }
  world.version++;
  return { Policy: policyShape(world, policy) };
}

export function deletePolicy(ctx: CallContext, input: JsonInput): unknown {
  const policy = existingPolicy(ctx, input);
  if (policy.awsManaged) {
    throw invalidInput('IMMUTABLE_POLICY', 'You cannot delete an AWS managed policy.');
  }
  if (ctx.sandbox.world.targetsOf(policy.id).size > 0) {
    throw orgError(
      'PolicyInUseException',
      'The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.',
    );
  }
  ctx.sandbox.world.removePolicy(policy.id);
  return {};
}

export function attachPolicy(ctx: CallContext, input: JsonInput): unknown {
  const policy = existingPolicy(ctx, input);
  const targetId = existingTarget(ctx, input);
  const { world } = ctx.sandbox;
  if (world.policyTypes.get(policy.type) !== 'ENABLED') typeNotEnabled();
  const attached = world.attachedTo(targetId);
  if (attached.includes(policy.id)) {
    throw orgError(
      'DuplicatePolicyAttachmentException',
      'The selected policy is already attached to the specified target.',
    );
  }
  const sameType = attached.filter((id) => world.policies.get(id)?.type === policy.type).length;
  if (sameType >= maxAttachments(policy.type)) {
    throw orgError(
      'ConstraintViolationException',
      'You have attached the maximum number of policies to the specified target.',
      {
        Reason: 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
      },
    );
  }
  world.attach(policy.id, targetId);
  return {};
}

export function detachPolicy(ctx: CallContext, input: JsonInput): unknown {
  const policy = existingPolicy(ctx, input);
  const targetId = existingTarget(ctx, input);
  const { world } = ctx.sandbox;
  const attached = world.attachedTo(targetId);
  if (!attached.includes(policy.id)) {
    throw orgError(
      'PolicyNotAttachedException',
      "The policy isn't attached to the specified target in the specified root.",
    );
  }
  const sameType = attached.filter((id) => world.policies.get(id)?.type === policy.type).length;
  if (policy.type === SCP && sameType <= 1) {
    throw orgError(
      'ConstraintViolationException',
      'You cannot remove the last service control policy from a target; attach a replacement SCP first.',
      { Reason: 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED' },
    );
  }
  world.detach(policy.id, targetId);
  return {};
}

export function listPoliciesForTarget(ctx: CallContext, input: JsonInput): unknown {
  const targetId = existingTarget(ctx, input);
  const filter = requiredEnum(input, 'Filter', POLICY_TYPES);
  const { world } = ctx.sandbox;
  const ids = world.attachedTo(targetId).filter((id) => world.policies.get(id)?.type === filter);
  const scope = `ListPoliciesForTarget:${targetId}:${filter}`;
  const { page, nextToken } = paginate(ids, input, scope, ctx.sandbox.pageSize);
  return {
    Policies: page.map((id) => policySummary(world, world.policies.get(id)!)),
    NextToken: nextToken,
  };
}

export function listTargetsForPolicy(ctx: CallContext, input: JsonInput): unknown {
  const policy = existingPolicy(ctx, input);
  const { world } = ctx.sandbox;
  const ids = [...world.targetsOf(policy.id)];
  const { page, nextToken } = paginate(
    ids,
    input,
    `ListTargetsForPolicy:${policy.id}`,
    ctx.sandbox.pageSize,
  );
  return {
    Targets: page.map((id) => ({
      TargetId: id,
      Arn: world.targetArn(id),
      Name: world.targetName(id),
      Type: world.targetType(id),
    })),
    NextToken: nextToken,
  };
}

function existingRoot(ctx: CallContext, input: JsonInput): void {
  const rootId = requiredString(input, 'RootId');
  if (rootId !== ctx.sandbox.world.rootId) {
    throw orgError(
      'RootNotFoundException',
      "We can't find a root with the RootId that you specified.",
    );
  }
}

export function enablePolicyType(ctx: CallContext, input: JsonInput): unknown {
  existingRoot(ctx, input);
  const type = requiredEnum(input, 'PolicyType', POLICY_TYPES);
  const { world } = ctx.sandbox;
  if (world.policyTypes.has(type)) {
    throw orgError(
      'PolicyTypeAlreadyEnabledException',
      'The specified policy type is already enabled.',
    );
  }
  // The sandbox enables at once (AWS may show PENDING_ENABLE for a while; see SPEC.md).
  world.policyTypes.set(type, 'ENABLED');
  if (type === SCP && world.policies.has(FULL_AWS_ACCESS_ID)) {
    for (const target of world.allTargets()) {
      if (!world.attachedTo(target).includes(FULL_AWS_ACCESS_ID))
        world.attach(FULL_AWS_ACCESS_ID, target);
    }
  }
  world.version++;
  return { Root: rootShape(world) };
}

export function disablePolicyType(ctx: CallContext, input: JsonInput): unknown {
  existingRoot(ctx, input);
  const type = requiredEnum(input, 'PolicyType', POLICY_TYPES);
  const { world } = ctx.sandbox;
  if (world.policyTypes.get(type) !== 'ENABLED') typeNotEnabled();
  world.policyTypes.delete(type);
  for (const policy of world.policies.values()) {
    if (policy.type !== type) continue;
    for (const target of [...world.targetsOf(policy.id)]) world.detach(policy.id, target);
  }
  world.version++;
  return { Root: rootShape(world) };
}
