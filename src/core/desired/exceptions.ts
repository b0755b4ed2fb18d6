/**
 * Config exceptions, each with an owner, a reason and an expiry: resolved against the org tree
 * (unknown accounts/OUs are config errors naming the path) and the run's injected clock. An
 * expired exception no longer exempts anything and is reported as a finding.
 */
import type { ResolvedConfig } from '../../config/schema.js';
import { BugError } from '../errors.js';
import type { OrgAccount, OrgTree } from '../model/types.js';
import { accountLabel, coveringTargets, requireAccount, requireOu } from './org-lookup.js';
import type { DesiredException } from './types.js';

type ExceptionConfig = ResolvedConfig['exceptions'][number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** A date-only expiry (2026-12-31) lasts to the end of that day (UTC); a date-time is exact. */
export function expiryInstant(expires: string): number {
  const at = Date.parse(expires);
  return /^\d{4}-\d{2}-\d{2}$/.test(expires) ? at + DAY_MS : at;
}

export function isExpired(expires: string, now: Date): boolean {
  return now.getTime() >= expiryInstant(expires);
}

export function resolveExceptions(
  exceptions: readonly ExceptionConfig[],
  org: OrgTree,
  now: Date | undefined,
): DesiredException[] {
  if (exceptions.length === 0) return [];
  if (now === undefined) throw new BugError('exceptions need the run clock (options.now)');
  return exceptions.map((e, i) => {
    const base = {
      owner: e.owner,
      reason: e.reason,
      expires: e.expires,
      expired: isExpired(e.expires, now),
    };
    if (e.account !== undefined) {
      const account = requireAccount(org, e.account, { config: `exceptions[${i}].account` });
      return {
        kind: 'account',
        selector: e.account,
        label: accountLabel(account),
        targetId: account.id,
        ...base,
      };
    }
    if (e.ou !== undefined) {
      const ou = requireOu(org, e.ou, { config: `exceptions[${i}].ou` });
      return { kind: 'ou', selector: e.ou, label: ou.path, targetId: ou.id, ...base };
    }
    const pattern = e.principalArnPattern ?? '';
    return { kind: 'principal', selector: pattern, label: pattern, ...base };
  });
}

/** Active principal patterns, merged into the SCP's exempt principals. */
export function exemptPrincipalPatterns(exceptions: readonly DesiredException[]): string[] {
  return exceptions.filter((e) => e.kind === 'principal' && !e.expired).map((e) => e.selector);
}

/** The active account/OU exception that keeps this account's defaults out of the plan. */
export function accountException(
  org: OrgTree,
  account: OrgAccount,
  exceptions: readonly DesiredException[] | undefined,
): DesiredException | undefined {
  if (!exceptions || exceptions.length === 0) return undefined;
  const active = exceptions.filter((e) => e.kind !== 'principal' && !e.expired);
  if (active.length === 0) return undefined;
  const chain = new Set(coveringTargets(org, account).map((t) => t.id));
  return active.find((e) => e.targetId !== undefined && chain.has(e.targetId));
}

/** `exception owned by alice@example.com until 2026-12-31: migrating the batch fleet`. */
export function describeException(e: DesiredException): string {
  return `exception owned by ${e.owner} until ${e.expires}: ${e.reason}`;
}
