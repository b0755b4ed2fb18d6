/**
 * The demo as a person sees it: `guardrails demo` in a real pseudo-terminal (tmux), keys sent
 * like a user, the final screen read back with capture-pane.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../_helpers/temp-dir.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
// A private tmux server: nothing of the user's sessions is touched.
const socket = `guardrails-test-${process.pid}`;
const session = 'demo';

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

const screen = () => tmux('capture-pane', '-p', '-t', session);

type Expectation = string | RegExp | ((screen: string) => boolean);

async function waitFor(text: Expectation, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const met = (shown: string) =>
    typeof text === 'string'
      ? shown.includes(text)
      : text instanceof RegExp
        ? text.test(shown)
        : text(shown);
  for (;;) {
    const shown = screen();
    if (met(shown)) return shown;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${text}; screen:\n${shown}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * Waits until the screen stops changing (two reads a poll apart agree): the question just shown
 * is drawn and listening before a key is sent. Screen content, not a fixed sleep; the spinner's
 * frame does not count as a change.
 */
async function settled(shown: () => string = screen, timeoutMs = 30_000): Promise<string> {
  const read = () => shown().replace(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/g, '·');
  const deadline = Date.now() + timeoutMs;
  let before = read();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const now = read();
    if (now === before) return now;
    if (Date.now() > deadline) throw new Error(`the screen never settled:\n${now}`);
    before = now;
  }
}

afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
});

