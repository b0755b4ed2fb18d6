/** The guardrail SCP itself: enable the policy type, create the policy or update its content. */
import type { DesiredDeclarative, DesiredScp } from '../desired/types.js';
import { samePolicyContent } from '../model/canonical-json.js';
import { SCP_TYPE } from '../model/policy-names.js';
import type { ObservedState } from '../model/types.js';
import type { UnclassifiedChange } from './classify-risk.js';

export interface OrgLevelDiff {
  changes: UnclassifiedChange[];
  /** Org-level items already as desired (counted as unchanged). */
  unchanged: number;
}

export function diffPolicyType(observed: ObservedState, policyType = SCP_TYPE): OrgLevelDiff {
  const root = observed.org.root;
  const status = root.policyTypes.find((t) => t.type === policyType)?.status;
  if (status === 'ENABLED') return { changes: [], unchanged: 1 };
  return {
    changes: [{ kind: 'policyType.enable', rootId: root.id, policyType }],
    unchanged: 0,
  };
}

export function diffPolicy(
  observed: ObservedState,
  scp: DesiredScp | DesiredDeclarative,
  policyType = SCP_TYPE,
): OrgLevelDiff {
  const existing = observed.policies.find((p) => p.summary.name === scp.name);
  if (!existing) {
    return {
      changes: [
        {
          kind: 'policy.create',
          policyName: scp.name,
          policyType,
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
