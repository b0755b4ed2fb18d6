/**
 * plan = buildPlan(observed, desired): pure. Enable the SCP policy type if needed → create or
 * update the policy → attach it → set IMDS defaults per account × region. Deterministic ids and
 * order, so the same world and config always give the same plan (saved with `plan --out`).
 */

import { DECLARATIVE_EC2_TYPE, type DesiredState } from '../desired/types.js';
import { BugError } from '../errors.js';
import { SCP_TYPE } from '../model/policy-names.js';
import type { ObservedState } from '../model/types.js';
import { collectHolds, policyLane, toPlanHeld } from '../reach/policy-lane.js';
import { type HeldAccount, HOLD_REASON_LABELS } from '../reach/reach.js';
import { changeId, changeKey } from './change-id.js';
import { classifyRisk } from './change-kinds.js';
import type { UnclassifiedChange } from './classify-risk.js';
import { walkImdsDefaults } from './diff-imds-defaults.js';
import { diffPolicyType } from './diff-policies.js';
import { sortChanges } from './order.js';
import { stageScpUpdate } from './scp-canary.js';
import { summarizeCounts } from './summarize.js';
import type {
  Change,
  LeftOutChange,
  Plan,
  PlanHeld,
  PlanSummary,
  PolicyReach,
  ScpCanary,
  SkippedTarget,
} from './types.js';
import type { WaveConfig } from './waves.js';

export interface BuildPlanInput {
  observed: ObservedState;
  desired: DesiredState;
  meta: { toolVersion: string; createdAt: string; configHash: string; observedHash: string };
  /**
   * Accounts the run holds out besides exceptions and the scope (readiness gate, waves not
   * chosen): nothing of any lane reaches them; launches the SCP would refuse (`launches`):
   * the SCP does not reach them, their defaults and the declarative policy still apply.
   */
  held?: readonly HeldAccount[];
  /** A narrowed run includes organization-level changes that reach outside its scope. */
  includeOrgChanges?: boolean;
  /**
   * The rollout waves (config.rollout.waves): with more than one, a content update of the
   * attached SCP is canaried wave by wave (scp-canary.ts). Absent: updated in place.
   */
  waves?: readonly WaveConfig[];
}

export function buildPlan(input: BuildPlanInput): Plan {
  const all: Change[] = [];
  const walked = walkPlan(input, (c) => all.push(c));
  const ids = new Set(all.map((c) => c.id));
  if (ids.size !== all.length) throw new BugError('two planned changes share an id');
  const changes = sortChanges(all);
  return assemblePlan(
    input,
    changes,
    walked,
    summarizeCounts(changes, walked.unchanged, walked.skipped.length),
  );
}

/** The plan of a walk, with the changes given (sorted) and their summary. */
export function assemblePlan(
  input: Pick<BuildPlanInput, 'observed' | 'desired' | 'meta'>,
  changes: Change[],
  walked: PlanWalk,
  summary: PlanSummary,
): Plan {
  const { observed, desired, meta } = input;
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
    skipped: walked.skipped,
    summary,
    ...(desired.stage !== undefined ? { stage: desired.stage } : {}),
    ...(desired.strategy !== undefined ? { strategy: desired.strategy } : {}),
    ...(walked.held.length > 0 ? { held: walked.held } : {}),
    ...(walked.reach.length > 0 ? { reach: walked.reach } : {}),
    ...(walked.leftOut.length > 0 ? { leftOut: walked.leftOut } : {}),
    ...(walked.canaries.length > 0 ? { canaries: walked.canaries } : {}),
  };
}

/** Everything of a plan but its changes, which walkPlan hands out one by one. */
export interface PlanWalk {
  skipped: SkippedTarget[];
  /** Account × region targets and org-level items already as desired. */
  unchanged: number;
  held: PlanHeld[];
  reach: PolicyReach[];
  leftOut: LeftOutChange[];
  canaries: ScpCanary[];
}

/**
 * The plan target by target: each change, final (id, risk, dependencies), goes to `visit` — the
 * organization-level ones first (in plan order), then one per account × region in observation
 * order. buildPlan keeps and sorts them; the saved-plan check compares each with the saved
 * change of the same id and keeps none.
 */
