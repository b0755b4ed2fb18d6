/**
 * Attach the guardrail SCP to each configured target that does not hold it directly. A target
 * holds at most 5 SCPs: checked here, before any write, naming the policies already there.
 */

import type { DesiredDeclarative, DesiredScp } from '../desired/types.js';
import { ConfigError } from '../errors.js';
import { SCP_TYPE } from '../model/policy-names.js';
import type { ObservedState } from '../model/types.js';
import { attachedTargetIds } from '../verify/scp-coverage.js';
import type { OrgLevelDiff } from './diff-policies.js';

export const MAX_SCPS_PER_TARGET = 5;

export function diffAttachments(
  observed: ObservedState,
  scp: DesiredScp | DesiredDeclarative,
  policyType = SCP_TYPE,
): OrgLevelDiff {
  const attached = attachedTargetIds(observed, scp.name);
  const policyId = observed.policies.find((p) => p.summary.name === scp.name)?.summary.id;
  const diff: OrgLevelDiff = { changes: [], unchanged: 0 };
  for (const target of scp.attachTo) {
    if (attached.has(target.id)) {
      diff.unchanged += 1;
      continue;
    }
    const present = policyType === SCP_TYPE ? (observed.org.scpAttachments[target.id] ?? []) : [];
    if (present.length >= MAX_SCPS_PER_TARGET) {
      const names = present.map((p) => p.name).join(', ');
      throw new ConfigError(
        `Cannot attach ${scp.name} to ${target.label}: it already holds ${present.length} SCPs (${names}); Organizations allows ${MAX_SCPS_PER_TARGET} per target.`,
        {
          hint: `Detach one of them, merge two into one, or attach ${scp.name} to an OU above ${target.label} (scp.attachTo).`,
        },
      );
    }
    diff.changes.push({
      kind: 'attachment.add',
      policyName: scp.name,
      ...(policyType === SCP_TYPE ? {} : { policyType }),
      ...(policyId ? { policyId } : {}),
      target,
    });
  }
  return diff;
}
