/**
 * plan = buildPlan(observed, desired): pure. Enable the SCP policy type if needed → create or
 * update the policy → attach it → set IMDS defaults per account × region. Deterministic ids and
 * order, so the same world and config always give the same plan (saved with `plan --out`).
 */

import { BugError } from '../../errors.js';
import { DECLARATIVE_EC2_TYPE, type DesiredState } from '../desired/types.js';
import type { ObservedState } from '../model/types.js';
import { changeId, changeKey } from './change-id.js';
import { classifyRisk } from './change-kinds.js';
import type { UnclassifiedChange } from './classify-risk.js';
import { diffAttachments } from './diff-attachments.js';
import { diffImdsDefaults } from './diff-imds-defaults.js';
import { diffPolicy, diffPolicyType, SCP_TYPE } from './diff-policies.js';
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
  const policies = [
    ...(desired.scp ? [{ policy: desired.scp, type: SCP_TYPE }] : []),
    ...(desired.declarative ? [{ policy: desired.declarative, type: DECLARATIVE_EC2_TYPE }] : []),
  ];
  for (const { policy, type } of policies) {
    for (const diff of [
      diffPolicyType(observed, type),
      diffPolicy(observed, policy, type),
      diffAttachments(observed, policy, type),
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
    ...(desired.stage !== undefined ? { stage: desired.stage } : {}),
    ...(desired.strategy !== undefined ? { strategy: desired.strategy } : {}),
  };
}

/** Ids, risk, dependencies (enable type → create policy → attach) and the stable order. */
export function finalize(unclassified: readonly UnclassifiedChange[]): Change[] {
  const changes = unclassified.map(
    (c) => ({ ...c, id: changeId(changeKey(c)), risk: classifyRisk(c), dependsOn: [] }) as Change,
  );
  const ids = new Set(changes.map((c) => c.id));
  if (ids.size !== changes.length) throw new BugError('two planned changes share an id');
  const enables = new Map(
    changes.flatMap((c) => (c.kind === 'policyType.enable' ? [[c.policyType, c.id] as const] : [])),
  );
  const created = new Map(
    changes.flatMap((c) => (c.kind === 'policy.create' ? [[c.policyName, c.id] as const] : [])),
  );
  for (const c of changes) {
    const enable =
      c.kind === 'policy.create' || c.kind === 'attachment.add'
        ? enables.get(c.policyType ?? SCP_TYPE)
        : enables.get(SCP_TYPE);
    if (enable && (c.kind === 'policy.create' || c.kind === 'policy.update'))
      c.dependsOn.push(enable);
    if (c.kind === 'attachment.add') {
      if (enable) c.dependsOn.push(enable);
      const create = created.get(c.policyName);
      if (create) c.dependsOn.push(create);
    }
  }
  return sortChanges(changes);
}
