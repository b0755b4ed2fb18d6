import { describe, expect, it } from 'vitest';
import { readUntil } from '../../src/execute/read-back.js';

const window = { windowMs: 200, baseDelayMs: 5, maxDelayMs: 20 };

describe('readUntil', () => {
  it('reads again until the value shows the intended state', async () => {
    const answers = ['old', 'old', 'new'];
    let reads = 0;
    const value = await readUntil(
      async () => answers[reads++] ?? 'new',
      (v) => v === 'new',
      window,
    );
    expect(value).toBe('new');
    expect(reads).toBe(3);
  });

  it('gives up after the window and returns the last (stale) value', async () => {
    const started = Date.now();
    let reads = 0;
    const value = await readUntil(
      async () => {
        reads++;
        return 'old';
      },
      (v) => v === 'new',
      window,
    );
    expect(value).toBe('old');
    expect(reads).toBeGreaterThan(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
