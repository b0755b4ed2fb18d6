/**
 * What the world looks like after a list of changes succeeded, computed without AWS: the model the
 * property tests check the plan against (apply the plan → plan again → nothing left to do) and
 * the inverses against (apply, undo → the state before). Never mutates its input.
 */
import { applyImdsSetting } from './model/imds.js';
import type { ObservedPolicy, ObservedState, PolicySummary } from './model/types.js';
import { stableHash } from './plan/change-id.js';
import type { Change } from './plan/types.js';

export function simulatedPolicyId(policyName: string): string {
  return `p-${stableHash(policyName).slice(0, 8)}`;
}

export function applyChanges(observed: ObservedState, changes: readonly Change[]): ObservedState {
  const next = structuredClone(observed);
  for (const change of changes) applyOne(next, change);
  return next;
}

function applyOne(state: ObservedState, change: Change): void {
  switch (change.kind) {
    case 'policyType.enable': {
      const types = state.org.root.policyTypes.filter((t) => t.type !== change.policyType);
      state.org.root.policyTypes = [...types, { type: change.policyType, status: 'ENABLED' }];
      return;
    }
    case 'policy.create': {
      const id = simulatedPolicyId(change.policyName);
      const summary: PolicySummary = {
        id,
        name: change.policyName,
        arn: `arn:aws:organizations::${state.org.managementAccountId}:policy/${state.org.organizationId}/service_control_policy/${id}`,
        awsManaged: false,
        type: change.policyType,
      };
      state.policies.push({ summary, content: change.content, targets: [] });
      return;
    }
    case 'policy.update': {
      const policy = findPolicy(state, change.policyName);
      if (policy) policy.content = change.after.content;
      return;
    }
    case 'policy.delete':
      removePolicy(state, change.policyName);
      return;
    case 'policy.swap': {
      const policy = findPolicy(state, change.policyName);
      if (policy) policy.content = change.after.content;
      removePolicy(state, change.canaryName);
      return;
    }
    case 'attachment.add': {
      const policy = findPolicy(state, change.policyName);
      if (!policy || policy.targets.includes(change.target.id)) return;
      policy.targets.push(change.target.id);
      const list = state.org.scpAttachments[change.target.id] ?? [];
      state.org.scpAttachments[change.target.id] = [...list, { ...policy.summary }];
      return;
    }
    case 'attachment.remove': {
      const policy = findPolicy(state, change.policyName);
      if (policy) policy.targets = policy.targets.filter((t) => t !== change.target.id);
      const list = state.org.scpAttachments[change.target.id] ?? [];
      state.org.scpAttachments[change.target.id] = list.filter((p) => p.name !== change.policyName);
      return;
    }
    case 'imds.set': {
      const account = state.accounts.find((a) => a.accountId === change.accountId);
      const region = account?.regions.find((r) => r.region === change.region);
      if (region?.status === 'ok') {
        region.imds.defaults = applyImdsSetting(region.imds.defaults, change.after);
      }
      return;
    }
  }
}

function findPolicy(state: ObservedState, name: string): ObservedPolicy | undefined {
  return state.policies.find((p) => p.summary.name === name);
}

function removePolicy(state: ObservedState, name: string): void {
  state.policies = state.policies.filter((p) => p.summary.name !== name);
  for (const [target, list] of Object.entries(state.org.scpAttachments)) {
    state.org.scpAttachments[target] = list.filter((p) => p.name !== name);
  }
}
