/**
 * Issue 18 point 1 in a real terminal (tmux): with colour on, a hostile account name must not
 * erase the line above, set the window title or clear the screen; it is shown escaped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../_helpers/temp-dir.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
// A private tmux server: nothing of the user's sessions is touched.
const socket = `guardrails-escapes-${process.pid}`;
const session = 'escapes';
const tmux = (...args: string[]) =>
  execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });

const WEB_DEV = '222222222208';
const HOSTILE = 'web-dev\u001b[1A\u001b[2K\u001b]2;pwned\u0007\u001b[2J';

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0, seed: 1 });
  await sb.admin.updateAccount(WEB_DEV, { name: HOSTILE });
});
afterAll(async () => {
  if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
  await sb.close();
});

describe.skipIf(!hasTmux)('hostile names in a real terminal (tmux)', () => {
  it('verify with colour: the line above survives, the title is untouched, the name is shown escaped', async () => {
    const env = [
      `PATH=${process.env.PATH}`,
      `HOME=${process.env.HOME}`,
      'TERM=xterm-256color',
      'FORCE_COLOR=1',
      'GUARDRAILS_RETRY_BASE_MS=1',
      'GUARDRAILS_RETRY_MAX_MS=5',
      ...Object.entries(sb.env).map(([k, v]) => `${k}=${v}`),
    ];
    const cwd = tempDir();
    const command =
      `cd ${cwd} && echo MARKER-ABOVE && env -i ${env.join(' ')} node ${repo}bin/guardrails.js ` +
      `verify --accounts ${WEB_DEV} --regions us-east-1 --no-interactive; echo "EXIT=$?"; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '40', command);
    tmux('set-option', '-t', session, 'allow-rename', 'on');
    const deadline = Date.now() + 60_000;
    let screen = '';
    while (!/EXIT=\d+/.test(screen)) {
      if (Date.now() > deadline) throw new Error(`timed out; screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      screen = tmux('capture-pane', '-p', '-t', session);
    }
    expect(screen).toContain('MARKER-ABOVE');
    expect(screen).toContain('web-dev\\u001b[1A\\u001b[2K\\u001b]2;pwned\\u0007\\u001b[2J');
    expect(tmux('display-message', '-p', '-t', session, '#{pane_title}')).not.toContain('pwned');
    // The tool's own colours still reach the terminal.
    expect(tmux('capture-pane', '-p', '-e', '-t', session)).toContain('\u001b[');
  });
});
