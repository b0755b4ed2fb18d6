/** The guardrail SCP itself: enable the policy type, create the policy or update its content. */
import type { DesiredScp } from '../desired/types.js';
import { samePolicyContent } from '../model/canonical-json.js';
import type { ObservedState } from '../model/types.js';
import type { UnclassifiedChange } from './classify-risk.js';

export const SCP_TYPE = 'SERVICE_CONTROL_POLICY';

export interface OrgLevelDiff {
  changes: UnclassifiedChange[];
  /** Org-level items already as desired (counted as unchanged). */
  unchanged: number;
}

export function diffPolicyType(observed: ObservedState): OrgLevelDiff {
  const root = observed.org.root;
  const status = root.policyTypes.find((t) => t.type === SCP_TYPE)?.status;
  if (status === 'ENABLED') return { changes: [], unchanged: 1 };
  return {
    changes: [{ kind: 'policyType.enable', rootId: root.id, policyType: SCP_TYPE }],
    unchanged: 0,
  };
}

export function diffPolicy(observed: ObservedState, scp: DesiredScp): OrgLevelDiff {
  const existing = observed.policies.find((p) => p.summary.name === scp.name);
  if (!existing) {
    return {
      changes: [
        {
          kind: 'policy.create',
          policyName: scp.name,
          policyType: SCP_TYPE,
          description: scp.description,
          content: scp.content,
        },
      ],
      unchanged: 0,
    };
  }
  if (samePolicyContent(existing.content, scp.content)) return { changes: [], unchanged: 1 };
  return {
    changes: [
      {
        kind: 'policy.update',
        policyId: existing.summary.id,
        policyName: scp.name,
        before: { content: existing.content },
        after: { content: scp.content },
      },
    ],
    unchanged: 0,
  };
}
