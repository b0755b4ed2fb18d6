import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { chooseStage } from '../../src/app/rollout-stage.js';
import { answerWithoutTerminal } from '../../src/ci/non-interactive.js';
import { configSchema } from '../../src/config/schema.js';
import { recommendStage } from '../../src/core/readiness/recommend-stage.js';
import type { ReadinessReport } from '../../src/core/readiness/types.js';
import type { Host } from '../../src/events/host.js';
import type { Question } from '../../src/events/types.js';

function context(ask: (q: Question) => unknown, config = configSchema.parse({})): AppContext {
  const host: Host = { notify: () => {}, ask: async (q) => ask(q) as never };
  return {
    config,
    configFile: undefined,
    gateways: {} as AppContext['gateways'],
    host,
    overrides: {},
    concurrency: 8,
    now: () => new Date('2026-11-26T10:00:00Z'),
    signal: new AbortController().signal,
    toolVersion: '0.1.0',
  };
}

describe('the guided rollout stage choice', () => {
  it('offers the three rings with the config’s stage as the default and applies the answer', async () => {
    // Given a default config (ring 2) and a person choosing ring 3
    const asked: Question[] = [];
    const ctx = context((q) => {
      asked.push(q);
      return 3;
    });
    // When
    const chosen = await chooseStage(ctx);
    // Then
    expect(asked[0]).toMatchObject({ kind: 'choose-stage', defaultAnswer: 2, flag: '--stage' });
    expect(asked[0]?.kind === 'choose-stage' && asked[0].stages.map((s) => s.stage)).toEqual([
      1, 2, 3,
    ]);
    expect(chosen.config.rollout.stage).toBe(3);
    expect(ctx.config.rollout.stage).toBeUndefined();
  });

  it('keeps the context unchanged when the default is taken (so the config hash is the same)', async () => {
    const ctx = context((q) => answerWithoutTerminal(q));
    expect(await chooseStage(ctx)).toBe(ctx);
  });

  it('defaults to ring 3 when the config already enforces HttpTokensEnforced', async () => {
    const config = configSchema.parse({ imdsDefaults: { httpTokensEnforced: 'enabled' } });
    let defaultAnswer: unknown;
    await chooseStage(
      context((q) => {
        defaultAnswer = q.kind === 'choose-stage' ? q.defaultAnswer : undefined;
        return 3;
      }, config),
    );
    expect(defaultAnswer).toBe(3);
  });
});

describe('the recommended ring', () => {
  const summary = (over: Partial<ReadinessReport['summary']>) => ({
    summary: {
      accounts: 4,
      ready: 4,
      atRisk: 0,
      unknown: 0,
      noTokenCalls: 0,
      instancesAllowingImdsv1: 0,
      containerHostsHopLimit1: 0,
      templates: 0,
      pinnedGroups: 0,
      ...over,
    },
  });

  it('is the config’s ring when every account is ready, and says so', () => {
    expect(recommendStage(3, summary({}))).toEqual({
      stage: 3,
      reason: 'all 4 accounts ready: no IMDSv1 calls seen',
    });
  });

  it('steps back from ring 3 while readiness sees IMDSv1 or could not look', () => {
    const found = recommendStage(3, summary({ ready: 2, atRisk: 1, unknown: 1 }));
    expect(found.stage).toBe(2);
    expect(found.reason).toBe(
      '2 of 4 ready, 1 at risk, 1 unknown: ring 3 (HttpTokensEnforced) waits until they are ready',
    );
  });

  it('never recommends above the config’s ring, and names readiness being off', () => {
    expect(recommendStage(1, summary({ ready: 3, atRisk: 1 })).stage).toBe(1);
    expect(recommendStage(2, undefined)).toEqual({
      stage: 2,
      reason: "the config's ring (readiness is off)",
    });
  });
});
