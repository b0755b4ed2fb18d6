/**
 * Which enforcement ring each account is in: the highest ring k whose desired state the account
 * fully meets (its SCP coverage and every checked region), evaluated with the same comparison as
 * the sweep itself so "ring 3" and "verify clean at stage 3" can never disagree. Exceptions are
 * left out here: a ring says what is enforced, not what is excused.
 */
import type { DesiredState, Stage } from '../desired/types.js';
import type { AccountObservation, ObservedState, OrgAccount } from '../model/types.js';
import { accountResults } from './account-results.js';
import { attachedTargetIds } from './scp-coverage.js';
import type { AccountRing, VerifyResult } from './types.js';

export type DesiredByStage = Record<Stage, DesiredState>;

const DESCENDING: Stage[] = [3, 2, 1];

export function computeRings(
  observed: ObservedState,
  byStage: DesiredByStage,
  accounts: ReadonlyMap<string, OrgAccount>,
): AccountRing[] {
  const attached = new Map(
    DESCENDING.map((s) => [s, attachedTargetIds(observed, byStage[s].scp?.name ?? '')] as const),
  );
  return observed.accounts.flatMap((observation): AccountRing[] => {
    const account = accounts.get(observation.accountId);
    if (!account) return [];
    const where = { accountId: account.id, accountName: account.name, ouPath: account.parentPath };
    const unknown = unknownWhy(account, observation);
    if (unknown) return [{ ...where, ring: null, detail: unknown }];
    for (const stage of DESCENDING) {
      const desired = { ...byStage[stage], exceptions: [] };
      const results = accountResults(
        observed,
        desired,
        account,
        observation,
        attached.get(stage) ?? new Set(),
      );
      if (!results.some(blocksRing)) return [{ ...where, ring: stage }];
    }
    return [{ ...where, ring: 0 as const }];
  });
}

function unknownWhy(account: OrgAccount, observation: AccountObservation): string | undefined {
  if (account.status === 'SUSPENDED') return 'the account is suspended';
  if (observation.access.status === 'unreachable') {
    return `${observation.access.reason}: ${observation.access.message}`;
  }
  const bad = observation.regions.find(
    (r) => r.status === 'error' || (r.status === 'unreachable' && r.reason !== 'region-disabled'),
  );
  return bad ? `${bad.region} could not be read` : undefined;
}

/** Anything that keeps the account out of the ring (a region not enabled does not). */
function blocksRing(result: VerifyResult): boolean {
  switch (result.status) {
    case 'compliant':
    case 'excepted':
      return false;
    case 'managed-by-declarative-policy':
      return result.kind === 'imds' && result.declarativeCompliant === false;
    case 'unreachable':
      return !(result.detail ?? '').startsWith('region-disabled');
    default:
      return true;
  }
}

/** `3 accounts in ring 3, 1 in ring 1, 2 unknown`. */
export function ringCounts(
  rings: readonly AccountRing[],
): Record<'0' | '1' | '2' | '3' | 'unknown', number> {
  const counts = { '0': 0, '1': 0, '2': 0, '3': 0, unknown: 0 };
  for (const r of rings) counts[r.ring === null ? 'unknown' : (String(r.ring) as '0')] += 1;
  return counts;
}
