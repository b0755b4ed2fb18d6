/**
 * SCP content updates are canaried like everything else. An update of a policy already attached
 * reaches every account below its attachments at once; staged instead, the new content goes out
 * under a second policy (`DenyIMDSv1-next`) created in the first wave and attached to the
 * targets of each wave in turn (the reach model: never a held account), and in the last wave the
 * policy takes the new content while the canary is detached and deleted (`policy.swap`).
 *
 * SCP Denies combine, so only a stricter update is canaried this way: a loosening one (a Deny
 * narrowed) still applies the old content through the original attachments until the last wave,
 * so it stays an in-place update there, and the plan says why. So does an update the 5-SCPs-per-
 * target quota cannot stage. A canary an interrupted run left behind is reused, or removed.
 */
import { accountLabel } from '../desired/org-lookup.js';
import { samePolicyContent } from '../model/canonical-json.js';
import { SCP_TYPE } from '../model/policy-names.js';
import type { ObservedState, OrgTree } from '../model/types.js';
import { accountsReachedBy, computeReach, type HeldAccount } from '../reach/reach.js';
import { attachedTargetIds } from '../verify/scp-coverage.js';
import type { UnclassifiedChange } from './classify-risk.js';
import { MAX_SCPS_PER_TARGET } from './diff-attachments.js';
import { describeRelaxedFields, policyRelaxedFields } from './relaxing.js';
import type { ScpCanary, TargetRef } from './types.js';
import { type WaveConfig, waveIndexes } from './waves.js';

const SUFFIX = '-next';
const MAX_NAME = 128;

/** `DenyIMDSv1-next`: still a valid SCP name (1–128 of letters, digits and +=,.@-_). */
export function canaryNameOf(policyName: string): string {
  return `${policyName.slice(0, MAX_NAME - SUFFIX.length)}${SUFFIX}`;
}

export interface CanaryInput {
  observed: ObservedState;
  policyName: string;
  /** The policy lane's changes (update, attachments) for this SCP. */
  changes: readonly UnclassifiedChange[];
  /** Every account the run holds out (all reasons): the canary never reaches them. */
  holds: readonly HeldAccount[];
  waves: readonly WaveConfig[];
}

export interface CanaryResult {
  changes: UnclassifiedChange[];
  canary?: ScpCanary;
}

type Update = Extract<UnclassifiedChange, { kind: 'policy.update' }>;

export function stageScpUpdate(input: CanaryInput): CanaryResult {
  const { observed, policyName, waves } = input;
  const canaryName = canaryNameOf(policyName);
  const original = observed.policies.find((p) => p.summary.name === policyName);
  const leftover = observed.policies.find(
    (p) => p.summary.name === canaryName && !p.summary.awsManaged,
  );
  const update = input.changes.find((c): c is Update => c.kind === 'policy.update');
  if (!original || (!update && !leftover)) return { changes: [...input.changes] };
  const org = observed.org;
  const { accountWave, latestWaveOf } = waveIndexes(org, waves);
  const attached = [...attachedTargetIds(observed, policyName)];
  const canaryAttached = leftover ? [...attachedTargetIds(observed, canaryName)] : [];
  const swapIndex = latestWaveOf([...attached, ...canaryAttached]) ?? 0;
  const swapWave = waves[swapIndex]?.name ?? '';
  const content = update ? update.after.content : original.content;
  const swap: UnclassifiedChange = {
    kind: 'policy.swap',
    policyId: original.summary.id,
    policyName,
    canaryName,
    ...(leftover ? { canaryId: leftover.summary.id, canaryContent: leftover.content } : {}),
    before: { content: original.content },
    after: { content },
    attachedTo: [...new Set([...attached, ...canaryAttached])].sort(),
  };
  const others = input.changes.filter((c) => c !== update);
  /** The update in place in one wave; a leftover canary goes in the same step. */
  const inPlace = (reason: string): CanaryResult => ({
    changes: leftover ? [...others, swap] : [...input.changes],
    ...(waves.length > 1 || leftover
      ? {
          canary: { policyName, canaryName, staged: false, reason, stages: [], swapWave },
        }
      : {}),
  });
  if (!update) return inPlace(`${canaryName} is left from an earlier run: removed`);
  if (waves.length < 2) return inPlace('one rollout wave');
  const relaxed = policyRelaxedFields(update.before.content, update.after.content);
  if (relaxed.length > 0) {
    return inPlace(
      `the update loosens it (${describeRelaxedFields(relaxed)}): the old content would still apply through ${policyName} until the last wave, so a canary cannot stage it`,
    );
  }
  const planned = plannedStages(input, { canaryName, accountWave, swapIndex });
  if ('refused' in planned) return inPlace(planned.refused);
  if (planned.stages.length === 0) {
    return inPlace(`every account it reaches is in wave ${swapWave}`);
  }
  const canaryChanges: UnclassifiedChange[] = [];
  if (!leftover) {
    canaryChanges.push({
      kind: 'policy.create',
      policyName: canaryName,
      policyType: SCP_TYPE,
      description: `Canary of ${policyName}: its new content, wave by wave (org-guardrails deletes it at the end of the rollout).`,
      content: update.after.content,
    });
  } else if (!samePolicyContent(leftover.content, update.after.content)) {
    canaryChanges.push({
      kind: 'policy.update',
      policyId: leftover.summary.id,
      policyName: canaryName,
      before: { content: leftover.content },
      after: { content: update.after.content },
      attachedTo: [...canaryAttached].sort(),
    });
  }
  // A leftover canary attached where it may no longer reach (an account now held, a later
  // wave): detached first, so the canary never reaches beyond its waves (relaxing: approved).
  for (const ref of targetRefs(org, canaryAttached)) {
    const below = ref.type === 'ACCOUNT' ? [ref.id] : accountsReachedBy(org, [ref.id]);
    if (below.every((id) => planned.allowed.has(id))) continue;
    canaryChanges.push({
      kind: 'attachment.remove',
      policyName: canaryName,
      policyId: leftover?.summary.id ?? '',
      target: ref,
    });
  }
  const already = new Set(canaryAttached);
  for (const target of planned.targets) {
    if (already.has(target.id)) continue;
    canaryChanges.push({
      kind: 'attachment.add',
      policyName: canaryName,
      ...(leftover ? { policyId: leftover.summary.id } : {}),
      target,
    });
  }
  return {
    changes: [...others, ...canaryChanges, swap],
    canary: {
      policyName,
      canaryName,
      staged: true,
      stages: planned.stages.map((s) => ({
        wave: waves[s.index]?.name ?? '',
        accounts: s.accounts,
      })),
      swapWave,
    },
  };
}

