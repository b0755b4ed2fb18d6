/** Which accounts the guardrail's EC2 declarative policy is meant to manage. */
import type { OrgAccount, OrgTree } from '../model/types.js';
import { coveringTargets } from './org-lookup.js';
import type { DesiredState } from './types.js';

/**
 * True when the strategy hands this account's defaults to the declarative policy: with
 * `declarative-policy` every account (the account-level defaults are never written), with `both`
 * the accounts under one of `declarative.attachTo` (the others keep account-level defaults).
 */
export function declarativeManages(
  org: OrgTree,
  account: OrgAccount,
  desired: Pick<DesiredState, 'strategy' | 'declarative'>,
): boolean {
  if (!desired.declarative) return false;
  if (desired.strategy === 'declarative-policy') return true;
  return declarativeCovers(org, account, desired.declarative.attachTo);
}

export function declarativeCovers(
  org: OrgTree,
  account: OrgAccount,
  attachTo: readonly { id: string }[],
): boolean {
  const wanted = new Set(attachTo.map((t) => t.id));
  return coveringTargets(org, account).some((t) => wanted.has(t.id));
}
