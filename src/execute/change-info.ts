/** How the executor names and groups a change: event labels and concurrency lanes. */
import { accountOf, isAccountLane, kindOf } from '../core/plan/change-kinds.js';
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

const DEFAULT_ORGANIZATIONS_READS = 4;
/** Organizations changes under way per read-back slot (an attachment reads back ~4 times). */
const ORGANIZATIONS_IN_PROGRESS = 4;

/** The executor's caps per lane, the Organizations lane's order, and its bound on changes under way. */
export function laneRules(limits: {
  perAccount: number;
  organizations: number;
  organizationsReads?: number;
}) {
  const reads = limits.organizationsReads ?? DEFAULT_ORGANIZATIONS_READS;
  return {
    laneLimit: (lane: string) =>
      lane === ORGANIZATIONS_LANE
        ? limits.organizations
        : lane === ORGANIZATIONS_READS_LANE
          ? reads
          : limits.perAccount,
    rankOf: (node: { lane: string; change: Change }) =>
      node.lane === ORGANIZATIONS_LANE ? kindOf(node.change).order : undefined,
    // Writes wait for read-back capacity instead of piling up changes that a stop must finish.
    laneActiveLimit: (lane: string) =>
      lane === ORGANIZATIONS_LANE ? ORGANIZATIONS_IN_PROGRESS * reads : Number.POSITIVE_INFINITY,
  };
}
