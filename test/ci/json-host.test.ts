import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JsonHost } from '../../src/ci/json-host.js';
import { eventsJsonSchema, ndjsonEventSchema } from '../../src/ci/ndjson-schema.js';
import { NonInteractiveError } from '../../src/errors.js';
import { eventsAfterConfirm, eventsUntilPlan, waveEvents } from '../_fixtures/demo-rollout.js';

function capture() {
  let text = '';
  return { sink: { write: (chunk: string) => (text += chunk) }, text: () => text };
}

describe('JsonHost: NDJSON events on stdout', () => {
  it('writes one schema-valid object per line with version and time', () => {
    // Given every kind of event a rollout sends
    const out = capture();
    const host = new JsonHost(out.sink, { now: () => new Date('2026-11-26T10:00:00.000Z') });
    const events = [
      ...eventsUntilPlan(),
      ...waveEvents('canary', 0, 1, ['Root/Sandbox'], { failRegion: 'eu-west-1' }),
      { type: 'change.retrying', changeId: 'c-1', attempt: 2, delayMs: 400, code: 'Throttling' },
      { type: 'change.skipped', changeId: 'c-2', reason: 'declarative-policy' },
      { type: 'heartbeat', message: 'still running' },
      { type: 'log', level: 'warn', message: 'careful' },
      ...eventsAfterConfirm(),
    ] as const;
    for (const event of events) host.notify(event);
    // Then each line parses and validates against the documented schema
    const lines = out.text().trimEnd().split('\n');
    expect(lines).toHaveLength(events.length);
    for (const line of lines) {
      const parsed = ndjsonEventSchema.safeParse(JSON.parse(line));
      expect(parsed.success, `${line}\n${parsed.error?.message ?? ''}`).toBe(true);
    }
    const first = JSON.parse(lines[0]!);
    expect(first).toEqual({
      v: 1,
      ts: '2026-11-26T10:00:00.000Z',
      type: 'step.started',
      step: 'preflight',
      title: 'Preflight',
    });
    // And the plan's detail stays out of the stream (plan --json has it)
    const planLine = lines.map((l) => JSON.parse(l)).find((e) => e.type === 'plan.ready');
    expect(Object.keys(planLine).sort()).toEqual(['summary', 'ts', 'type', 'v']);
  });

  it('never prompts: a safe offer takes its default, a confirmation names the flag', async () => {
    const out = capture();
    const host = new JsonHost(out.sink);
    await expect(
      host.ask({
        kind: 'confirm',
        id: 'again',
        message: 'Run verify again?',
        defaultAnswer: false,
        flag: '--yes',
        safeDefault: true,
      }),
    ).resolves.toBe(false);
    expect(JSON.parse(out.text()).message).toContain('Run verify again?');
    const refused = host.ask({
      kind: 'type-to-confirm',
      id: 'production',
      message: 'Type the organization id to change production',
      expected: 'o-guardrails01',
      flag: '--yes',
    });
    await expect(refused).rejects.toBeInstanceOf(NonInteractiveError);
    await expect(refused).rejects.toMatchObject({
      hint: 'Pass --yes to proceed without a prompt.',
    });
  });

  it('documents the schema in docs/schemas/events.schema.json (regenerate: npm run schema:events)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../docs/schemas/events.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(eventsJsonSchema())));
  });
});
