/**
 * The guided rollout's Confirm step: the waves to apply (a number toggles one), the organization
 * id typed for a wave that touches production, the relaxing changes approved on their own
 * question (or by --allow-relaxing), and the line that says what was confirmed. A wave not chosen
 * holds its accounts like the readiness gate: the plan is made again around them.
 */
import { plural } from '../core/model/plural.js';
import { ouPathOf } from '../core/plan/change-kinds.js';
import { relaxingChanges } from '../core/plan/relaxing-list.js';
import type { Change, Plan } from '../core/plan/types.js';
import { canaryRoleOf, describeReach } from '../core/reach/describe.js';
import { UserAbortError } from '../errors.js';
import type { GatedAccount, WaveChoice } from '../events/types.js';
import { type AppContext, abortIfInterrupted, withHeld } from './context.js';
import type { Observation } from './observe.js';
import { approveRelaxing } from './relaxing-approval.js';
import type { RolloutOptions, RolloutSteps, RolloutWave } from './rollout.js';
import { revised } from './rollout-gate.js';
import { accountsOf } from './rollout-relays.js';

/** What was confirmed: the run's context with its decisions, the plan and the waves to apply. */
export interface ConfirmedRollout {
  ctx: AppContext;
  plan: Plan;
  waves: RolloutWave[];
}

/** Asks (or, with --yes, takes every wave), approves the relaxing changes, closes the step. */
export async function confirmRollout(
  asked: AppContext,
  steps: RolloutSteps,
  observation: Observation,
  options: RolloutOptions,
  proposed: { plan: Plan; waves: RolloutWave[]; planned: number; heldNote: string },
): Promise<ConfirmedRollout> {
  let runCtx = asked;
  let { plan: current, waves } = proposed;
  const names = await chooseWaves(runCtx, current, waves, options, proposed);
  abortIfInterrupted(runCtx);
  const offered = waves.length;
  const deselected = waves.map((w) => w.name).filter((n) => !names.includes(n));
  if (deselected.length > 0 && steps.replan && steps.waveAccounts) {
    // Accounts of a wave not chosen are held like the gate's: no attachment reaches them.
    const ids = steps.waveAccounts(runCtx, observation, deselected);
    runCtx = withHeld(
      runCtx,
      ids.map((accountId) => ({ accountId, reason: 'wave' as const })),
    );
    current = steps.replan(runCtx, observation);
    runCtx.host.notify(revised(current, proposed.planned));
    waves = steps.waves(runCtx, current, observation);
  }
  const chosen = waves.filter((w) => w.changes.length > 0 && !deselected.includes(w.name));
  // Relaxing changes have their own approval, after the waves and before any write.
  const relaxing = relaxingChanges(chosen.flatMap((w) => w.changes)).length;
  const byFlag = runCtx.decisions?.allowRelaxing === true;
  runCtx = await approveRelaxing(
    runCtx,
    chosen.flatMap((w) => w.changes),
    { interactive: options.interactive ?? true },
  );
  abortIfInterrupted(runCtx);
  confirmed(runCtx, current, {
    offered,
    chosen,
    yes: options.yes,
    ...(relaxing > 0 ? { relaxing: { count: relaxing, byFlag } } : {}),
  });
  runCtx = {
    ...runCtx,
    decisions: { ...runCtx.decisions, waves: chosen.map((w) => w.name) },
  };
  return { ctx: runCtx, plan: current, waves: chosen };
}

/**
 * Waves touching production need the organization id typed (Shopify DangerousConfirmationPrompt):
 * a production-named wave, or any change landing under a `Prod`/`Production` OU — account
 * settings, workloads, or an SCP attached to such an OU.
 */
export function isProductionWave(wave: RolloutWave): boolean {
  if (/prod/i.test(wave.name) && !/non[-_ ]?prod/i.test(wave.name)) return true;
  return wave.changes.some((c) =>
    ouPathOf(c)
      ?.split('/')
      .some((p) => /^prod(uction)?$/i.test(p)),
  );
}

