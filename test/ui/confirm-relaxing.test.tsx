/**
 * The Confirm step says how the relaxing changes among the chosen waves were approved: on their
 * own question, or by --allow-relaxing. The rollout runs with fake use cases and the ink screen;
 * the admin answers with keys.
 */
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import type { Observation } from '../../src/app/observe.js';
import { type RolloutSteps, runRollout } from '../../src/app/rollout.js';
import { configSchema } from '../../src/config/schema.js';
import type { Plan } from '../../src/core/plan/types.js';
import type { VerifyReport } from '../../src/core/verify/types.js';
import type { Host } from '../../src/events/host.js';
import { DEMO_ACCOUNTS, DEMO_WAVES, demoPlan } from '../_fixtures/demo-rollout.js';
import { KEYS, renderHost, tick } from './_render.js';

/** The demo's plan where network's hop limit goes 1 → 2 in every region: 17 relaxing changes. */
function planWithRelaxing(): Plan {
  const plan = demoPlan();
  return {
    ...plan,
    changes: plan.changes.map((c) =>
      c.kind === 'imds.set' && c.accountName === 'network'
        ? { ...c, before: { httpPutResponseHopLimit: 1 } }
        : c,
    ),
  };
}

const observation = {
  observed: {
    org: { accounts: DEMO_ACCOUNTS.map((a) => ({ id: a.id, name: a.name, parentPath: a.ou })) },
    accounts: DEMO_ACCOUNTS.map((a) => ({ accountId: a.id, regions: [{ status: 'ok' }] })),
  },
} as unknown as Observation;

function steps(plan: Plan): RolloutSteps {
  return {
    async plan(ctx) {
      ctx.host.notify({ type: 'step.started', step: 'plan', title: 'Plan' });
      return { plan, observation };
    },
    waves: (_ctx, gated) =>
      DEMO_WAVES.map((w) => ({
        name: w.name,
        changes: gated.changes.filter((c) => c.kind === 'imds.set' && w.ous.includes(c.ouPath)),
      })),
    apply: async () => ({ succeeded: 1, failed: 0, skipped: 0, stopped: false, journal: 'j' }),
    verify: async () =>
      ({
        counts: { compliant: 1, drift: 0, unreachable: 0, error: 0, total: 1 },
      }) as unknown as VerifyReport,
    report: async () => {},
  };
}

function context(host: Host, decisions: AppContext['decisions'] = {}): AppContext {
  return {
    config: configSchema.parse({}),
    configFile: undefined,
    gateways: {} as AppContext['gateways'],
    host,
    overrides: {},
    concurrency: 8,
    now: () => new Date('2026-11-26T10:00:00Z'),
    signal: new AbortController().signal,
    toolVersion: '0.1.0',
    decisions,
  };
}

async function until(frame: () => string, text: string) {
  for (let i = 0; i < 200 && !frame().includes(text); i++) await tick(10);
  expect(frame()).toContain(text);
}

/** A step's summary as read on screen: its line and the folded lines under it, joined. */
function summaryOf(frame: string, step: string): string | undefined {
  const lines = frame.split('\n');
  const at = lines.findIndex((l) => new RegExp(`^✔ \\d ${step} `).test(l));
  if (at < 0) return undefined;
  const folded = [lines[at]?.slice(15) ?? ''];
  for (const line of lines.slice(at + 1)) {
    if (!line.startsWith(' '.repeat(15))) break;
    folded.push(line.trim());
  }
  return folded.join(' ');
}

/** Keeps every wave and types the organization id for production. */
async function confirmWaves(ui: ReturnType<typeof renderHost>) {
  await until(ui.frame, '(number toggles)');
  await ui.press(KEYS.enter);
  await until(ui.frame, 'to confirm');
  await ui.press('o-guardrails01', KEYS.enter);
}

describe('Confirm: relaxing changes and how they were approved', () => {
  it('counts them on the wave question and, once approved on their question, in the summary', async () => {
    const ui = renderHost();
    const run = runRollout(context(ui.host), steps(planWithRelaxing()), { yes: false });
    // The wave question counts them and says they are asked next
    await until(ui.frame, '17 relaxing: asked next.');
    await confirmWaves(ui);
    // When the admin approves them on their own question
    await until(ui.frame, 'These 17 changes loosen a protection. Apply them? (y/N)');
    expect(ui.frame()).toContain(
      'network (222222222203) in 17 regions: httpPutResponseHopLimit 1 → 2',
    );
    await ui.press('y');
    await run;
    // Then Confirm says how many and that they were approved separately
    expect(summaryOf(ui.frame(), 'Confirm')).toBe(
      '3 of 3 waves: canary, non-production, production · 17 relaxing changes approved separately',
    );
  });

  it('says --allow-relaxing approved them, and asks nothing more', async () => {
    const ui = renderHost();
    const run = runRollout(context(ui.host, { allowRelaxing: true }), steps(planWithRelaxing()), {
      yes: false,
    });
    await confirmWaves(ui);
    await run;
    expect(ui.output()).not.toContain('loosen a protection');
    expect(summaryOf(ui.frame(), 'Confirm')).toBe(
      '3 of 3 waves: canary, non-production, production · 17 relaxing changes allowed by --allow-relaxing',
    );
  });

  it('says nothing of relaxing changes when the run has none', async () => {
    const ui = renderHost();
    const run = runRollout(context(ui.host), steps(demoPlan()), { yes: false });
    await confirmWaves(ui);
    await run;
    expect(summaryOf(ui.frame(), 'Confirm')).toBe(
      '3 of 3 waves: canary, non-production, production',
    );
    expect(ui.output()).not.toContain('relaxing');
  });
});
