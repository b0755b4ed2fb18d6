/**
 * Per account: can we get in (member role, or the caller itself for the management account),
 * and which regions are enabled there (DescribeRegions AllRegions — opt-in regions differ).
 */
import pLimit from 'p-limit';
import type { AwsGateways } from '../aws/gateways.js';
import type { AccountAccess, OrgAccount, RegionName } from '../core/model/types.js';
import { AwsApiError } from '../errors.js';

export interface AccountAccessResult {
  accountId: string;
  access: AccountAccess;
  enabledRegions: RegionName[];
}

export interface ReadAccountAccessInput {
  gateways: AwsGateways;
  accounts: OrgAccount[];
  managementAccountId: string;
  /** Where DescribeRegions is called (any enabled region answers for all). */
  homeRegion: RegionName;
  concurrency: number;
  /** Called after each account with its result and how many are done. */
  onProgress?: (latest: AccountAccessResult, done: number, total: number) => void;
}

const ENABLED = new Set(['opt-in-not-required', 'opted-in']);

export async function readAccountAccess(
  input: ReadAccountAccessInput,
): Promise<AccountAccessResult[]> {
  const limit = pLimit(Math.max(1, input.concurrency));
  let done = 0;
  return Promise.all(
    input.accounts.map((account) =>
      limit(async () => {
        const result = await readOne(input, account);
        done += 1;
        input.onProgress?.(result, done, input.accounts.length);
        return result;
      }),
    ),
  );
}

async function readOne(
  input: ReadAccountAccessInput,
  account: OrgAccount,
): Promise<AccountAccessResult> {
  const accountId = account.id;
  if (account.status !== 'ACTIVE') {
    // AWS refuses AssumeRole into suspended or closing accounts; say why instead of "denied".
    return unreachable(accountId, 'suspended', `account is ${account.status}`);
  }
  const via = accountId === input.managementAccountId ? 'caller' : 'assumed-role';
  try {
    await input.gateways.checkAccess(accountId);
  } catch (err) {
    if (err instanceof AwsApiError && err.awsCode === 'AccessDenied') {
      return unreachable(accountId, 'role-denied', messageOf(err));
    }
    return unreachable(accountId, 'error', messageOf(err));
  }
  try {
    const ec2 = await input.gateways.ec2(accountId, input.homeRegion);
    const regions = await ec2.describeRegions();
    const enabledRegions = regions
      .filter((r) => ENABLED.has(r.optInStatus))
      .map((r) => r.name)
      .sort();
    return { accountId, access: { status: 'reachable', via }, enabledRegions };
  } catch (err) {
    if (err instanceof AwsApiError && err.awsCode === 'AccessDenied') {
      return unreachable(accountId, 'role-denied', messageOf(err));
    }
    return unreachable(accountId, 'error', messageOf(err));
  }
}

function unreachable(
  accountId: string,
  reason: 'role-denied' | 'suspended' | 'error',
  message: string,
): AccountAccessResult {
  return { accountId, access: { status: 'unreachable', reason, message }, enabledRegions: [] };
}

export function messageOf(err: unknown): string {
  // The SDK's own message is the most specific one ("User: … is not authorized to …").
  if (err instanceof AwsApiError && err.cause instanceof Error && err.cause.message) {
    return err.cause.message;
  }
  return err instanceof Error ? err.message : String(err);
}
