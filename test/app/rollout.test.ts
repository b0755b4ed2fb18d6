import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import type { Observation } from '../../src/app/observe.js';
import { type RolloutSteps, type RolloutWave, runRollout } from '../../src/app/rollout.js';
import { isProductionWave } from '../../src/app/rollout-confirm.js';
import { configSchema } from '../../src/config/schema.js';
import type { Plan } from '../../src/core/plan/types.js';
import type { ReadinessReport } from '../../src/core/readiness/types.js';
import type { VerifyReport } from '../../src/core/verify/types.js';
import { UserAbortError } from '../../src/errors.js';
import type { Host } from '../../src/events/host.js';
import type { GuardrailsEvent, Question } from '../../src/events/types.js';
import { DEMO_ACCOUNTS, DEMO_WAVES, demoPlan } from '../_fixtures/demo-rollout.js';

function recordingHost(answer: (q: Question) => unknown = () => true) {
  const events: GuardrailsEvent[] = [];
  const questions: Question[] = [];
  const host: Host = {
    notify: (e) => {
      events.push(e);
    },
    ask: async (q) => {
      questions.push(q);
      return answer(q) as never;
    },
  };
  const steps = () =>
    events
      .filter((e) => e.type === 'step.started' || e.type === 'step.finished')
      .map((e) => (e.type === 'step.started' ? `+${e.step}` : `${e.step}:${e.status}`));
  return { host, events, questions, steps };
}

const observation = {
  observed: {
    org: {
      accounts: DEMO_ACCOUNTS.map((a) => ({ id: a.id, name: a.name, parentPath: a.ou })),
    },
    accounts: DEMO_ACCOUNTS.map((a) => ({
      accountId: a.id,
      regions: Array.from({ length: a.regions }, () => ({ status: 'ok' })),
    })),
  },
} as unknown as Observation;

const counts = {
  compliant: 184,
  drift: 0,
  'managed-by-declarative-policy': 17,
  unreachable: 2,
  error: 0,
  total: 203,
};

/** payments-dev at risk (IMDSv1 calls), everyone else ready. */
const readiness = {
  accounts: DEMO_ACCOUNTS.map((a) => ({
    accountId: a.id,
    accountName: a.name,
    verdict: a.name === 'payments-dev' ? 'at-risk' : 'ready',
    evidence:
      a.name === 'payments-dev'
        ? ['5,088 IMDSv1 calls in 14 days from 3 instances in us-east-1']
        : ['no IMDSv1 calls in 14 days'],
  })),
} as unknown as ReadinessReport;

function fakeSteps(
  plan: Plan = demoPlan(),
  log: string[] = [],
  report?: ReadinessReport,
): RolloutSteps {
  return {
    async plan(ctx, hooks) {
      // Like createPlan: preflight, discover, the sweep inside the Plan step, then plan.ready.
      for (const step of ['preflight', 'discover'] as const) {
        ctx.host.notify({ type: 'step.started', step, title: step });
        ctx.host.notify({ type: 'step.finished', step, status: 'ok' });
      }
      const config = await hooks?.beforePlan?.({
        observation,
        ...(report ? { readiness: report } : {}),
      });
      if (config?.rollout.stage) log.push(`planned ring ${config.rollout.stage}`);
      ctx.host.notify({ type: 'step.started', step: 'plan', title: 'Reading defaults' });
      ctx.host.notify({ type: 'sweep.progress', done: 188, total: 188 });
      ctx.host.notify({ type: 'step.finished', step: 'plan', status: 'ok', summary: '188 read' });
      ctx.host.notify({ type: 'plan.ready', summary: plan.summary, plan });
      return { plan, observation, ...(report ? { readiness: report } : {}) };
    },
    waves: (_ctx, gated): RolloutWave[] =>
      DEMO_WAVES.map((w) => ({
        name: w.name,
        changes: gated.changes.filter((c) => c.kind === 'imds.set' && w.ous.includes(c.ouPath)),
      })),
    async apply(ctx, _plan, waves) {
      log.push(`apply ${waves.map((w) => w.name).join(',')}`);
      const accounts = new Set(
        waves.flatMap((w) => w.changes.map((c) => (c.kind === 'imds.set' ? c.accountName : ''))),
      );
      log.push(`payments-dev ${accounts.has('payments-dev') ? 'applied' : 'not applied'}`);
      for (const [index, w] of waves.entries()) {
        ctx.host.notify({
          type: 'wave.started',
          wave: w.name,
          index,
          total: waves.length,
          changes: w.changes.length,
        });
      }
      return { succeeded: 119, failed: 0, skipped: 0, stopped: false, journal: 'j.jsonl' };
    },
    async verify(ctx) {
      log.push('verify');
      // A re-observation's own steps must not reach the screen again.
      ctx.host.notify({ type: 'step.started', step: 'preflight', title: 'again' });
      ctx.host.notify({ type: 'sweep.progress', done: 1, total: 1 });
      return { counts } as VerifyReport;
    },
    async report(ctx, input) {
      log.push(`report ${input.journal}`);
      ctx.host.notify({ type: 'report.written', format: 'json', path: 'verify.json' });
    },
  };
}

