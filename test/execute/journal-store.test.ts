import { appendFileSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JournalWriter, readJournal } from '../../src/execute/journal-store.js';
import { imdsChange, testJournalHeader } from '../_helpers/change-builders.js';
import { tempDir } from '../_helpers/temp-dir.js';

const header = testJournalHeader;

const at = '2026-11-26T10:00:01.000Z';

describe('journal store', () => {
  it('given intents and outcomes, when read back, then rebuilds done, failed and in-flight changes', async () => {
    // Given
    const dir = tempDir();
    const writer = await JournalWriter.create(dir, header, new Date('2026-11-26T10:00:00Z'));
    const [a, b, c] = [
      imdsChange('222222222201', 'us-east-1'),
      imdsChange('222222222202', 'us-east-1'),
      imdsChange('222222222203', 'eu-west-1'),
    ];
    for (const change of [a, b, c]) {
      await writer.append(
        {
          type: 'intent',
          at,
          changeId: change.id,
          change,
          before: {
            kind: 'imds',
            accountId: change.accountId,
            region: change.region,
            defaults: {},
          },
        },
        { sync: true },
      );
    }
    const after = {
      kind: 'imds' as const,
      accountId: a.accountId,
      region: a.region,
      defaults: { httpTokens: 'required' as const },
    };
    await Promise.all([
      writer.append({ type: 'done', at, changeId: a.id, after }),
      writer.append({ type: 'failed', at, changeId: b.id, code: 'AccessDenied', message: 'no' }),
    ]);
    await writer.close();
    // When
    const state = await readJournal(writer.path);
    // Then
    expect(writer.path).toMatch(/journal-2026-11-26T10-00-00-000Z\.jsonl$/);
    expect(state.header.planHash).toBe('p');
    expect([...state.changes.values()].map((e) => [e.changeId, e.status])).toEqual([
      [a.id, 'done'],
      [b.id, 'failed'],
      [c.id, 'in-flight'],
    ]);
    expect(state.changes.get(a.id)?.after).toEqual(after);
    expect(state.changes.get(b.id)?.error).toEqual({ code: 'AccessDenied', message: 'no' });
  });

  it('given a process killed mid-line, when read, then ignores the partial last line', async () => {
    const dir = tempDir();
    const writer = await JournalWriter.create(dir, header, new Date());
    await writer.close();
    appendFileSync(writer.path, '{"type":"intent","changeId":"x","ch');
    const state = await readJournal(writer.path);
    expect(state.truncatedTail).toBe(true);
    expect(state.changes.size).toBe(0);
  });

  it('keeps the first before-image and the last outcome when a change is retried in a resumed run', async () => {
    const dir = tempDir();
    const change = imdsChange('222222222201', 'us-east-1');
    const writer = await JournalWriter.create(dir, header, new Date());
    const image = (httpTokens?: 'optional' | 'required') => ({
      kind: 'imds' as const,
      accountId: change.accountId,
      region: change.region,
      defaults: httpTokens ? { httpTokens } : {},
    });
    await writer.append({
      type: 'intent',
      at,
      changeId: change.id,
      change,
      before: image('optional'),
    });
    await writer.append({
      type: 'failed',
      at,
      changeId: change.id,
      code: 'Throttling',
      message: 'slow down',
    });
    await writer.append({ type: 'intent', at, changeId: change.id, change, before: image() });
    await writer.append({ type: 'done', at, changeId: change.id, after: image('required') });
    await writer.close();
    const entry = (await readJournal(writer.path)).changes.get(change.id);
    expect(entry?.before).toEqual(image('optional'));
    expect(entry?.status).toBe('done');
    expect(entry?.error).toBeUndefined();
  });

  it('never contains credentials', async () => {
    const dir = tempDir();
    const writer = await JournalWriter.create(dir, header, new Date());
    await writer.close();
    expect(readFileSync(writer.path, 'utf8')).not.toMatch(/secret|sessionToken|AKIA/i);
  });

  it('refuses a file that is not a journal', async () => {
    const dir = tempDir({ 'x.jsonl': '{"hello":1}\n' });
    await expect(readJournal(`${dir}/x.jsonl`)).rejects.toThrow(/not a guardrails journal/);
  });
});
