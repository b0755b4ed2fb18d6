/**
 * Issue 18 point 11 (configs): a config whose default export never resolved exited 13 with no
 * message, one that looped forever ignored SIGTERM, and one that threw was told to "fix the
 * syntax error". Configs now load in a worker with a time bound, and each failure says what
 * happened.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../_helpers/run-cli.js';
import { cleanEnv } from '../_helpers/run-process.js';
import { tempDir } from '../_helpers/temp-dir.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

async function configCommand(source: string, env: Record<string, string> = {}) {
  const cwd = tempDir({ 'guardrails.config.ts': source });
  const started = Date.now();
  const run = await runCliCaptured(['config'], { cwd, env });
  return { ...run, ms: Date.now() - started };
}

describe('loading a config', () => {
  it('a default export that never settles: a clear error, at once', async () => {
    const run = await configCommand('export default new Promise(() => {});\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('its default export is a promise that never settles');
    expect(run.stderr).toContain('guardrails.config.ts');
  });

  it('an endless loop: stopped at the bound with a clear error', async () => {
    const run = await configCommand('while (true) {}\nexport default {};\n', {
      GUARDRAILS_CONFIG_TIMEOUT_MS: '1500',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('did not finish loading within 2 s');
    expect(run.stderr).toContain('GUARDRAILS_CONFIG_TIMEOUT_MS');
  });

  it('a config that throws: the throw is named, no "syntax error" hint', async () => {
    const run = await configCommand("throw new Error('no such secret');\nexport default {};\n");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('guardrails.config.ts threw while loading: no such secret');
    expect(run.stderr).not.toMatch(/syntax/i);
  });

  it('a syntax error still gets the syntax hint', async () => {
    const run = await configCommand('export default { scope: {\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Cannot load guardrails\.config\.ts/);
    expect(run.stderr).toContain('Fix the syntax error');
  });

  it('a default export holding a function is not plain data', async () => {
    const run = await configCommand('export default { scope: () => 1 };\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('not plain data');
  });

  it('a function default export that resolves still works', async () => {
    const run = await configCommand(
      'export default async () => ({ rollout: { concurrency: 7 } });\n',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).rollout.concurrency).toBe(7);
  });

  it('a looping config does not make the real process ignore SIGTERM', async () => {
    const cwd = tempDir({ 'guardrails.config.ts': 'while (true) {}\nexport default {};\n' });
    const child = spawn('node', [`${repo}bin/guardrails.js`, 'config'], {
      cwd,
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    // Give it time to be inside the loop, then ask it to stop.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const sent = Date.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(Date.now() - sent).toBeLessThan(5000);
    expect(code).not.toBe(0);
    expect(stderr).not.toContain('did not finish loading');
  }, 20_000);
});