interface StagePlan {
  targets: TargetRef[];
  /** The accounts the canary may reach by the last wave before the swap. */
  allowed: Set<string>;
  stages: { index: number; accounts: number }[];
}

/**
 * For each wave before the swap: the canary's targets that reach the accounts of the waves so
 * far (and no other account), the way the reach model attaches the policy itself.
 */
function plannedStages(
  input: CanaryInput,
  ctx: {
    canaryName: string;
    accountWave: (id: string) => number | undefined;
    swapIndex: number;
  },
): StagePlan | { refused: string } {
  const { observed, policyName } = input;
  const org = observed.org;
  const adds = input.changes.flatMap((c) =>
    c.kind === 'attachment.add' && c.policyName === policyName ? [c.target] : [],
  );
  const configured = [...targetRefs(org, attachedTargetIds(observed, policyName)), ...adds];
  const reached = accountsReachedBy(
    org,
    configured.map((t) => t.id),
  );
  const held = new Set(input.holds.map((h) => h.accountId));
  const addedTo = new Set(adds.map((t) => t.id));
  const targets = new Map<string, TargetRef>();
  const stages: StagePlan['stages'] = [];
  let counted = 0;
  let lastAllowed = new Set<string>();
  for (let k = 0; k < ctx.swapIndex; k++) {
    const allowed = new Set(
      reached.filter((id) => !held.has(id) && (ctx.accountWave(id) ?? Infinity) <= k),
    );
    lastAllowed = allowed;
    if (allowed.size === counted) continue;
    const outside: HeldAccount[] = org.accounts
      .filter((a) => !allowed.has(a.id))
      .map((a) => ({ accountId: a.id, reason: 'wave' }));
    const reach = computeReach({
      org,
      policyName: ctx.canaryName,
      attachTo: configured,
      held: outside,
      maxPerTarget: MAX_SCPS_PER_TARGET,
      attachments: org.scpAttachments,
    });
    const blocked = reach.blocked[0];
    if (blocked) return { refused: quotaReason(ctx.canaryName, blocked.label, blocked.present) };
    const reachedNow = new Set(reach.reached);
    const missing = [...allowed].filter((id) => !reachedNow.has(id));
    if (missing.length > 0) return { refused: `${ctx.canaryName} cannot reach ${missing[0]}` };
    let added = false;
    for (const target of reach.targets) {
      if (targets.has(target.id)) continue;
      // An OU that holds no account yet is not worth a canary attachment (accounts always are).
      if (target.type !== 'ACCOUNT' && accountsReachedBy(org, [target.id]).length === 0) continue;
      const present = (org.scpAttachments[target.id] ?? []).filter(
        (p) => p.name !== ctx.canaryName,
      );
      const after = present.length + (addedTo.has(target.id) ? 1 : 0) + 1;
      if (after > MAX_SCPS_PER_TARGET) {
        return {
          refused: quotaReason(
            ctx.canaryName,
            target.label,
            present.map((p) => p.name),
          ),
        };
      }
      targets.set(target.id, target);
      added = true;
    }
    if (added) stages.push({ index: k, accounts: allowed.size - counted });
    counted = allowed.size;
  }
  return { targets: [...targets.values()], stages, allowed: lastAllowed };
}

function quotaReason(canaryName: string, label: string, present: readonly string[]): string {
  return `attaching ${canaryName} to ${label} would exceed the ${MAX_SCPS_PER_TARGET} SCPs per target (it holds ${present.join(', ') || 'its quota'})`;
}

function targetRefs(org: OrgTree, ids: Iterable<string>): TargetRef[] {
  const refs: TargetRef[] = [];
  for (const id of ids) {
    if (id === org.root.id) refs.push({ type: 'ROOT', id, label: 'Root' });
    const ou = org.ous.find((o) => o.id === id);
    if (ou) refs.push({ type: 'ORGANIZATIONAL_UNIT', id, label: ou.path });
    const account = org.accounts.find((a) => a.id === id);
    if (account) refs.push({ type: 'ACCOUNT', id, label: accountLabel(account) });
  }
  return refs;
}