function context(host: Host, signal = new AbortController().signal): AppContext {
  return {
    config: configSchema.parse({}),
    configFile: undefined,
    gateways: {} as AppContext['gateways'],
    host,
    overrides: {},
    concurrency: 8,
    now: () => new Date('2026-11-26T10:00:00Z'),
    signal,
    toolVersion: '0.1.0',
  };
}

describe('runRollout', () => {
  it('walks the seven steps in order and asks for the waves, then the organization id', async () => {
    // Given a host that keeps the default waves and types the id
    const rec = recordingHost((q) => (q.kind === 'choose-waves' ? q.defaultAnswer : true));
    const log: string[] = [];
    // When the rollout runs
    const result = await runRollout(context(rec.host), fakeSteps(demoPlan(), log), { yes: false });
    // Then every step opens and closes in the checklist's order, plan opening after discover
    expect(rec.steps()).toEqual([
      '+preflight',
      'preflight:ok',
      '+discover',
      'discover:ok',
      '+plan',
      'plan:ok',
      '+confirm',
      'confirm:ok',
      '+apply',
      'apply:ok',
      '+verify',
      'verify:ok',
      '+report',
      'report:ok',
    ]);
    expect(rec.questions.map((q) => q.kind)).toEqual(['choose-waves', 'type-to-confirm']);
    const typed = rec.questions[1] as Extract<Question, { kind: 'type-to-confirm' }>;
    expect(typed.expected).toBe('o-guardrails01');
    expect(log).toEqual([
      'apply canary,non-production,production',
      'payments-dev applied',
      'verify',
      'report j.jsonl',
    ]);
    expect(result.exitCode).toBe(0);
    // And the plan and per-account wave sizes reach the host
    const ready = rec.events.find((e) => e.type === 'plan.ready');
    expect(ready).toMatchObject({ plan: { organizationId: 'o-guardrails01' } });
    const wave = rec.events.find((e) => e.type === 'wave.started');
    expect(wave).toMatchObject({
      wave: 'canary',
      accounts: [{ accountName: 'sandbox-alice', changes: 17 }],
    });
    expect(rec.events.filter((e) => e.type === 'plan.ready')).toHaveLength(1);
    expect(rec.events.find((e) => e.type === 'step.started' && e.step === 'plan')).toMatchObject({
      title: 'Plan',
    });
    expect(rec.events.filter((e) => e.type === 'verify.finished')).toEqual([
      { type: 'verify.finished', counts },
    ]);
  });

  it('asks the ring after Discover and Readiness, preselecting the recommended ring with why', async () => {
    // Given readiness found payments-dev at risk and an admin who picks ring 1
    const asked: { kind: string; after: string[] }[] = [];
    const rec = recordingHost((q) => {
      asked.push({ kind: q.kind, after: rec.steps() });
      if (q.kind === 'choose-stage') return 1;
      return q.kind === 'choose-waves' ? q.defaultAnswer : q.kind === 'choose-accounts' ? [] : true;
    });
    const log: string[] = [];
    const withSummary = {
      ...readiness,
      summary: { accounts: 13, ready: 9, atRisk: 1, unknown: 3, instancesAllowingImdsv1: 0 },
    } as unknown as ReadinessReport;
    await runRollout(context(rec.host), fakeSteps(demoPlan(), log, withSummary), {
      yes: false,
      chooseStage: true,
    });
    // Then the ring question comes once the organization was read, before the plan
    expect(asked[0]).toEqual({
      kind: 'choose-stage',
      after: ['+preflight', 'preflight:ok', '+discover', 'discover:ok'],
    });
    const ring = rec.questions[0] as Extract<Question, { kind: 'choose-stage' }>;
    expect(ring.defaultAnswer).toBe(2);
    expect(ring.reason).toBe(
      '9 of 13 ready, 1 at risk, 3 unknown: ring 3 waits until they are ready',
    );
    // And the plan is made for the ring chosen
    expect(log[0]).toBe('planned ring 1');
  });

  it('holds an at-risk account out unless the admin includes it at the prompt', async () => {
    // Given readiness found payments-dev at risk, and an admin who keeps the default (held)
    const held = recordingHost((q) => (q.kind === 'choose-waves' ? ['canary'] : []));
    const log: string[] = [];
    const result = await runRollout(context(held.host), fakeSteps(demoPlan(), log, readiness), {
      yes: false,
    });
    // Then the prompt lists it with its evidence and its changes are not applied
    const ask = held.questions[0] as Extract<Question, { kind: 'choose-accounts' }>;
    expect(ask.kind).toBe('choose-accounts');
    expect(ask.accounts).toEqual([
      {
        accountId: '222222222207',
        accountName: 'payments-dev',
        changes: 17,
        evidence: ['5,088 IMDSv1 calls in 14 days from 3 instances in us-east-1'],
      },
    ]);
    expect(log.slice(0, 2)).toEqual(['apply canary', 'payments-dev not applied']);
    expect(result.held.map((h) => h.accountId)).toEqual(['222222222207']);
    expect(held.events.find((e) => e.type === 'readiness.gated')).toMatchObject({
      held: [{ accountName: 'payments-dev', changes: 17 }],
      overridden: [],
    });
    const applyStep = held.events.find((e) => e.type === 'step.finished' && e.step === 'apply');
    expect(applyStep).toMatchObject({ summary: expect.stringContaining('1 account held out') });

    // When another admin toggles it in
    const included = recordingHost((q) =>
      q.kind === 'choose-waves'
        ? q.defaultAnswer
        : q.kind === 'choose-accounts'
          ? ['222222222207']
          : true,
    );
    const log2: string[] = [];
    const again = await runRollout(context(included.host), fakeSteps(demoPlan(), log2, readiness), {
      yes: false,
    });
    // Then its changes run and it is reported as overridden
    expect(log2[1]).toBe('payments-dev applied');
    expect(again.held).toEqual([]);
    expect(included.events.find((e) => e.type === 'readiness.gated')).toMatchObject({
      held: [],
      overridden: [{ accountName: 'payments-dev' }],
    });
  });

  it('with --yes holds at-risk accounts without asking; --allow-at-risk lets them in', async () => {
    const rec = recordingHost(() => {
      throw new Error('must not ask');
    });
    const log: string[] = [];
    await runRollout(context(rec.host), fakeSteps(demoPlan(), log, readiness), { yes: true });
    expect(log[1]).toBe('payments-dev not applied');
    const log2: string[] = [];
    await runRollout(context(rec.host), fakeSteps(demoPlan(), log2, readiness), {
      yes: true,
      allowAtRisk: ['222222222207'],
    });
    expect(log2[1]).toBe('payments-dev applied');
    expect(rec.questions).toEqual([]);
  });

  it('with --yes asks nothing and applies every wave', async () => {
    const rec = recordingHost(() => {
      throw new Error('must not ask');
    });
    const log: string[] = [];
    await runRollout(context(rec.host), fakeSteps(demoPlan(), log), { yes: true });
    expect(rec.questions).toEqual([]);
    expect(log[0]).toBe('apply canary,non-production,production');
  });

  it('applies only the chosen waves; no production wave means no typing', async () => {
    const rec = recordingHost((q) => (q.kind === 'choose-waves' ? ['canary'] : true));
    const log: string[] = [];
    await runRollout(context(rec.host), fakeSteps(demoPlan(), log), { yes: false });
    expect(rec.questions.map((q) => q.kind)).toEqual(['choose-waves']);
    expect(log[0]).toBe('apply canary');
  });

  it('declining the organization id stops quietly before any change', async () => {
    const rec = recordingHost((q) => (q.kind === 'choose-waves' ? q.defaultAnswer : false));
    const log: string[] = [];
    const run = runRollout(context(rec.host), fakeSteps(demoPlan(), log), { yes: false });
    await expect(run).rejects.toBeInstanceOf(UserAbortError);
    await expect(run).rejects.toMatchObject({ exitCode: 130 });
    expect(log).toEqual([]);
    expect(rec.steps().at(-1)).toBe('confirm:failed');
  });

  it('skips confirm and apply when nothing changes, and still verifies', async () => {
    const plan = { ...demoPlan(), changes: [] };
    const rec = recordingHost();
    const log: string[] = [];
    await runRollout(context(rec.host), fakeSteps(plan, log), { yes: false });
    expect(rec.steps()).toContain('apply:skipped');
    expect(rec.questions).toEqual([]);
    expect(log).toEqual(['verify', 'report undefined']);
  });

  it('offers another verify sweep at the end of the demo', async () => {
    let offers = 0;
    const rec = recordingHost((q) => (q.id === 'rollout.verify-again' ? ++offers < 2 : true));
    const log: string[] = [];
    await runRollout(context(rec.host), fakeSteps(demoPlan(), log), {
      yes: true,
      offerVerifyAgain: true,
    });
    expect(log.filter((l) => l === 'verify')).toHaveLength(2);
  });

  it('marks waves that touch production', () => {
    const plan = demoPlan();
    const imds = plan.changes.filter((c) => c.kind === 'imds.set');
    const prod = imds.filter((c) => c.ouPath === 'Root/Workloads/Prod');
    const dev = imds.filter((c) => c.ouPath === 'Root/Workloads/Dev');
    expect(isProductionWave({ name: 'second', changes: prod })).toBe(true);
    expect(isProductionWave({ name: 'non-production', changes: dev })).toBe(false);
    expect(isProductionWave({ name: 'production', changes: [] })).toBe(true);
  });
});
