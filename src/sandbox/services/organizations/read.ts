import type { CallContext } from '../../context.js';
import { paginate } from '../../pagination.js';
import type { JsonInput } from '../types.js';
import {
  ID_PATTERNS,
  invalidInput,
  orgError,
  requiredEnum,
  requiredParentId,
  requiredString,
  requiredTargetId,
} from './input.js';
import { accountShape, ouShape, rootShape } from './shapes.js';

function parentNotFound(): never {
  throw orgError(
    'ParentNotFoundException',
    "We can't find a root or OU with the ParentId that you specified.",
  );
}

export function describeOrganization({ sandbox: { world } }: CallContext): unknown {
  const mgmt = world.accounts.get(world.managementAccountId);
  return {
    Organization: {
      Id: world.organizationId,
      Arn: world.organizationArn(),
      FeatureSet: 'ALL',
      MasterAccountArn: world.accountArn(world.managementAccountId),
      MasterAccountId: world.managementAccountId,
      MasterAccountEmail: mgmt?.email,
      // Deprecated by AWS in favour of the root's PolicyTypes; kept for old readers.
      AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
    },
  };
}

export function listRoots({ sandbox }: CallContext, input: JsonInput): unknown {
  const { page, nextToken } = paginate(
    [sandbox.world.rootId],
    input,
    'ListRoots',
    sandbox.pageSize,
  );
  return { Roots: page.map(() => rootShape(sandbox.world)), NextToken: nextToken };
}

export function listOrganizationalUnitsForParent(
  { sandbox }: CallContext,
  input: JsonInput,
): unknown {
  const parentId = requiredParentId(input);
  if (!sandbox.world.hasParent(parentId)) parentNotFound();
  const ids = sandbox.world.childrenOf(parentId).ous;
  const { page, nextToken } = paginate(ids, input, `ListOUs:${parentId}`, sandbox.pageSize);
  return {
    OrganizationalUnits: page.map((id) => ouShape(sandbox.world, id)),
    NextToken: nextToken,
  };
}

export function listChildren({ sandbox }: CallContext, input: JsonInput): unknown {
  const parentId = requiredParentId(input);
  const childType = requiredEnum(input, 'ChildType', ['ACCOUNT', 'ORGANIZATIONAL_UNIT'] as const);
  if (!sandbox.world.hasParent(parentId)) parentNotFound();
  const children = sandbox.world.childrenOf(parentId);
  const ids = childType === 'ACCOUNT' ? children.accounts : children.ous;
  const scope = `ListChildren:${parentId}:${childType}`;
  const { page, nextToken } = paginate(ids, input, scope, sandbox.pageSize);
  return { Children: page.map((Id) => ({ Id, Type: childType })), NextToken: nextToken };
}

export function listParents({ sandbox }: CallContext, input: JsonInput): unknown {
  const childId = requiredString(input, 'ChildId');
  if (!ID_PATTERNS.ou.test(childId) && !ID_PATTERNS.account.test(childId)) {
    throw invalidInput(
      'INVALID_PATTERN',
      `You specified a value for ChildId that does not match the required pattern: ${childId}.`,
    );
  }
  const parentId = sandbox.world.parentOf(childId);
  if (parentId === undefined) {
    throw orgError(
      'ChildNotFoundException',
      "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
    );
  }
  const type = parentId === sandbox.world.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT';
  const { page, nextToken } = paginate(
    [parentId],
    input,
    `ListParents:${childId}`,
    sandbox.pageSize,
  );
  return { Parents: page.map((Id) => ({ Id, Type: type })), NextToken: nextToken };
}

export function listAccounts({ sandbox }: CallContext, input: JsonInput): unknown {
  const { world } = sandbox;
  const ids = accountIds(sandbox.world);
  const { page, nextToken } = paginate(ids, input, 'ListAccounts', sandbox.pageSize);
  return {
    Accounts: page.map((id) => accountShape(world, world.accounts.get(id)!)),
    NextToken: nextToken,
  };
}

export function listAccountsForParent({ sandbox }: CallContext, input: JsonInput): unknown {
  const { world } = sandbox;
  const parentId = requiredParentId(input);
  if (!world.hasParent(parentId)) parentNotFound();
  const ids = world.childrenOf(parentId).accounts;
  const { page, nextToken } = paginate(
    ids,
    input,
    `ListAccountsForParent:${parentId}`,
    sandbox.pageSize,
  );
  return {
    Accounts: page.map((id) => accountShape(world, world.accounts.get(id)!)),
    NextToken: nextToken,
  };
}

export function describeAccount({ sandbox: { world } }: CallContext, input: JsonInput): unknown {
  const accountId = requiredString(input, 'AccountId');
  if (!ID_PATTERNS.account.test(accountId)) {
    throw invalidInput(
      'INVALID_PATTERN',
      `You specified a value for AccountId that does not match the required pattern: ${accountId}.`,
    );
  }
  const account = world.accounts.get(accountId);
  if (!account)
    throw orgError('AccountNotFoundException', "You specified an account that doesn't exist.");
  return { Account: accountShape(world, account) };
}

/** Shared by ListTargetsForPolicy callers and others that need an existing target. */
export function existingTarget(ctx: CallContext, input: JsonInput): string {
  const targetId = requiredTargetId(input);
  if (!ctx.sandbox.world.targetType(targetId)) {
    throw orgError(
      'TargetNotFoundException',
      "We can't find a root, OU, account, or policy with the TargetId that you specified.",
    );
  }
  return targetId;
}

const idCache = new WeakMap<object, { version: number; ids: string[] }>();

function accountIds(world: CallContext['sandbox']['world']): string[] {
  const hit = idCache.get(world);
  if (hit && hit.version === world.version) return hit.ids;
  const ids = [...world.accounts.keys()];
  idCache.set(world, { version: world.version, ids });
  return ids;
}
