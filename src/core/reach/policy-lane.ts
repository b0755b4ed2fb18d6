/**
 * One guardrail policy's organization-level changes under the reach model: the holds of the run
 * (given ones, active account/OU exceptions, accounts outside the scope) decide where it is
 * attached; an update of a policy already attached outside a narrowed scope is left out unless
 * the run asks for organization-level changes (`--include-org-changes`).
 */

import { accountException, describeException } from '../desired/exceptions.js';
import { accountLabel, coveringTargets } from '../desired/org-lookup.js';
import type { DesiredDeclarative, DesiredScp, DesiredState } from '../desired/types.js';
import { ConfigError } from '../errors.js';
import { SCP_TYPE } from '../model/policy-names.js';
import type { ObservedState, OrgTree } from '../model/types.js';
import type { UnclassifiedChange } from '../plan/classify-risk.js';
import { diffAttachments, MAX_SCPS_PER_TARGET } from '../plan/diff-attachments.js';
import { diffPolicy } from '../plan/diff-policies.js';
import type { PlanHeld, PolicyReach } from '../plan/types.js';
import { attachedTargetIds } from '../verify/scp-coverage.js';
import { accountsReachedBy, computeReach, type HeldAccount } from './reach.js';

export interface LaneOptions {
  /** Include organization-level changes that reach accounts outside a narrowed scope. */
  includeOrgChanges: boolean;
}

export interface PolicyLane {
  changes: UnclassifiedChange[];
  unchanged: number;
  reach: PolicyReach;
  /** Changes left out because they reach outside the scope, with how many accounts. */
  leftOut: { change: UnclassifiedChange; outsideScope: number }[];
}

/**
 * Every account the run holds out: the given holds first (readiness, waves not chosen …), then
 * accounts under an active account/OU exception, then accounts outside the scope. The management
 * account is never held: SCPs do not apply to it and its defaults follow the config.
 */
export function collectHolds(
  observed: ObservedState,
  desired: Pick<DesiredState, 'exceptions'>,
  given: readonly HeldAccount[],
): HeldAccount[] {
  const { org } = observed;
  const byId = new Map<string, HeldAccount>();
  for (const h of given) if (!byId.has(h.accountId)) byId.set(h.accountId, h);
  const inScope = new Set(observed.accounts.map((a) => a.accountId));
  for (const account of org.accounts) {
    if (account.id === org.managementAccountId || byId.has(account.id)) continue;
    if (!inScope.has(account.id)) {
      byId.set(account.id, { accountId: account.id, reason: 'scope' });
      continue;
    }
    const exception = accountException(org, account, desired.exceptions);
    if (exception) {
      byId.set(account.id, {
        accountId: account.id,
        reason: 'exception',
        detail: describeException(exception),
      });
    }
  }
  return org.accounts.flatMap((a) => {
    const h = byId.get(a.id);
    return h && a.id !== org.managementAccountId ? [h] : [];
  });
}

export function toPlanHeld(org: OrgTree, holds: readonly HeldAccount[]): PlanHeld[] {
  const names = new Map(org.accounts.map((a) => [a.id, a.name]));
  return holds.map((h) => ({
    accountId: h.accountId,
    accountName: names.get(h.accountId) ?? h.accountId,
    reason: h.reason,
    ...(h.detail ? { detail: h.detail } : {}),
  }));
}

export function policyLane(
  observed: ObservedState,
  policy: DesiredScp | DesiredDeclarative,
  policyType: string,
  holds: readonly HeldAccount[],
  options: LaneOptions,
): PolicyLane {
  const { org } = observed;
  const outside = new Set(holds.filter((h) => h.reason === 'scope').map((h) => h.accountId));
  const binding = options.includeOrgChanges ? holds.filter((h) => h.reason !== 'scope') : holds;
  const isScp = policyType === SCP_TYPE;
  const reach = computeReach({
    org,
    policyName: policy.name,
    attachTo: policy.attachTo,
    held: binding,
    ...(isScp ? { maxPerTarget: MAX_SCPS_PER_TARGET, attachments: org.scpAttachments } : {}),
  });
  if (reach.blocked.length > 0) {
    const list = reach.blocked.map((b) => `${b.label} (holds ${b.present.join(', ')})`);
    throw new ConfigError(
      `Cannot attach ${policy.name} where it reaches ${list.join('; ')}: the account and every OU above it already hold ${MAX_SCPS_PER_TARGET} SCPs, the most Organizations allows per target.`,
      {
        hint: `Detach or merge SCPs on one of them, or hold the account out of the run (scope.excludeAccounts) so ${policy.name} does not need to reach it.`,
      },
    );
  }
  const attached = attachedTargetIds(observed, policy.name);
  const attachments = diffAttachments(observed, { ...policy, attachTo: reach.targets }, policyType);
  const content = diffPolicy(observed, policy, policyType);
  const leftOut: PolicyLane['leftOut'] = [];
  const changes: UnclassifiedChange[] = [];
  const currentReach = accountsReachedBy(org, attached);
  for (const change of content.changes) {
    if (change.kind !== 'policy.update') {
      changes.push(change);
      continue;
    }
    const update = { ...change, attachedTo: [...attached].sort() };
    const beyond = currentReach.filter((id) => outside.has(id)).length;
    if (beyond > 0 && !options.includeOrgChanges)
      leftOut.push({ change: update, outsideScope: beyond });
    else changes.push(update);
  }
  changes.push(...attachments.changes);
  const updating = changes.some((c) => c.kind === 'policy.update');
  const after = new Set([...reach.reached, ...currentReach]);
  const names = new Map(org.accounts.map((a) => [a.id, a]));
  // Outside a narrowed scope an earlier attachment is no news; a held account it reaches is.
  const alreadyReached = reach.held.flatMap((h) => {
    const account = names.get(h.accountId);
    if (!account || h.reason === 'scope') return [];
    const via = coveringTargets(org, account).find((t) => attached.has(t.id));
    return via
      ? [
          {
            accountId: account.id,
            accountName: account.name,
            via: via.type === 'ACCOUNT' ? accountLabel(account) : via.label,
          },
        ]
      : [];
  });
  const reachedOutside = [...after].filter((id) => outside.has(id));
  return {
    changes,
    unchanged: content.unchanged + attachments.unchanged,
    leftOut,
    reach: {
      policyName: policy.name,
      policyType,
      targets: reach.targets.map((t) => t.label),
      accounts: after.size,
      held: toPlanHeld(org, reach.held),
      alreadyReached,
      outsideScope:
        options.includeOrgChanges && (attachments.changes.length > 0 || updating)
          ? reachedOutside.length
          : 0,
    },
  };
}
