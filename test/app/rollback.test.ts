import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { rollback } from '../../src/app/rollback.js';
import { configSchema } from '../../src/config/schema.js';
import { beforeImageOf } from '../../src/execute/apply-change.js';
import { JournalWriter } from '../../src/execute/journal-store.js';
import { answeringHost } from '../_helpers/answering-host.js';
import { imdsChange, testJournalHeader } from '../_helpers/change-builders.js';
import { createFakeGateways, createFakeWorld } from '../_helpers/fake-gateways.js';
import { tempDir } from '../_helpers/temp-dir.js';

const header = testJournalHeader;
const at = '2026-11-26T10:00:01.000Z';

describe('rollback', () => {
  it('given writes journaled done, failed-after-landing and in-flight-never-landed, then undoes exactly the landed ones', async () => {
    // Given
    const world = createFakeWorld();
    const landed = imdsChange('222222222201', 'us-east-1', { before: { httpTokens: 'optional' } });
    const failedButLanded = imdsChange('222222222202', 'us-east-1');
    const neverLanded = imdsChange('222222222203', 'us-east-1');
    const theirs = imdsChange('222222222204', 'us-east-1');
    const applied = { httpTokens: 'required' as const, httpPutResponseHopLimit: 2 };
    world.imds.set('222222222201:us-east-1', applied);
    world.imds.set('222222222202:us-east-1', applied);
    world.imds.set('222222222204:us-east-1', {
      httpTokens: 'required',
      httpPutResponseHopLimit: 3,
    });
    const dir = tempDir();
    const journal = await JournalWriter.create(dir, header, new Date('2026-11-26T10:00:00Z'));
    for (const change of [landed, failedButLanded, neverLanded, theirs]) {
      await journal.append({
        type: 'intent',
        at,
        changeId: change.id,
        change,
        before: beforeImageOf(change),
      });
    }
    const afterImage = (c: typeof landed) => ({
      kind: 'imds' as const,
      accountId: c.accountId,
      region: c.region,
      defaults: applied,
    });
    await journal.append({ type: 'done', at, changeId: landed.id, after: afterImage(landed) });
    await journal.append({ type: 'done', at, changeId: theirs.id, after: afterImage(theirs) });
    await journal.append({
      type: 'failed',
      at,
      changeId: failedButLanded.id,
      code: 'AccessDenied',
      message: 'read-back refused',
    });
    await journal.close();
    const host = answeringHost();
    const ctx: AppContext = {
      config: configSchema.parse({}),
      configFile: undefined,
      gateways: createFakeGateways(world),
      host,
      overrides: {},
      concurrency: 4,
      now: () => new Date('2026-11-26T11:00:00Z'),
      signal: new AbortController().signal,
      toolVersion: 'test',
    };
    // When
    const result = await rollback(ctx, {
      journalPath: journal.path,
      reportsDir: dir,
      interactive: false,
      yes: true,
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    // Then
    expect(world.imds.get('222222222201:us-east-1')).toEqual({ httpTokens: 'optional' });
    expect(world.imds.get('222222222202:us-east-1')).toEqual({});
    expect(world.imds.get('222222222203:us-east-1')).toBeUndefined();
    expect(world.imds.get('222222222204:us-east-1')).toEqual({
      httpTokens: 'required',
      httpPutResponseHopLimit: 3,
    });
    expect(result.leftAlone.map((l) => l.label)).toEqual(['acct-04 (222222222204) us-east-1']);
    expect(result.status).toBe('partial');
    expect(world.calls.filter((c) => c.startsWith('Modify:'))).toHaveLength(2);
  });
});
