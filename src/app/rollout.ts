/**
 * The guided rollout (`guardrails` with no arguments, and `guardrails demo`): preflight →
 * discover → plan → confirm → apply wave by wave → verify → report, told to whatever Host the
 * command picked. It only sequences the use cases of the read side, write side and reports
 * (injected as RolloutSteps so the flow is tested on its own); it never prints.
 */
import type { Change, Plan } from '../core/plan/types.js';
import { describeReach } from '../core/reach/describe.js';
import type { ReadinessReport } from '../core/readiness/types.js';
import type { VerifyReport } from '../core/verify/types.js';
import { ExitCode, UserAbortError } from '../errors.js';
import { describePlanSummary, describeVerifyCounts } from '../events/describe.js';
import type { GatedAccount, PlanTarget } from '../events/types.js';
import { type AppContext, abortIfInterrupted, withHeld } from './context.js';
import { failureSummary } from './failure-summary.js';
import type { Observation } from './observe.js';
import { confirmRollout, describeHolds } from './rollout-confirm.js';
import { describeHeld, gateRollout, revised } from './rollout-gate.js';
import { gateLaunches } from './rollout-launch-gate.js';
import {
  onlySweepEvents,
  plansQuietly,
  tracksOpenStep,
  withWaveAccounts,
} from './rollout-relays.js';
import { chooseStage, ringsNote } from './rollout-stage.js';

export interface RolloutWave {
  name: string;
  changes: Change[];
}

export interface ApplyOutcome {
  succeeded: number;
  failed: number;
  skipped: number;
  /** True when the run stopped before the last selected wave (Ctrl-C, failure ratio, declined). */
  stopped: boolean;
  journal?: string;
  resumeCommand?: string;
}

export interface PlanHooks {
  /**
   * Called once the organization is read and readiness has run, before the plan is made: the
   * rollout asks the ring here and returns the config to plan with.
   */
  beforePlan?(found: {
    observation: Observation;
    readiness?: ReadinessReport;
  }): Promise<AppContext['config']>;
}

/** The use cases the rollout sequences (real ones in rollout-steps.ts; fakes in tests). */
export interface RolloutSteps {
  /**
   * Preflight, discover, read the defaults, readiness (when the gate is on), plan (emits the
   * steps preflight … plan). `readiness` is absent when the gate is off.
   */
  plan(
    ctx: AppContext,
    hooks?: PlanHooks,
  ): Promise<{ plan: Plan; observation: Observation; readiness?: ReadinessReport }>;
  /**
   * The plan again for the same observation, holding `ctx.decisions.held` out of every lane (the
   * reach model). Absent in tests that fake the plan: the gate's filtered plan is used.
   */
  replan?(ctx: AppContext, observation: Observation): Plan;
  waves(ctx: AppContext, plan: Plan, observation: Observation): RolloutWave[];
  /** The accounts of the named configured waves (held when those waves are not chosen). */
  waveAccounts?(ctx: AppContext, observation: Observation, waves: readonly string[]): string[];
  /** Runs the chosen waves; emits wave/change events and `run.finished`. */
  apply(
    ctx: AppContext,
    plan: Plan,
    waves: RolloutWave[],
    observation: Observation,
  ): Promise<ApplyOutcome>;
  /** A fresh sweep (re-observes); emits sweep progress. */
  verify(ctx: AppContext): Promise<VerifyReport>;
  /** Writes the reports; emits `report.written` per file. */
  report(ctx: AppContext, input: { verify: VerifyReport; journal?: string }): Promise<void>;
}

export interface RolloutOptions {
  /** --yes: every wave, no prompts (required without a terminal). */
  yes: boolean;
  /** The demo ends by offering another verify sweep. */
  offerVerifyAgain?: boolean;
  /** --allow-at-risk: at-risk accounts let through the readiness gate (adds to the config's). */
  allowAtRisk?: readonly string[];
  /** Ask which enforcement ring to roll out (no --stage and no rollout.stage, a person present). */
  chooseStage?: boolean;
  /** How a stopped run tells the resume command (the demo explains its sandbox is gone). */
  describeResume?: (command: string) => string;
  /**
   * A person can answer (relaxing changes get their own question). false: relaxing changes need
   * --allow-relaxing, else the run is refused naming them. Absent: the host is asked.
   */
  interactive?: boolean;
}

export interface RolloutResult {
  exitCode: number;
  plan: Plan;
  apply?: ApplyOutcome;
  verify?: VerifyReport;
  /** At-risk accounts held out by the readiness gate (nothing of theirs was applied). */
  held: GatedAccount[];
}

export async function runRollout(
  ctx: AppContext,
  steps: RolloutSteps,
  options: RolloutOptions,
): Promise<RolloutResult> {
  const open = tracksOpenStep(ctx.host);
  try {
    return await rollout({ ...ctx, host: open.host }, steps, options);
  } catch (err) {
    // Close the step that was running so the checklist shows where it stopped.
    const step = open.current();
    if (step) {
      ctx.host.notify({
        type: 'step.finished',
        step,
        status: 'failed',
        summary: failureSummary(err),
      });
    }
    throw err;
  }
}

