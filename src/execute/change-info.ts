/** How the executor names and groups a change: event labels and concurrency lanes. */
import { accountOf, isAccountLane } from '../core/plan/change-kinds.js';
import type { Change } from '../core/plan/types.js';

/** Organizations writes are org-global and throttled hard: they share one serial lane. */
export const ORGANIZATIONS_LANE = 'organizations';

export function laneOf(change: Change): string {
  const account = isAccountLane(change) ? accountOf(change) : undefined;
  return account ? `account:${account.accountId}` : ORGANIZATIONS_LANE;
}
