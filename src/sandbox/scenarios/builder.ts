import { DEFAULT_ENABLED_REGIONS } from '../../core/model/regions.js';
import type { AccountStatus, ImdsDefaults } from '../../core/model/types.js';
import { regionIndex, regionSet } from '../regions.js';
import { FULL_AWS_ACCESS_ID, SCP } from '../services/organizations/policies.js';
import {
  DEFAULT_MEMBER_ROLES,
  NO_ROLES,
  type RoleSpec,
  type SbAccount,
  type SbPolicy,
  World,
} from '../state/world.js';

export const ORGANIZATION_ID = 'o-guardrails01';
export const ROOT_ID = 'r-gr01';
export const MANAGEMENT_ACCOUNT_ID = '111111111111';

const FULL_AWS_ACCESS: SbPolicy = {
  id: FULL_AWS_ACCESS_ID,
  name: 'FullAWSAccess',
  description: 'Allows access to every operation',
  type: SCP,
  awsManaged: true,
  content: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  }),
};

/** 2023-11-14T22:13:20Z: accounts join a little later each, so timestamps are stable. */
const JOINED_BASE = 1_700_000_000;

/**
 * A new organization: root, the management account directly under it and the AWS-managed
 * FullAWSAccess SCP. With `enabledTypes` including SCPs, FullAWSAccess is attached everywhere
 * (as AWS does); later OUs and accounts get it too.
 */
export function createOrganization(enabledTypes: string[]): World {
  const world = new World({
    organizationId: ORGANIZATION_ID,
    rootId: ROOT_ID,
    managementAccountId: MANAGEMENT_ACCOUNT_ID,
  });
  for (const type of enabledTypes) world.policyTypes.set(type, 'ENABLED');
  world.addPolicy({ ...FULL_AWS_ACCESS });
  if (world.policyTypes.has(SCP)) world.attach(FULL_AWS_ACCESS_ID, ROOT_ID);
  addAccount(world, {
    id: MANAGEMENT_ACCOUNT_ID,
    name: 'management',
    parentId: ROOT_ID,
    // The management account has no OrganizationAccountAccessRole: the tool uses its caller.
    roles: NO_ROLES,
  });
  return world;
}

export function addOu(world: World, id: string, name: string, parentId: string): string {
  world.addOu({ id, name, parentId });
  if (world.policyTypes.has(SCP)) world.attach(FULL_AWS_ACCESS_ID, id);
  return id;
}

export interface AccountSeed {
  id: string;
  name: string;
  parentId: string;
  status?: AccountStatus;
  roles?: readonly RoleSpec[];
  regions?: readonly string[];
  email?: string;
}

export function addAccount(world: World, seed: AccountSeed): SbAccount {
  const account = world.addAccount({
    id: seed.id,
    name: seed.name,
    email: seed.email ?? `${seed.name}@example.com`,
    status: seed.status ?? 'ACTIVE',
    parentId: seed.parentId,
    joined: JOINED_BASE + world.accounts.size * 86_400,
    roles: seed.roles ?? DEFAULT_MEMBER_ROLES,
    regions: regionSet(seed.regions ?? DEFAULT_ENABLED_REGIONS),
  });
  if (world.policyTypes.has(SCP)) world.attach(FULL_AWS_ACCESS_ID, seed.id);
  return account;
}

/** Sets the account's own IMDS defaults in the given regions (default: every enabled one). */
export function setImds(
  world: World,
  account: SbAccount,
  defaults: ImdsDefaults,
  regions?: readonly string[],
): void {
  const names = regions ?? DEFAULT_ENABLED_REGIONS;
  for (const name of names) {
    const index = regionIndex(name);
    if (index >= 0 && account.regions[index] === 1) world.setImds(account, index, defaults);
  }
}

export function addPolicy(
  world: World,
  policy: Omit<SbPolicy, 'awsManaged'>,
  targets: string[],
): void {
  world.addPolicy({ ...policy, awsManaged: false });
  for (const target of targets) world.attach(policy.id, target);
}