/**
 * The Confirm step's summary: the waves chosen, how the relaxing changes among them were
 * approved (their own question, or --allow-relaxing) and, in words, where the guardrails reach.
 */
function confirmed(
  ctx: AppContext,
  plan: Plan,
  run: {
    offered: number;
    chosen: RolloutWave[];
    yes: boolean;
    relaxing?: { count: number; byFlag: boolean };
  },
): void {
  const names = run.chosen.map((w) => w.name).join(', ');
  const waves = run.yes
    ? `all ${plural(run.chosen.length, 'wave')}: ${names} (--yes)`
    : `${run.chosen.length} of ${plural(run.offered, 'wave')}: ${names}`;
  const relaxing = run.relaxing
    ? `${plural(run.relaxing.count, 'relaxing change')} ${run.relaxing.byFlag ? 'allowed by --allow-relaxing' : 'approved separately'}`
    : undefined;
  ctx.host.notify({
    type: 'step.finished',
    step: 'confirm',
    status: 'ok',
    summary: [waves, ...(relaxing ? [relaxing] : []), ...describeReach(plan)].join(' · '),
  });
}

/** `held out: payments-dev (readiness) · out of the SCP's reach: web-dev, shared-services`. */
export function describeHolds(
  held: readonly GatedAccount[],
  launchHolds: readonly { accountId: string; accountName?: string }[],
): string {
  const parts: string[] = [];
  const name = (h: { accountId: string; accountName?: string }) => h.accountName || h.accountId;
  if (held.length > 0) parts.push(`held out: ${held.map(name).join(', ')} (readiness)`);
  if (launchHolds.length > 0) {
    parts.push(`out of the SCP's reach: ${launchHolds.map(name).join(', ')}`);
  }
  return parts.join(' · ');
}

/** The names of the waves the admin chose (all of them with --yes). */
async function chooseWaves(
  ctx: AppContext,
  plan: Plan,
  waves: RolloutWave[],
  options: RolloutOptions,
  before: { planned: number; heldNote: string },
): Promise<string[]> {
  const { host } = ctx;
  host.notify({ type: 'step.started', step: 'confirm', title: 'Confirm' });
  const offered = waves.reduce((n, w) => n + w.changes.length, 0);
  if (options.yes) return waves.map((w) => w.name);
  const choices: WaveChoice[] = waves.map((w) => ({
    name: w.name,
    changes: w.changes.length,
    accounts: accountsOf(w).length,
    production: isProductionWave(w),
    ...relaxingCount(w.changes),
    ...scpRole(plan, w.name),
  }));
  const names = await host.ask({
    kind: 'choose-waves',
    id: 'rollout.waves',
    message: `Apply ${plural(offered, 'change')} in which waves?`,
    waves: choices,
    defaultAnswer: waves.map((w) => w.name),
    flag: '--yes',
    // The Plan step said another number: the question says both, and why.
    ...(before.planned !== offered ? { planned: before.planned } : {}),
    ...(before.heldNote ? { heldNote: before.heldNote } : {}),
  });
  const chosen = waves.filter((w) => names.includes(w.name));
  if (chosen.length === 0) declined(ctx);
  const production = chosen.filter(isProductionWave);
  if (production.length > 0) {
    const typed = await host.ask({
      kind: 'type-to-confirm',
      id: 'rollout.production',
      message: `${production.map((w) => w.name).join(', ')} changes production: type ${plan.organizationId} to confirm`,
      expected: plan.organizationId,
      flag: '--yes',
    });
    if (!typed) declined(ctx);
  }
  return chosen.map((w) => w.name);
}

function scpRole(plan: Plan, wave: string): { scp?: string } {
  const role = canaryRoleOf(plan, wave);
  return role ? { scp: role } : {};
}

function relaxingCount(changes: readonly Change[]): { relaxing?: number } {
  const n = relaxingChanges(changes).length;
  return n > 0 ? { relaxing: n } : {};
}

function declined(ctx: AppContext): never {
  ctx.host.notify({
    type: 'step.finished',
    step: 'confirm',
    status: 'failed',
    summary: 'declined',
  });
  throw new UserAbortError('Declined: nothing was changed.');
}
