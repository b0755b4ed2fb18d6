/**
 * plan = buildPlan(observed, desired): pure. Enable the SCP policy type if needed → create or
 * update the policy → attach it → set IMDS defaults per account × region. Deterministic ids and
 * order, so the same world and config always give the same plan (saved with `plan --out`).
 */

import { BugError } from '../../errors.js';
import type { DesiredState } from '../desired/types.js';
import type { ObservedState } from '../model/types.js';
import { changeId, changeKey } from './change-id.js';
import { classifyRisk, type UnclassifiedChange } from './classify-risk.js';
import { diffAttachments } from './diff-attachments.js';
import { diffImdsDefaults } from './diff-imds-defaults.js';
import { diffPolicy, diffPolicyType } from './diff-policies.js';
import { sortChanges } from './order.js';
import { summarizeCounts } from './summarize.js';
import type { Change, Plan } from './types.js';

export interface BuildPlanInput {
  observed: ObservedState;
  desired: DesiredState;
  meta: { toolVersion: string; createdAt: string; configHash: string; observedHash: string };
}

export function buildPlan(input: BuildPlanInput): Plan {
  const { observed, desired, meta } = input;
  const org: UnclassifiedChange[] = [];
  let unchanged = 0;
  if (desired.scp) {
    for (const diff of [
      diffPolicyType(observed),
      diffPolicy(observed, desired.scp),
      diffAttachments(observed, desired.scp),
    ]) {
      org.push(...diff.changes);
      unchanged += diff.unchanged;
    }
  }
  const imds = diffImdsDefaults(observed, desired);
  const changes = finalize([...org, ...imds.changes]);
  const skipped = imds.skipped;
  return {
    version: 1,
    toolVersion: meta.toolVersion,
    createdAt: meta.createdAt,
    configHash: meta.configHash,
    observedHash: meta.observedHash,
    caller: observed.caller,
    organizationId: observed.org.organizationId,
    managementAccountId: observed.org.managementAccountId,
    changes,
    skipped,
    summary: summarizeCounts(changes, unchanged + imds.unchanged, skipped.length),
  };
}

/** Ids, risk, dependencies (enable type → create policy → attach) and the stable order. */
export function finalize(unclassified: readonly UnclassifiedChange[]): Change[] {
  const changes = unclassified.map(
    (c) => ({ ...c, id: changeId(changeKey(c)), risk: classifyRisk(c), dependsOn: [] }) as Change,
  );
  const ids = new Set(changes.map((c) => c.id));
  if (ids.size !== changes.length) throw new BugError('two planned changes share an id');
  const enable = changes.find((c) => c.kind === 'policyType.enable');
  const created = new Map(
    changes.flatMap((c) => (c.kind === 'policy.create' ? [[c.policyName, c.id] as const] : [])),
  );
  for (const c of changes) {
    if (enable && (c.kind === 'policy.create' || c.kind === 'policy.update'))
      c.dependsOn.push(enable.id);
    if (c.kind === 'attachment.add') {
      if (enable) c.dependsOn.push(enable.id);
      const create = created.get(c.policyName);
      if (create) c.dependsOn.push(create);
    }
  }
  return sortChanges(changes);
}
