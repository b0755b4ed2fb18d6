/**
 * The Plan panel shows the plan that runs: once the gates hold accounts out, the SCP is attached
 * below them, not to Root. The demo's rollout against the sandbox on the ink screen, answered
 * with keys; what the screen listed is checked against what Organizations has afterwards.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRollout } from '../../src/app/rollout.js';
import { createRolloutSteps } from '../../src/app/rollout-steps.js';
import type { UserConfig } from '../../src/config/schema.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { appContext } from '../scenarios/_demo.js';
import { KEYS, renderHost, tick } from './_render.js';

/** The example config's SCP and waves (guardrails.config.ts), the readiness gate on. */
const CONFIG: UserConfig = {
  scp: {
    name: 'DenyIMDSv1',
    attachTo: ['Root'],
    companions: {
      maxHopLimit: { enabled: true, max: 2 },
      denyMetadataOptionsRelaxing: { enabled: true },
    },
  },
  imdsDefaults: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
  rollout: {
    waves: [
      { name: 'canary', ous: ['Root/Sandbox'] },
      {
        name: 'non-production',
        ous: ['Root/Workloads/Dev', 'Root/Infrastructure', 'Root/Security'],
      },
      { name: 'production', rest: true },
    ],
    // The waves' own question is not what this test is about.
    confirmBetweenWaves: false,
  },
};

let sb: SandboxHandle;
beforeEach(async () => {
  // Strong reads: the read-backs are not what this test is about.
  sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0, consistency: 'strong' });
});
afterEach(() => sb.close());

async function until(frame: () => string, text: string) {
  for (let i = 0; i < 1000 && !frame().includes(text); i++) await tick(10);
  expect(frame()).toContain(text);
}

/** The Plan panel's SCP line as drawn, its folded lines joined. */
function scpLine(frame: string): string {
  const lines = frame.split('\n');
  const at = lines.findIndex((l) => l.startsWith('  SCP: '));
  const folded = [lines[at]?.slice('  SCP: '.length) ?? ''];
  for (const line of lines.slice(at + 1)) {
    if (!line.startsWith(' '.repeat('  SCP: '.length))) break;
    folded.push(line.trim());
  }
  return folded.join(' ');
}

/** Where the policy is attached (root, OU paths, `name (id)` for accounts). */
async function attachedTo(policyName: string): Promise<Set<string>> {
  const [accounts, info, policies, attachments] = await Promise.all([
    sb.admin.accounts(),
    sb.admin.info(),
    sb.admin.policies(),
    sb.admin.attachments(),
  ]);
  const label = new Map<string, string>([[info.rootId, 'Root']]);
  for (const a of accounts) {
    label.set(a.id, `${a.name} (${a.id})`);
    label.set(a.parentId, a.path);
  }
  const id = policies.find((p) => p.name === policyName)?.id;
  return new Set(
    Object.entries(attachments)
      .filter(([, ids]) => id !== undefined && ids.includes(id))
      .map(([target]) => label.get(target) ?? target),
  );
}

describe('the Plan panel after the rollout gates', () => {
  it('lists the attachments that run around held accounts, not the plan made before the holds', async () => {
    // Given the demo, where payments-dev calls IMDSv1 and web-dev's
    // launches would be refused (in us-east-1): the gates hold both, each an account below Root
    const cwd = tempDir();
    const before = await attachedTo('DenyIMDSv1');
    const ui = renderHost({ columns: 100, rows: 40 });
    const { ctx } = appContext(sb, { config: CONFIG, overrides: { regions: ['us-east-1'] } });
    const steps = createRolloutSteps({
      reportsDir: `${cwd}/guardrails-reports`,
      interactive: true,
      yes: false,
      cwd,
    });
    const run = runRollout({ ...ctx, host: ui.host }, steps, { yes: false, interactive: true });
    // When the admin holds what the gates hold (⏎ on both questions)
    await until(ui.frame, 'IMDSv1: held out of the rollout');
    await ui.press(KEYS.enter);
    await until(ui.frame, 'the SCP would refuse: held out of its reach');
    await ui.press(KEYS.enter);
    // Then at the wave question the Plan panel shows the plan that will run
    await until(ui.frame, '(number toggles)');
    const confirming = ui.frame();
    const scp = scpLine(confirming);
    expect(scp).toMatch(/\+ attach DenyIMDSv1 to Root\/\w+/);
    expect(scp).not.toMatch(/attach DenyIMDSv1 to Root( ·|,|$)/);
    // And the Plan step says what it planned, then what runs after the holds
    expect(confirming).toMatch(/✔ 4 Plan\s+\d+ to change .* · after holds: \d+ to change/);
    // And payments-dev, held in every lane, is listed as skipped
    expect(confirming).toContain('payments-dev (held)');

    // When the admin applies every wave
    await ui.press(KEYS.enter);
    await until(ui.frame, 'to confirm');
    await ui.press('o-guardrails01', KEYS.enter);
    await until(ui.frame, 'a protection. Apply');
    await ui.press('y');
    const result = await run;
    expect(result.exitCode).toBe(0);
    // Then every target DenyIMDSv1 was newly attached to was on the screen, and Root is not one
    const after = await attachedTo('DenyIMDSv1');
    const added = [...after].filter((t) => !before.has(t));
    expect(added.length).toBeGreaterThan(0);
    expect(after.has('Root')).toBe(false);
    for (const target of added) expect(scp).toContain(target);
  }, 60_000);
});
