/**
 * The reach of a plan in words, one line per guardrail policy — the same sentence in the plan
 * output, the rollout's gate and Confirm steps: "DenyIMDSv1 will reach 10 accounts; held:
 * payments-dev (readiness)". Plus a line per change a narrowed run left out.
 */
import type {
  Change,
  LeftOutChange,
  Plan,
  PlanHeld,
  PolicyReach,
  ScpCanary,
} from '../plan/types.js';
import { HOLD_REASON_LABELS } from './reach.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function describeHeldList(held: readonly PlanHeld[]): string {
  const outside = held.filter((h) => h.reason === 'scope').length;
  const named = held
    .filter((h) => h.reason !== 'scope')
    .map((h) => `${h.accountName || h.accountId} (${HOLD_REASON_LABELS[h.reason]})`);
  if (outside > 0) named.push(`${plural(outside, 'account')} outside the scope`);
  return named.join(', ');
}

export function describePolicyReach(reach: PolicyReach): string {
  const parts = [`${reach.policyName} will reach ${plural(reach.accounts, 'account')}`];
  if (reach.outsideScope > 0) {
    parts[0] += ` (${reach.outsideScope} outside the scope: --include-org-changes)`;
  }
  if (reach.held.length > 0) parts.push(`held: ${describeHeldList(reach.held)}`);
  if (reach.alreadyReached.length > 0) {
    const via = reach.alreadyReached.map((a) => `${a.accountName} via ${a.via}`).join(', ');
    parts.push(`already reached through an earlier attachment guardrails does not remove: ${via}`);
  }
  return parts.join('; ');
}

export function describeLeftOut(left: LeftOutChange): string {
  return `Left out: ${changeWords(left.change)} would reach ${plural(left.outsideScope, 'account')} outside the scope (add --include-org-changes to include it).`;
}

/**
 * Which wave gets an SCP's new content: "DenyIMDSv1 content update: canaried as DenyIMDSv1-next
 * in wave canary (1 account), widened in wave dev (3 accounts), swapped in wave production".
 */
export function describeCanary(canary: ScpCanary): string {
  const head = `${canary.policyName} content update`;
  if (!canary.staged) {
    if (canary.reason?.startsWith(canary.canaryName)) {
      return `${canary.reason} in wave ${canary.swapWave}`;
    }
    return `${head}: not canaried (${canary.reason ?? 'no wave before the last'}); updated in place in wave ${canary.swapWave}, reaching every account below ${canary.policyName} at once`;
  }
  const [first, ...rest] = canary.stages;
  const parts = [
    `${head}: canaried as ${canary.canaryName} in wave ${first?.wave} (${plural(first?.accounts ?? 0, 'account')})`,
    ...rest.map((s) => `widened in wave ${s.wave} (${plural(s.accounts, 'account')})`),
    `swapped in wave ${canary.swapWave}`,
  ];
  return parts.join(', ');
}

/**
 * What a wave does with an SCP's new content, for the wave screen: `DenyIMDSv1-next (new
 * DenyIMDSv1 content)` where the canary goes out, `DenyIMDSv1 takes the new content` where it is
 * swapped in, `DenyIMDSv1 content updated in place` where an update is not canaried.
 */
export function canaryRoleOf(plan: Pick<Plan, 'canaries'>, wave: string): string | undefined {
  const roles = (plan.canaries ?? []).flatMap((c) => {
    if (c.stages.some((s) => s.wave === wave)) {
      return [`${c.canaryName} (new ${c.policyName} content)`];
    }
    if (c.swapWave !== wave) return [];
    if (c.staged) return [`${c.policyName} takes the new content`];
    return c.reason?.startsWith(c.canaryName)
      ? [`${c.canaryName} removed`]
      : [`${c.policyName} content updated in place`];
  });
  return roles.length > 0 ? roles.join(', ') : undefined;
}

/** Every reach sentence, canary and left-out line of a plan (empty for plans without the model). */
export function describeReach(plan: Pick<Plan, 'reach' | 'leftOut' | 'canaries'>): string[] {
  return [
    ...(plan.reach ?? []).map(describePolicyReach),
    ...(plan.canaries ?? []).map(describeCanary),
    ...(plan.leftOut ?? []).map(describeLeftOut),
  ];
}

function changeWords(change: Change): string {
  switch (change.kind) {
    case 'policy.update':
      return `the update of ${change.policyName}`;
    case 'attachment.add':
      return `attaching ${change.policyName} to ${change.target.label}`;
    default:
      return change.kind;
  }
}
