import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndjsonEventSchema } from '../../src/ci/ndjson-schema.js';
import { JOURNAL_PLACEHOLDER } from '../../src/commands/demo-notes.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { runCliCaptured } from '../_helpers/run-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';

// Throttled sandbox calls retry at once instead of after the SDK's 1 s base.
const FAST_RETRIES = { GUARDRAILS_RETRY_BASE_MS: '1', GUARDRAILS_RETRY_MAX_MS: '5' };

/** A command of the note, after `label`: its `\\` continuations joined, split as a shell would. */
function printedCommand(note: string, label: string): { launcher: string; args: string[] } {
  const lines = note.split('\n');
  const at = lines.findIndex((l) => l.trim().startsWith(label));
  const parts: string[] = [];
  for (const line of lines.slice(at + 1)) {
    parts.push(line.replace(/ \\$/, '').trim());
    if (!line.endsWith(' \\')) break;
  }
  const [node, launcher = '', ...args] = parts.join(' ').split(' ');
  expect(node).toBe('node');
  return { launcher, args };
}

describe('guardrails demo without a terminal', () => {
  it('runs the whole rollout against its sandbox with the CI renderer and exits 0', async () => {
    // Given no TTY (CI=1) and a working directory for the reports
    const cwd = tempDir();
    // When the demo runs
    const run = await runCliCaptured(['demo', '--latency-ms', '0'], { cwd, env: FAST_RETRIES });
    // Then every step passed, on stderr, and nothing was asked
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    // And payments-dev, whose workloads call IMDSv1, is held out of the waves with the evidence
    for (const line of [
      '✔ Readiness: 13 accounts: 9 ready, 1 at risk, 3 unknown',
      '✔ Plan: 126 to change',
      '› held out (at risk): payments-dev (222222222207), 17 changes: 5,088 IMDSv1 calls in 14 days from 3 instances in us-east-1 · include with --allow-at-risk 222222222207',
      '✔ Confirm: all 3 waves: canary, non-production, production (--yes) · 17 relaxing changes allowed by --allow-relaxing',
      '› wave 1/3 canary: 20 changes',
      // The SCP's new content goes to the canary first, under DenyIMDSv1-next
      '› DenyIMDSv1 content update: canaried as DenyIMDSv1-next in wave canary (3 accounts), widened in wave non-production (3 accounts), swapped in wave production',
      '✔ Apply: 110 succeeded · 0 failed · 1 account held out (payments-dev)',
      '✔ Verify: 164/203 compliant · 20 drift · 17 declarative policy · 1 unreachable · 1 suspended',
      '✔ Report',
    ]) {
      expect(run.stderr).toContain(line);
    }
    // And the journal and the report are in the working directory
    const files = readdirSync(join(cwd, 'guardrails-reports'));
    expect(files.some((f) => f.startsWith('journal-') && f.endsWith('.jsonl'))).toBe(true);
    expect(files.some((f) => f.startsWith('verify-'))).toBe(true);

    // And it ends saying how to try a rollback, in 80 columns, against a sandbox that stays up
    const note = run.stderr.slice(run.stderr.indexOf('Try a rollback'));
    expect(note).toContain("the demo's sandbox stopped with the demo");
    for (const line of note.trimEnd().split('\n'))
      expect(line.length, line).toBeLessThanOrEqual(80);
    const bin = join(process.cwd(), 'bin', 'guardrails.js');
    expect(note).toContain(`1. in another terminal: node ${bin} sandbox`);
    const rollout = printedCommand(note, '3. ');
    const rollback = printedCommand(note, '4. ');
    expect(rollout.launcher).toBe(bin);
    expect(rollback.launcher).toBe(bin);
    expect(rollback.args.slice(0, 2)).toEqual(['rollback', '--journal']);

    // When those commands run against a sandbox that stays up (with its env lines) — the rollout
    // with the flags that answer its questions here, where no terminal is —
    const sandbox = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0 });
    try {
      const env = { ...sandbox.env, ...FAST_RETRIES };
      const where = tempDir();
      const rolledOut = await runCliCaptured([...rollout.args, '--yes', '--allow-relaxing'], {
        cwd: where,
        env,
      });
      expect(rolledOut.code, rolledOut.stderr).toBe(0);
      // …and the rollback gets the journal the rollout printed in place of the placeholder
      const journal = rolledOut.stderr.match(/guardrails-reports\/journal-\S+\.jsonl/)?.[0];
      expect(journal).toBeDefined();
      const args = rollback.args.map((a) => (a === JOURNAL_PLACEHOLDER ? String(journal) : a));
      expect(args).not.toEqual(rollback.args);
      const undone = await runCliCaptured([...args, '--yes'], { cwd: where, env });
      // Then the rollback restores what the rollout changed
      expect(undone.code, undone.stderr).toBe(0);
      expect(undone.stdout + undone.stderr).toMatch(
        /Rollback complete: [1-9]\d* restored, 0 failed, 0 left alone/,
      );
    } finally {
      await sandbox.close();
    }
  }, 90_000);

  it('streams schema-valid NDJSON events on stdout with --json', async () => {
    const run = await runCliCaptured(['demo', '--json', '--latency-ms', '0'], {
      cwd: tempDir(),
      env: FAST_RETRIES,
    });
    expect(run.code, run.stderr).toBe(0);
    const events = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    for (const event of events) expect(ndjsonEventSchema.safeParse(event).success).toBe(true);
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      'preflight.identity',
      'plan.ready',
      'readiness.gated',
      'wave.started',
      'change.succeeded',
      'run.finished',
      'verify.finished',
      'report.written',
    ]) {
      expect(types).toContain(type);
    }
    expect(events.at(-1)).toMatchObject({ type: 'step.finished', step: 'report', status: 'ok' });
  }, 60_000);

  it('the guided rollout without a terminal and without --yes fails before any AWS call', async () => {
    // Given an organization reached like AWS: --endpoint-url and credentials in the environment
    const sandbox = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0 });
    try {
      const cwd = tempDir();
      // When `guardrails` runs with no command, no terminal and no --yes
      const run = await runCliCaptured(['--endpoint-url', sandbox.url], {
        cwd,
        env: { ...sandbox.env, ...FAST_RETRIES },
      });
      // Then it refuses at once, names the flag, and neither reads nor changes anything
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        'The guided rollout needs confirmation, but this is not an interactive terminal',
      );
      expect(run.stderr).toContain('hint: Pass --yes');
      expect(run.stderr).not.toContain('Plan');
      const counters = await sandbox.admin.counters();
      expect(Object.keys(counters.operations)).toEqual([]);
      expect(existsSync(join(cwd, 'guardrails-reports'))).toBe(false);
    } finally {
      await sandbox.close();
    }
  }, 30_000);
});
