import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readJournal } from '../../src/execute/journal-store.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { doneCount, journalIn } from '../_helpers/journal-watch.js';
import { runAgainst, sandboxEnv } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { demoDriftKeys } from './_demo-drift.js';

const bin = fileURLToPath(new URL('../../bin/guardrails.js', import.meta.url));

let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
});

describe('apply killed with SIGKILL mid-run, then resumed', () => {
  it('given a child killed mid-apply, when resumed from its journal, then converges without rewriting journaled targets', async () => {
    // Given: once the child starts writing (its journal exists), calls slow down so it is
    // mid-flight when it dies.
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const cwd = tempDir();
    const child = spawn(process.execPath, [bin, 'apply', '--yes', '--allow-relaxing'], {
      cwd,
      env: { ...process.env, ...sandboxEnv(sb), CI: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    const deadline = Date.now() + 90_000;
    let journal: string | undefined;
    let slowed = false;
    while (Date.now() < deadline) {
      journal = journalIn(cwd);
      if (journal && !slowed) {
        await sb.admin.setFaults({ latencyMs: 200 });
        slowed = true;
      }
      if (journal && doneCount(journal) >= 10) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(journal, stderr).toBeDefined();
    child.kill('SIGKILL');
    await exited;
    const path = journal as string;
    const before = await readJournal(path);
    const doneBefore = [...before.changes.values()].filter((c) => c.status === 'done');
    expect(doneBefore.length).toBeGreaterThanOrEqual(10);
    expect(doneBefore.length).toBeLessThan(120);

    // When
    await sb.admin.setFaults({ latencyMs: 0 });
    const resumed = await runAgainst(sb, cwd, ['apply', '--resume', path, '--yes']);

    // Then
    expect(resumed.code, resumed.stderr + resumed.stdout).toBe(0);
    const counters = await sb.admin.counters();
    // Every needed target written exactly once across both processes: nothing redone.
    expect(counters.imdsWrites).toEqual(Object.fromEntries(demoDriftKeys().map((k) => [k, 1])));
    const after = await readJournal(path);
    expect([...after.changes.values()].every((c) => c.status === 'done')).toBe(true);
    expect(after.changes.size).toBe(120);
    const again = await runAgainst(sb, cwd, ['plan']);
    expect(again.stdout).toContain('No changes.');
  }, 180_000);
});
