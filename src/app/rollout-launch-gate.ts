/**
 * The launch gate of the guided rollout: accounts where readiness found launches the SCP would
 * refuse are held out of the SCP's reach (their account defaults still apply) unless the admin
 * lets them in — the IMDSv1-calls gate's overrides (`--allow-at-risk`, `readiness.allowAtRisk`,
 * the prompt in a terminal; `readiness.gate: false` turns both off) and its NDJSON event
 * (`readiness.gated` with `lane: "scp"`).
 */
import { launchGate } from '../core/launch/gate.js';
import type { Plan } from '../core/plan/types.js';
import type { HeldAccount } from '../core/reach/reach.js';
import type { ReadinessReport } from '../core/readiness/types.js';
import type { GatedAccount } from '../events/types.js';
import type { AppContext } from './context.js';

export interface LaunchGateOutcome {
  held: GatedAccount[];
  overridden: GatedAccount[];
  /** The holds to add to the run (reason `launches`: the SCP lane only). */
  holds: HeldAccount[];
}

export async function gateLaunches(
  ctx: AppContext,
  plan: Plan,
  report: ReadinessReport | undefined,
  options: { yes: boolean; allowAtRisk?: readonly string[]; alreadyHeld: ReadonlySet<string> },
): Promise<LaunchGateOutcome> {
  const none = { held: [], overridden: [], holds: [] };
  const enabled = ctx.config.readiness?.gate ?? true;
  // No SCP in this plan (stage 1, declarative-policy strategy): nothing would refuse them.
  const scpInPlan = (plan.reach ?? []).some((r) => r.policyType === 'SERVICE_CONTROL_POLICY');
  if (!report?.launches || !enabled || !scpInPlan) return none;
  const gate = launchGate(report.launches, {
    enabled,
    allowAtRisk: [...(ctx.config.readiness?.allowAtRisk ?? []), ...(options.allowAtRisk ?? [])],
  });
  // Accounts the IMDSv1-calls gate already holds are out of every lane.
  const toGated = (h: {
    accountId: string;
    accountName: string;
    reason: string;
  }): GatedAccount => ({
    accountId: h.accountId,
    accountName: h.accountName,
    // For this gate a change is the SCP attachment that would reach the account.
    changes: 1,
    evidence: [h.reason],
  });
  let held = gate.held.filter((h) => !options.alreadyHeld.has(h.accountId)).map(toGated);
  const overridden = gate.overridden.map(toGated);
  if (held.length > 0 && !options.yes) {
    const included = await ctx.host.ask({
      kind: 'choose-accounts',
      id: 'rollout.refused-launches',
      message: `${held.length === 1 ? '1 account launches' : `${held.length} accounts launch`} instances the SCP would refuse: held out of its reach (account defaults still apply). Include any anyway?`,
      accounts: held,
      defaultAnswer: [],
      flag: '--allow-at-risk',
    });
    const chosen = new Set(included);
    overridden.push(...held.filter((h) => chosen.has(h.accountId)));
    held = held.filter((h) => !chosen.has(h.accountId));
  }
  if (held.length + overridden.length > 0) {
    ctx.host.notify({ type: 'readiness.gated', lane: 'scp', held, overridden });
  }
  return {
    held,
    overridden,
    holds: held.map((h) => ({
      accountId: h.accountId,
      accountName: h.accountName,
      reason: 'launches' as const,
      ...(h.evidence[0] ? { detail: h.evidence[0] } : {}),
    })),
  };
}
