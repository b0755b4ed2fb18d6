import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { chooseStage } from '../../src/app/rollout-stage.js';
import { answerWithoutTerminal } from '../../src/ci/non-interactive.js';
import { configSchema } from '../../src/config/schema.js';
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
