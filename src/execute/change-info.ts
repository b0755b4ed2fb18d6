/** How the executor names and groups a change: event labels and concurrency lanes. */
import { accountOf, isAccountLane } from '../core/plan/change-kinds.js';
import type { Change } from '../core/plan/types.js';

/** Organizations writes are org-global and throttled hard: they share one serial lane. */
export const ORGANIZATIONS_LANE = 'organizations';

/**
 * Where an Organizations change reads its write back: reads do not conflict with writes
 * (ConcurrentModificationException is about modifications), so they overlap in a lane of their
 * own while the next write goes out.
 */
export const ORGANIZATIONS_READS_LANE = 'organizations:reads';

/** One lane name per account, not one string per change (100,000 of them at 10,000 × 17). */
const accountLanes = new Map<string, string>();

export function laneOf(change: Change): string {
  const account = isAccountLane(change) ? accountOf(change) : undefined;
  if (!account) return ORGANIZATIONS_LANE;
  let lane = accountLanes.get(account.accountId);
  if (lane === undefined) {
    lane = `account:${account.accountId}`;
    accountLanes.set(account.accountId, lane);
  }
  return lane;
}