describe.skipIf(!hasTmux)('guardrails demo in a terminal (tmux)', () => {
  it('walks the guided rollout with keys and ends on the report screen', async () => {
    // Given a 100×30 terminal without CI, a clean environment and an empty working directory
    const cwd = tempDir();
    const env = [
      `PATH=${process.env.PATH}`,
      `HOME=${process.env.HOME}`,
      'TERM=xterm-256color',
      'NO_COLOR=1',
      'GUARDRAILS_RETRY_BASE_MS=1',
      'GUARDRAILS_RETRY_MAX_MS=5',
    ];
    const command = `cd ${cwd} && env -i ${env.join(' ')} node ${repo}bin/guardrails.js demo --latency-ms 2; echo "EXIT=$?"; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', command);

    // When asked which enforcement ring to roll out — once the organization and its readiness
    // are on screen, with the recommended ring marked and why — the admin keeps it (ring 2)…
    const ring = await waitFor('Which enforcement ring to roll out?');
    expect(ring).toMatch(/✔ 2 Discover\s+6 OUs · 13 accounts/);
    expect(ring).toMatch(/✔ 3 Readiness\s+13 accounts: 9 ready, 1 at risk, 3 unknown/);
    expect(ring).toMatch(/› ring 2 defaults \+ the DenyIMDSv1 SCP · recommended/);
    expect(ring).toContain('why ring 2: 9 of 13 ready, 1 at risk, 3 unknown');
    await settled();
    tmux('send-keys', '-t', session, 'Enter');
    // …readiness held payments-dev (IMDSv1 calls) out, and the admin keeps it held…
    const gate = await waitFor('Include any anyway?');
    expect(gate).toMatch(
      /\[ \] 1 payments-dev \(222222222207\)\s+held out\n {8}5,088 IMDSv1 calls/,
    );
    await settled();
    tmux('send-keys', '-t', session, 'Enter');
    // …the launch preview holds web-dev and shared-services out of the SCP, and the admin agrees…
    const launches = await waitFor('instances the SCP would refuse');
    expect(launches).toMatch(/web-dev \(222222222208\)/);
    expect(launches).toMatch(/shared-services \(222222222204\)/);
    await settled();
    tmux('send-keys', '-t', session, 'Enter');
    // …and, when the plan is shown, keeps every wave…
    // The waves offer fewer changes than the Plan step counted: the question says both, and why
    const plan = await waitFor(/Apply \d+ of \d+ planned changes in 3 of 3 waves\?/);
    expect(plan).toMatch(/Apply 110 of 126 planned changes in 3 of 3 waves\?/);
    expect(plan).toContain('held out: payments-dev (readiness)');
    expect(plan).toMatch(/✔ 4 Plan\s+126 to change/);
    expect(plan).toContain('⚠ production');
    // The wave that holds network counts its relaxing changes
    expect(plan).toMatch(/17 relaxing: asked next/);
    await settled();
    tmux('send-keys', '-t', session, 'Enter');
    // …types the organization id for the production wave…
    await waitFor('to confirm');
    await settled();
    tmux('send-keys', '-t', session, '-l', 'o-guardrails01');
    tmux('send-keys', '-t', session, 'Enter');
    // …approves, on its own question, the one change that loosens a protection: network's hop
    // limit 1 → 2 (the field is named)…
    const relaxing = await waitFor('loosen a protection. Apply them?');
    expect(relaxing).toContain(
      'network (222222222203) in 17 regions: httpPutResponseHopLimit 1 → 2',
    );
    await settled();
    tmux('send-keys', '-t', session, 'y');
    // …goes on after each wave (rollout.confirmBetweenWaves)…
    for (;;) {
      const shown = await waitFor(/Continue with wave|Run the verification sweep again\?/);
      const asked = shown.match(/Continue with wave "[^"]+"/)?.[0];
      if (!asked) break;
      await settled();
      tmux('send-keys', '-t', session, 'y');
      // The next wave can finish and ask again within one poll: wait for this question to go,
      // not for every question to go.
      await waitFor((text) => !text.includes(asked));
    }
    // …and declines the second verify sweep
    await settled();
    tmux('send-keys', '-t', session, 'n');

    // Then the final screen shows every step done, the compliance summary and the files
    const final = await waitFor('EXIT=');
    expect(final).toContain('EXIT=0');
    expect(final).toMatch(
      /✔ 6 Apply\s+110 succeeded · 0 failed · 1 account held out \(payments-dev\)/,
    );
    expect(final).toContain('⚠ held out: payments-dev (222222222207) · 17 changes not applied');
    expect(final).toMatch(
      /✔ 7 Verify\s+164\/203 compliant · 20 drift · 17 declarative policy · 1 unreachable · 1 suspended/,
    );
    expect(final).toContain('✔ 8 Report');
    expect(final).toMatch(/journal\s+guardrails-reports\/journal-.*\.jsonl/);
    // And the hint for the account that cannot be reached, with the config line that excludes it
    expect(final).toContain('warn: sandbox-bob (222222222210): cannot be reached');
    expect(final).toContain("  scope: { excludeAccounts: ['222222222210'] }");
    // And the demo ends saying how to try a rollback against a sandbox that stays up
    expect(final).toContain("Try a rollback: the demo's sandbox stopped with the demo");
    expect(final).toMatch(/4\. undo it, with that journal:\n\s+node \S+ rollback --journal/);
    // And finished accounts scrolled by above the checklist (into the scrollback)
    const scrolled = tmux('capture-pane', '-p', '-S', '-200', '-t', session);
    // Confirm said how the relaxing change was approved (folded under its line at 100 columns)
    expect(scrolled).toMatch(
      /✔ 5 Confirm {4}3 of 3 waves: .* 17 relaxing changes approved\s+separately/,
    );
    expect(scrolled).toMatch(/✔ production · payments-prod \(222222222205\) · 17\/17 done/);
  }, 90_000);

  it('Ctrl-C at the between-waves prompt stops the rollout: nothing else runs, exit 130', async () => {
    const cwd = tempDir();
    const env = [
      `PATH=${process.env.PATH}`,
      `HOME=${process.env.HOME}`,
      'TERM=xterm-256color',
      'NO_COLOR=1',
      'GUARDRAILS_RETRY_BASE_MS=1',
      'GUARDRAILS_RETRY_MAX_MS=5',
    ];
    const name = 'ctrlc';
    const command = `cd ${cwd} && env -i ${env.join(' ')} node ${repo}bin/guardrails.js demo --stage 2 --latency-ms 2; echo "EXIT=$?"; sleep 60`;
    tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '30', command);
    const shown = () => tmux('capture-pane', '-p', '-t', name);
    const until = async (text: RegExp) => {
      const deadline = Date.now() + 30_000;
      while (!text.test(shown())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${text}:\n${shown()}`);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      await settled(shown);
    };
    await until(/Include any anyway\?/);
    tmux('send-keys', '-t', name, 'Enter');
    await until(/instances the SCP would refuse/);
    tmux('send-keys', '-t', name, 'Enter');
    await until(/Apply \d+ (of \d+ planned )?changes in \d+ of \d+ waves\?/);
    tmux('send-keys', '-t', name, 'Enter');
    await until(/to confirm/);
    tmux('send-keys', '-t', name, '-l', 'o-guardrails01');
    tmux('send-keys', '-t', name, 'Enter');
    await until(/loosen a protection/);
    tmux('send-keys', '-t', name, 'y');
    // When the first wave is done and the rollout asks to go on, the admin presses Ctrl-C
    await until(/Continue with wave/);
    tmux('send-keys', '-t', name, 'C-c');
    // Then it stops there: exit 130, the next wave and Verify never ran
    await until(/EXIT=/);
    const final = shown();
    expect(final).toContain('EXIT=130');
    expect(final).not.toMatch(/✔ \d Verify/);
    expect(final).not.toMatch(/wave 2\/3/);
  }, 90_000);
});
