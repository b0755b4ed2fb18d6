/** One writer per organization: a second apply at the same time is refused, naming the holder. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { demoDriftKeys } from './_demo-drift.js';

let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
});

const LOCK = '.guardrails-o-guardrails01.lock';

describe('per-organization apply lock', () => {
  it('given two applies started at once, when both run, then one is refused naming the holder and every target is written once', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1, latencyMs: 5 });
    const cwd = tempDir();
    const runs = await Promise.all([
      runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing']),
      runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing']),
    ]);
    const codes = runs.map((r) => r.code).sort();
    expect(codes, runs.map((r) => r.stderr).join('\n---\n')).toEqual([0, 1]);
    const refused = runs.find((r) => r.code === 1);
    expect(refused?.stderr).toMatch(
      new RegExp(`locked by guardrails apply \\(pid ${process.pid} on ${hostname()}, since `),
    );
    expect((await sb.admin.counters()).imdsWrites).toEqual(
      Object.fromEntries(demoDriftKeys().map((k) => [k, 1])),
    );
    // One journal, and the lock is gone once the winner finished.
    const files = readdirSync(join(cwd, 'guardrails-reports'));
    expect(files.filter((f) => f.startsWith('journal-'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.lock'))).toEqual([]);
  }, 120_000);

  it('given a lock left by a process that died, when applying, then the stale lock is taken over', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const cwd = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
    const lock = { pid: dead, host: hostname(), command: 'apply', startedAt: 'x' };
    mkdirSync(join(cwd, 'guardrails-reports'));
    writeFileSync(join(cwd, 'guardrails-reports', LOCK), JSON.stringify(lock));
    const run = await runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing']);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(join(cwd, 'guardrails-reports')).filter((f) => f.endsWith('.lock'))).toEqual(
      [],
    );
  }, 120_000);

  it('given a lock held on another host, when rolling back, then refuses and says which file to remove', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const cwd = tempDir();
    const applied = await runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing']);
    expect(applied.code).toBe(0);
    const lock = {
      pid: 1,
      host: 'ci-runner-7',
      command: 'apply',
      startedAt: '2026-12-05T10:00:00Z',
    };
    writeFileSync(join(cwd, 'guardrails-reports', LOCK), JSON.stringify(lock));
    const journal = readdirSync(join(cwd, 'guardrails-reports')).find((f) =>
      f.startsWith('journal-'),
    );
    const run = await runAgainst(sb, cwd, [
      'rollback',
      '--journal',
      join('guardrails-reports', journal as string),
      '--yes',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('locked by guardrails apply (pid 1 on ci-runner-7');
    expect(run.stderr).toContain(LOCK);
    expect((await sb.admin.counters()).imdsWrites).toEqual(
      Object.fromEntries(demoDriftKeys().map((k) => [k, 1])),
    );
  }, 120_000);
});