export function walkPlan(input: BuildPlanInput, visit: (change: Change) => void): PlanWalk {
  const { observed, desired } = input;
  const org: UnclassifiedChange[] = [];
  let unchanged = 0;
  const policies = [
    ...(desired.scp ? [{ policy: desired.scp, type: SCP_TYPE }] : []),
    ...(desired.declarative ? [{ policy: desired.declarative, type: DECLARATIVE_EC2_TYPE }] : []),
  ];
  const holds = collectHolds(observed, desired, input.held ?? []);
  const reach: PolicyReach[] = [];
  const leftOutRaw: { change: UnclassifiedChange; outsideScope: number }[] = [];
  const canaries: ScpCanary[] = [];
  for (const { policy, type } of policies) {
    const enable = diffPolicyType(observed, type);
    // Launches the SCP would refuse hold an account out of the SCP only: the declarative
    // policy and the account defaults do not refuse launches.
    const laneHolds = type === SCP_TYPE ? holds : holds.filter((h) => h.reason !== 'launches');
    const lane = policyLane(observed, policy, type, laneHolds, {
      includeOrgChanges: input.includeOrgChanges === true,
    });
    const staged =
      // A narrowed run that left the update out leaves its canary alone too.
      type === SCP_TYPE && !lane.leftOut.some((l) => l.change.kind === 'policy.update')
        ? stageScpUpdate({
            observed,
            policyName: policy.name,
            changes: lane.changes,
            holds,
            waves: input.waves ?? [],
          })
        : { changes: lane.changes };
    if (staged.canary) canaries.push(staged.canary);
    org.push(...enable.changes, ...staged.changes);
    unchanged += enable.unchanged + lane.unchanged;
    reach.push(lane.reach);
    leftOutRaw.push(...lane.leftOut);
  }
  // Dependencies only ever point at organization-level changes: they are resolved among those.
  for (const change of finalize(org)) visit(change);
  // Held by the run (not by an exception, which the IMDS diff reports itself): no defaults.
  const heldByRun = new Map(
    holds
      .filter((h) => h.reason !== 'scope' && h.reason !== 'exception' && h.reason !== 'launches')
      .map((h) => [h.accountId, h]),
  );
  const imds = walkImdsDefaults(observed, desired, (c) => {
    if (c.kind !== 'imds.set' || !heldByRun.has(c.accountId)) visit(finalizeOne(c));
  });
  const leftOut: LeftOutChange[] = leftOutRaw.map((l) => ({
    change: finalize([l.change])[0] as Change,
    outsideScope: l.outsideScope,
  }));
  return {
    skipped: [...imds.skipped, ...heldSkips(observed, heldByRun)],
    unchanged: unchanged + imds.unchanged,
    held: toPlanHeld(
      observed.org,
      holds.filter((h) => h.reason !== 'scope'),
    ),
    reach,
    leftOut,
    canaries,
  };
}

/** One skipped entry per account the run holds out (its defaults are not touched). */
function heldSkips(
  observed: BuildPlanInput['observed'],
  held: ReadonlyMap<string, HeldAccount>,
): SkippedTarget[] {
  return observed.org.accounts.flatMap((a) => {
    const h = held.get(a.id);
    if (!h) return [];
    return [
      {
        accountId: a.id,
        accountName: a.name,
        ouPath: a.parentPath,
        reason: 'held' as const,
        message: `held out of the run (${HOLD_REASON_LABELS[h.reason]})${h.detail ? `: ${h.detail}` : ''}`,
      },
    ];
  });
}

/**
 * The one change kind there are 100,000 of at 10,000 × 17: one object literal with every member
 * (same order as before, so saved plans are byte-identical) is a fixed shape of ~110 bytes, where
 * a copy that gains id, risk and dependsOn afterwards grows an out-of-object property store.
 */
function imdsChange(c: Extract<UnclassifiedChange, { kind: 'imds.set' }>): Change {
  return {
    kind: c.kind,
    accountId: c.accountId,
    accountName: c.accountName,
    ouPath: c.ouPath,
    region: c.region,
    before: c.before,
    after: c.after,
    fields: c.fields,
    id: '',
    risk: 'neutral',
    dependsOn: NO_DEPENDENCIES,
  };
}

const NO_DEPENDENCIES = Object.freeze([]) as unknown as string[];

/** Id and risk; dependencies are added by finalize (an imds change has none). */
function finalizeOne(c: UnclassifiedChange): Change {
  // Object.assign, not a spread: a spread site that has seen every change kind goes megamorphic
  // and gives each copy its own hidden class (≈ 500 B more per change, 50 MB at 10,000 × 17).
  const change = c.kind === 'imds.set' ? imdsChange(c) : (Object.assign({}, c) as Change);
  change.id = changeId(changeKey(c));
  change.risk = classifyRisk(c);
  // Only policy changes get dependencies (finalize); an imds change shares the one empty list.
  change.dependsOn = c.kind === 'imds.set' ? NO_DEPENDENCIES : [];
  return change;
}

/** Ids, risk, dependencies (enable type → create policy → attach) and the stable order. */
export function finalize(unclassified: readonly UnclassifiedChange[]): Change[] {
  const changes = unclassified.map(finalizeOne);
  const ids = new Set(changes.map((c) => c.id));
  if (ids.size !== changes.length) throw new BugError('two planned changes share an id');
  const enables = new Map(
    changes.flatMap((c) => (c.kind === 'policyType.enable' ? [[c.policyType, c.id] as const] : [])),
  );
  const created = new Map(
    changes.flatMap((c) => (c.kind === 'policy.create' ? [[c.policyName, c.id] as const] : [])),
  );
  // An SCP canary's content is written (created, or a leftover updated) before it is attached
  // anywhere or swapped in: its attachments and the swap wait for it (and so run after it).
  const canaries = new Set(
    changes.flatMap((c) => (c.kind === 'policy.swap' ? [c.canaryName] : [])),
  );
  const canaryContent = new Map(
    changes.flatMap((c) =>
      c.kind === 'policy.update' && canaries.has(c.policyName)
        ? [[c.policyName, c.id] as const]
        : [],
    ),
  );
  for (const c of changes) {
    const canary =
      c.kind === 'policy.swap' ? c.canaryName : c.kind === 'attachment.add' ? c.policyName : '';
    const content = canaryContent.get(canary);
    if (content) c.dependsOn.push(content);
    if (c.kind === 'policy.swap') {
      const create = created.get(c.canaryName);
      if (create) c.dependsOn.push(create);
    }
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
