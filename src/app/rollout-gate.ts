/**
 * The readiness gate of the guided rollout: accounts where readiness saw IMDSv1 calls
 * (`at-risk`) are held out of the waves — none of their changes runs — unless the admin lets
 * them in: `--allow-at-risk`, `readiness.allowAtRisk`, or (in a terminal) the prompt that lists
 * them. `readiness.gate: false` turns the gate off.
 */
import { accountOf } from '../core/plan/change-kinds.js';
import type { Plan } from '../core/plan/types.js';
import { gateAccounts } from '../core/readiness/gate.js';
import type { ReadinessReport } from '../core/readiness/types.js';
import type { GatedAccount, GuardrailsEvent } from '../events/types.js';
import type { AppContext } from './context.js';

export interface GateOutcome {
  /** The plan without the held accounts' changes. */
  plan: Plan;
  held: GatedAccount[];
  overridden: GatedAccount[];
}

export async function gateRollout(
  ctx: AppContext,
  plan: Plan,
  report: ReadinessReport | undefined,
  options: { yes: boolean; allowAtRisk?: readonly string[] },
): Promise<GateOutcome> {
  const enabled = ctx.config.readiness?.gate ?? true;
  if (!report || !enabled) return { plan, held: [], overridden: [] };
  const gate = gateAccounts(report, {
    enabled,
    allowAtRisk: [...(ctx.config.readiness?.allowAtRisk ?? []), ...(options.allowAtRisk ?? [])],
  });
  const counts = new Map<string, number>();
  for (const c of plan.changes) {
    const id = accountOf(c)?.accountId;
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const evidence = new Map(report.accounts.map((a) => [a.accountId, a]));
  const gated = (accountId: string, accountName: string): GatedAccount => ({
    accountId,
    accountName,
    changes: counts.get(accountId) ?? 0,
    evidence: evidence.get(accountId)?.evidence ?? [],
  });
  let held = gate.held.map((h) => gated(h.accountId, h.accountName));
  const overridden = gate.overridden.map((id) => gated(id, evidence.get(id)?.accountName ?? id));
  // Only accounts with something to hold back are worth a question.
  const askable = held.filter((h) => h.changes > 0);
  if (askable.length > 0 && !options.yes) {
    const included = await ctx.host.ask({
      kind: 'choose-accounts',
      id: 'rollout.at-risk',
      message: `${askable.length === 1 ? '1 account calls' : `${askable.length} accounts call`} IMDSv1: held out of the rollout. Include any anyway?`,
      accounts: askable,
      defaultAnswer: [],
      flag: '--allow-at-risk',
    });
    const chosen = new Set(included);
    overridden.push(...held.filter((h) => chosen.has(h.accountId)));
    held = held.filter((h) => !chosen.has(h.accountId));
  }
  if (held.length + overridden.length > 0) {
    ctx.host.notify({ type: 'readiness.gated', held, overridden });
  }
  const heldIds = new Set(held.map((h) => h.accountId));
  const changes = plan.changes.filter((c) => !heldIds.has(accountOf(c)?.accountId ?? ''));
  return { plan: { ...plan, changes }, held, overridden };
}

/** `1 account held out (payments-dev)` for step summaries; empty when nothing is held. */
export function describeHeld(held: readonly GatedAccount[]): string {
  const withChanges = held.filter((h) => h.changes > 0);
  if (withChanges.length === 0) return '';
  const names = withChanges.map((h) => h.accountName || h.accountId).join(', ');
  return `${withChanges.length} account${withChanges.length === 1 ? '' : 's'} held out (${names})`;
}

/** `plan.revised`: the plan made again around held accounts, with what the Plan step counted. */
export function revised(plan: Plan, planned: number): GuardrailsEvent {
  return { type: 'plan.revised', summary: plan.summary, plan, planned };
}