async function rollout(
  asked: AppContext,
  steps: RolloutSteps,
  options: RolloutOptions,
): Promise<RolloutResult> {
  let ctx = asked;
  abortIfInterrupted(ctx);
  const { host } = ctx;
  // The rollout closes the Plan step itself, with the plan's detail for the screen. The ring is
  // asked once the admin has seen what Discover and Readiness found.
  const { plan, observation, readiness } = await steps.plan(
    { ...ctx, host: plansQuietly(host) },
    {
      async beforePlan(found) {
        if (options.chooseStage) ctx = await chooseStage(ctx, found.readiness);
        abortIfInterrupted(ctx);
        return ctx.config;
      },
    },
  );
  host.notify({ type: 'plan.ready', summary: plan.summary, plan, targets: targetsOf(observation) });
  host.notify({
    type: 'step.finished',
    step: 'plan',
    status: 'ok',
    summary: describePlanSummary(plan.summary),
  });
  abortIfInterrupted(ctx);

  const gated = await gateRollout(ctx, plan, readiness, options);
  abortIfInterrupted(ctx);
  // Launches the SCP would refuse: those accounts are held out of the SCP's reach only.
  const launchGated = await gateLaunches(ctx, plan, readiness, {
    ...options,
    alreadyHeld: new Set(gated.held.map((h) => h.accountId)),
  });
  abortIfInterrupted(ctx);
  const heldNote = describeHeld(gated.held);
  // Held accounts are held in every lane: the plan is made again around them (src/core/reach).
  let runCtx = withHeld(ctx, [
    ...gated.held.map((h) => ({
      accountId: h.accountId,
      accountName: h.accountName,
      reason: 'readiness' as const,
      ...(h.evidence[0] ? { detail: h.evidence[0] } : {}),
    })),
    ...launchGated.holds,
  ]);
  const holding = gated.held.length + launchGated.holds.length > 0;
  let current = holding && steps.replan ? steps.replan(runCtx, observation) : gated.plan;
  // The screen shows the plan that will run from here on, not the one before the holds.
  if (holding) host.notify(revised(current, plan.summary.toChange));
  for (const line of describeReach(current))
    host.notify({ type: 'log', level: 'info', message: line });
  const waves = steps.waves(runCtx, current, observation).filter((w) => w.changes.length > 0);
  let apply: ApplyOutcome | undefined;
  if (waves.length === 0) {
    host.notify({ type: 'step.started', step: 'confirm', title: 'Confirm' });
    host.notify({
      type: 'step.finished',
      step: 'confirm',
      status: 'skipped',
      summary: 'nothing to change',
    });
    host.notify({ type: 'step.started', step: 'apply', title: 'Apply' });
    host.notify({
      type: 'step.finished',
      step: 'apply',
      status: 'skipped',
      summary: heldNote ? `No changes applied: ${heldNote}.` : 'No changes.',
    });
  } else {
    const confirmed = await confirmRollout(runCtx, steps, observation, options, {
      plan: current,
      waves,
      planned: plan.summary.toChange,
      heldNote: describeHolds(gated.held, launchGated.holds),
    });
    runCtx = confirmed.ctx;
    current = confirmed.plan;
    const chosen = confirmed.waves;
    host.notify({ type: 'step.started', step: 'apply', title: 'Apply' });
    apply = await steps.apply(
      { ...runCtx, host: withWaveAccounts(host, chosen) },
      current,
      chosen,
      observation,
    );
    const summary = `${apply.succeeded} succeeded · ${apply.failed} failed${apply.skipped ? ` · ${apply.skipped} skipped` : ''}${heldNote ? ` · ${heldNote}` : ''}`;
    host.notify({
      type: 'step.finished',
      step: 'apply',
      status: apply.failed > 0 || apply.stopped ? 'failed' : 'ok',
      summary: apply.stopped ? `stopped: ${summary}` : summary,
    });
    if (ctx.signal.aborted) {
      throw new UserAbortError(
        apply.resumeCommand
          ? `Stopped. ${options.describeResume?.(apply.resumeCommand) ?? `Resume with: ${apply.resumeCommand}`}`
          : 'Stopped before the end of the rollout.',
      );
    }
  }

  const verify = await runVerify(ctx, steps);
  host.notify({ type: 'step.started', step: 'report', title: 'Report' });
  await steps.report(ctx, { verify, ...(apply?.journal ? { journal: apply.journal } : {}) });
  host.notify({ type: 'step.finished', step: 'report', status: 'ok' });

  let last = verify;
  let round = 1;
  while (options.offerVerifyAgain && !ctx.signal.aborted) {
    const again = await host.ask({
      kind: 'confirm',
      id: 'rollout.verify-again',
      message: 'Run the verification sweep again?',
      defaultAnswer: false,
      flag: '--yes',
      safeDefault: true,
    });
    if (!again) break;
    round += 1;
    last = await runVerify(ctx, steps, round);
  }
  const exitCode = apply && (apply.failed > 0 || apply.stopped) ? ExitCode.partial : ExitCode.ok;
  return { exitCode, plan: current, ...(apply ? { apply } : {}), verify: last, held: gated.held };
}

async function runVerify(ctx: AppContext, steps: RolloutSteps, round = 1): Promise<VerifyReport> {
  const { host } = ctx;
  host.notify({ type: 'step.started', step: 'verify', title: 'Verify' });
  const report = await steps.verify({ ...ctx, host: onlySweepEvents(host) });
  host.notify({ type: 'verify.finished', counts: report.counts });
  host.notify({
    type: 'step.finished',
    step: 'verify',
    status: 'ok',
    summary: `${describeVerifyCounts(report.counts)}${ringsNote(report)}${round > 1 ? ` (sweep ${round})` : ''}`,
  });
  return report;
}

function targetsOf(observation: Observation): PlanTarget[] {
  const accounts = new Map(observation.observed.org.accounts.map((a) => [a.id, a]));
  return observation.observed.accounts.map((a) => ({
    accountId: a.accountId,
    accountName: accounts.get(a.accountId)?.name ?? a.accountId,
    ouPath: accounts.get(a.accountId)?.parentPath ?? 'Root',
    regions: a.regions.filter((r) => r.status === 'ok').length,
  }));
}
