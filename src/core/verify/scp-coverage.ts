/** Whether the guardrail SCP covers an account: directly, inherited, missing or with other content. */
import { accountException, describeException } from '../desired/exceptions.js';
import { coveringTargets } from '../desired/org-lookup.js';
import type { DesiredState } from '../desired/types.js';
import { samePolicyContent } from '../model/canonical-json.js';
import type { ObservedState, OrgAccount } from '../model/types.js';
import type { ScpResult } from './types.js';

export const MANAGEMENT_ACCOUNT_NOTE =
  'SCPs never apply to the management account; its IMDS defaults are checked directly';

/** Every target id the named policy is attached to, from the policy read and the org tree. */
export function attachedTargetIds(observed: ObservedState, policyName: string): Set<string> {
  const ids = new Set<string>();
  for (const p of observed.policies) {
    if (p.summary.name === policyName) for (const t of p.targets) ids.add(t);
  }
  for (const [target, policies] of Object.entries(observed.org.scpAttachments)) {
    if (policies.some((p) => p.name === policyName)) ids.add(target);
  }
  return ids;
}

export function scpResult(
  observed: ObservedState,
  desired: DesiredState,
  account: OrgAccount,
  /** attachedTargetIds(observed, name), computed once per sweep. */
  attached: Set<string> = attachedTargetIds(observed, desired.scp?.name ?? ''),
): ScpResult | undefined {
  const scp = desired.scp;
  if (!scp) return undefined;
  const base = {
    kind: 'scp' as const,
    accountId: account.id,
    accountName: account.name,
    ouPath: account.parentPath,
  };
  if (account.id === observed.org.managementAccountId) {
    return {
      ...base,
      status: 'compliant',
      coverage: 'management-account',
      detail: MANAGEMENT_ACCOUNT_NOTE,
    };
  }
  const chain = coveringTargets(observed.org, account);
  const via = chain.find((t) => attached.has(t.id));
  if (!via) {
    // The reach model keeps the SCP off an account under an active exception: as configured.
    const exception = accountException(observed.org, account, desired.exceptions);
    if (exception) {
      return {
        ...base,
        status: 'excepted',
        coverage: 'missing',
        detail: `${scp.name} is not attached above it: ${describeException(exception)}`,
      };
    }
    // Only a finding where the config asks for coverage: an account outside every scp.attachTo
    // target stays uncovered after apply, so it must not fail the sweep (plan would be empty).
    const wanted = chain.some((t) => scp.attachTo.some((a) => a.id === t.id));
    return {
      ...base,
      status: wanted ? 'drift' : 'compliant',
      coverage: 'missing',
      detail: wanted
        ? `${scp.name} is not attached to the account, any OU above it, or Root`
        : `${scp.name} does not cover this account: scp.attachTo names neither it nor an OU above it`,
    };
  }
  const policy = observed.policies.find((p) => p.summary.name === scp.name);
  const label = via.type === 'ACCOUNT' ? 'the account' : via.label;
  if (policy && !samePolicyContent(policy.content, scp.content)) {
    return {
      ...base,
      status: 'drift',
      coverage: 'content-differs',
      via: via.label,
      detail: `${scp.name} is attached via ${label} but its content differs from the template`,
    };
  }
  return {
    ...base,
    status: 'compliant',
    coverage: via.type === 'ACCOUNT' ? 'direct' : 'inherited',
    via: via.label,
  };
}
