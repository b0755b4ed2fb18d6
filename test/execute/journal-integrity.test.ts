import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JournalWriter, readJournal } from '../../src/execute/journal-store.js';
import { imdsChange, testJournalHeader } from '../_helpers/change-builders.js';
import { tempDir } from '../_helpers/temp-dir.js';

const at = '2026-11-26T10:00:01.000Z';
const change = imdsChange('222222222201', 'us-east-1');
const other = imdsChange('222222222202', 'us-east-1');
const image = (accountId: string, httpTokens?: 'optional' | 'required') => ({
  kind: 'imds' as const,
  accountId,
  region: 'us-east-1',
  defaults: httpTokens ? { httpTokens } : {},
});

/** A journal with one done change; its last line is the `done` record. */
async function journalWithOneDone(): Promise<string> {
  const writer = await JournalWriter.create(tempDir(), testJournalHeader, new Date());
  await writer.append({
    type: 'intent',
    at,
    changeId: change.id,
    change,
    before: image(change.accountId, 'optional'),
  });
  await writer.append({
    type: 'done',
    at,
    changeId: change.id,
    after: image(change.accountId, 'required'),
  });
  await writer.close();
  return writer.path;
}

describe('journal tail cut by a crash', () => {
  it('given the last record cut at every byte, when resumed and appended to, then the journal reads whole and the chain holds', async () => {
    const path = await journalWithOneDone();
    const text = readFileSync(path, 'utf8');
    const lastStart = text.lastIndexOf('\n', text.length - 2) + 1;
    for (let cut = lastStart; cut <= text.length; cut += 1) {
      writeFileSync(path, text.slice(0, cut));
      const damaged = await readJournal(path);
      const complete = cut === text.length;
      expect(damaged.changes.get(change.id)?.status).toBe(complete ? 'done' : 'in-flight');
      // Resume appends after repairing the tail: nothing is glued onto the cut line.
      const writer = await JournalWriter.openForAppend(path);
      await writer.append({ type: 'resume', at, planHash: 'p', observedHash: 'o' });
      await writer.append({
        type: 'done',
        at,
        changeId: change.id,
        after: image(change.accountId, 'required'),
      });
      await writer.close();
      const repaired = await readJournal(path);
      expect(repaired.truncatedTail).toBe(false);
      expect(repaired.changes.get(change.id)?.status, `cut at byte ${cut}`).toBe('done');
      expect(repaired.changes.get(change.id)?.before).toEqual(image(change.accountId, 'optional'));
    }
  });
});

describe('journal integrity chain', () => {
  it('given an edited before-image, when read, then refuses naming the file and the line', async () => {
    const path = await journalWithOneDone();
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('"httpTokens":"optional"', '"httpTokens":"required"'));
    await expect(readJournal(path)).rejects.toThrow(
      new RegExp(
        `Journal ${path} fails its integrity check at line 2 \\(intent record for ${change.id}\\)`,
      ),
    );
    await expect(JournalWriter.openForAppend(path)).rejects.toThrow(/integrity check at line 2/);
  });

  it('given an injected intent and done for a target the apply never touched, when read, then refuses', async () => {
    const path = await journalWithOneDone();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    const intent = JSON.parse(lines[1] as string) as Record<string, unknown>;
    const done = JSON.parse(lines[2] as string) as Record<string, unknown>;
    const injected = [
      { ...intent, changeId: other.id, change: other, before: image(other.accountId, 'optional') },
      { ...done, changeId: other.id, after: image(other.accountId, 'required') },
    ].map((r) => JSON.stringify(r));
    writeFileSync(path, `${[...lines, ...injected].join('\n')}\n`);
    await expect(readJournal(path)).rejects.toThrow(/integrity check at line 4 \(intent record/);
  });

  it('given a record removed or two swapped, when read, then refuses at the first line out of place', async () => {
    const path = await journalWithOneDone();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    writeFileSync(path, `${[lines[0], lines[2]].join('\n')}\n`);
    await expect(readJournal(path)).rejects.toThrow(/integrity check at line 2 \(done record/);
    writeFileSync(path, `${[lines[0], lines[2], lines[1]].join('\n')}\n`);
    await expect(readJournal(path)).rejects.toThrow(/integrity check at line 2/);
  });

  it('given a version 1 journal (no chain), when read, then says which version can finish it', async () => {
    const dir = tempDir({
      'old.jsonl': `${JSON.stringify({ ...testJournalHeader, version: 1 })}\n`,
    });
    await expect(readJournal(`${dir}/old.jsonl`)).rejects.toThrow(/version 1 journal/);
  });
});
