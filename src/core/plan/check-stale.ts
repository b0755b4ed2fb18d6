/**
 * A saved plan is applied exactly, or not at all: re-read the world and list every target whose
 * state is no longer what the plan was based on (Terraform saved plans). Pure: (plan, fresh) → labels.
 */
import { samePolicyContent } from '../model/canonical-json.js';
import { sameImds } from '../model/imds.js';
import type { ObservedState, RegionObservation } from '../model/types.js';
import { attachedTargetIds } from '../verify/scp-coverage.js';
import type { Change, Plan } from './types.js';

export function checkStale(plan: Pick<Plan, 'changes'>, fresh: ObservedState): string[] {
  return staleChanges(plan, fresh).labels;
}

/** The stale targets' labels and the ids of their changes. */
export function staleChanges(
  plan: Pick<Plan, 'changes'>,
  fresh: ObservedState,
): { labels: string[]; ids: Set<string> } {
  const labels: string[] = [];
  const ids = new Set<string>();
  const regions = new Map<string, RegionObservation>();
  for (const a of fresh.accounts)
    for (const r of a.regions) regions.set(`${a.accountId}:${r.region}`, r);
  for (const change of plan.changes) {
    const why = staleReason(change, fresh, regions);
    if (why) {
      labels.push(why);
      ids.add(change.id);
    }
  }
  return { labels, ids };
}

function staleReason(
  change: Change,
  fresh: ObservedState,
  regions: Map<string, RegionObservation>,
): string | undefined {
  switch (change.kind) {
    case 'imds.set': {
      const label = `${change.accountName} (${change.accountId}) ${change.region}`;
      const region = regions.get(`${change.accountId}:${change.region}`);
      if (region?.status !== 'ok') return `${label} (no longer readable)`;
      if (region.imds.managedBy === 'declarative-policy') {
        return `${label} (now managed by a declarative policy)`;
      }
      return sameImds(region.imds.defaults, change.before) ? undefined : label;
    }
    case 'policy.create':
      return fresh.policies.some((p) => p.summary.name === change.policyName)
        ? `policy ${change.policyName} (now exists)`
        : undefined;
    case 'policy.update':
    case 'policy.swap':
    case 'policy.delete': {
      const policy = fresh.policies.find((p) => p.summary.name === change.policyName);
      if (!policy) return `policy ${change.policyName} (no longer exists)`;
      return samePolicyContent(policy.content, change.before.content)
        ? undefined
        : `policy ${change.policyName} (content changed)`;
    }
    case 'attachment.add':
      return attachedTargetIds(fresh, change.policyName).has(change.target.id)
        ? `${change.policyName} on ${change.target.label} (now attached)`
        : undefined;
    case 'attachment.remove':
      return attachedTargetIds(fresh, change.policyName).has(change.target.id)
        ? undefined
        : `${change.policyName} on ${change.target.label} (no longer attached)`;
    case 'policyType.enable':
      return undefined;
    case 'launchTemplate.update':
    case 'instance.metadata':
      // Workloads are not in the ObservedState: a saved remediation plan is checked against a
      // fresh remediation plan instead (src/app/remediate.ts).
      return undefined;
  }
}
