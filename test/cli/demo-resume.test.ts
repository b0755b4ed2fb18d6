/**
 * The demo's resume hint: its sandbox ends with the demo, so the hint says so and prints a
 * command that works from a checkout against a sandbox that stays up (`guardrails sandbox`).
 */
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { runCliCaptured } from '../_helpers/run-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';

const FAST_RETRIES = { GUARDRAILS_RETRY_BASE_MS: '1', GUARDRAILS_RETRY_MAX_MS: '5' };

describe('guardrails demo stopped during Apply', () => {
  it('says its sandbox has stopped and prints a resume command that works against a new one', async () => {
    // Given the demo without a terminal, stopped (Ctrl-C) once the first wave has started
    const cwd = tempDir();
    const controller = new AbortController();
    let stderr = '';
    const code = await runCli(['demo', '--latency-ms', '5'], {
      stdout: { write: () => true },
      stderr: {
        write: (chunk: string) => {
          stderr += chunk;
          if (stderr.includes('› wave 1/3')) controller.abort();
          return true;
        },
      },
      stdin: new PassThrough(),
      env: { CI: '1', NO_COLOR: '1', PATH: process.env.PATH, ...FAST_RETRIES },
      cwd,
      signal: controller.signal,
    });
    // Then it stops resumably and explains the sandbox is gone, with the launcher to use
    expect(code, stderr).toBe(130);
    expect(stderr).toContain("The demo's sandbox stopped with the demo");
    const bin = join(process.cwd(), 'bin', 'guardrails.js');
    expect(stderr).toContain(`1. in another terminal: node ${bin} sandbox`);
    // The note fits 80 columns: the command is broken with `\` continuations, as a shell reads it
    const note = stderr.slice(stderr.indexOf('Resume with:'));
    const noteLines = note.trimEnd().split('\n');
    for (const line of noteLines) {
      if (!line.includes(bin)) expect(line.length, line).toBeLessThanOrEqual(80);
    }
    const continued = note.match(/^Resume with:\n((?:.*\\\n)*.*)$/m)?.[1] ?? '';
    const command = continued.replace(/ \\\n\s*/g, ' ').trim();
    const resume = command.match(/^node (\S+) (.*)$/);
    expect(resume?.[1]).toBe(bin);
    const args = (resume?.[2] ?? '').split(' ');
    expect(args).toContain('--resume');
    expect(args).not.toContain('guardrails');

    // When a sandbox that stays up is started and the printed command runs with its env lines
    const sandbox = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0 });
    try {
      const run = await runCliCaptured(args, { cwd, env: { ...sandbox.env, ...FAST_RETRIES } });
      // Then the resume runs to the end against it
      expect(run.stderr).not.toContain('Error:');
      expect([0, 3], run.stderr).toContain(run.code);
      expect(run.stdout).toMatch(/Apply (complete|incomplete)/);
    } finally {
      await sandbox.close();
    }
  }, 90_000);
});
