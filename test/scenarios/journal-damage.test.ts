/**
 * A real apply journal cut by a crash inside its last record: `apply --resume` repairs the tail
 * and finishes, and `rollback` then accepts the journal and restores every target.
 * (Every byte of the last record is covered in test/execute/journal-integrity.test.ts.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readJournal } from '../../src/execute/journal-store.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { journalIn } from '../_helpers/journal-watch.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { demoDriftKeys } from './_demo-drift.js';

let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
});

/** The journal up to its last `done` record, cut `keep` bytes into that record. */
function cutInLastDone(text: string, keep: (line: string) => number): string {
  const lines = text.trimEnd().split('\n');
  const lastDone = lines.findLastIndex((l) => l.startsWith('{"type":"done"'));
  const line = lines[lastDone] as string;
  return `${lines.slice(0, lastDone).join('\n')}\n${line.slice(0, keep(line))}`;
}

describe('a journal whose last record was cut by a crash', () => {
  for (const [where, keep] of [
    ['mid-record', (line: string) => Math.floor(line.length / 2)],
    ['just before its newline', (line: string) => line.length],
  ] as const) {
    it(`given the last record cut ${where}, when resumed and then rolled back, then both accept it and every target is restored`, async () => {
      sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
      const cwd = tempDir();
      const applied = await runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing']);
      expect(applied.code, applied.stderr).toBe(0);
      const path = journalIn(cwd) as string;
      writeFileSync(path, cutInLastDone(readFileSync(path, 'utf8'), keep));
      await sb.admin.resetCounters();

      const resumed = await runAgainst(sb, cwd, ['apply', '--resume', path, '--yes']);
      expect(resumed.code, resumed.stderr + resumed.stdout).toBe(0);
      // Nothing rewritten: the cut `done` is settled by reading the target back.
      expect((await sb.admin.counters()).imdsWrites).toEqual({});
      const state = await readJournal(path);
      expect(state.truncatedTail).toBe(false);
      expect([...state.changes.values()].every((c) => c.status === 'done')).toBe(true);

      const rolledBack = await runAgainst(sb, cwd, ['rollback', '--journal', path, '--yes']);
      expect(rolledBack.code, rolledBack.stderr + rolledBack.stdout).toBe(0);
      expect((await sb.admin.counters()).imdsWrites).toEqual(
        Object.fromEntries(demoDriftKeys().map((k) => [k, 1])),
      );
    }, 120_000);
  }
});
