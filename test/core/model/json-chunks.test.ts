import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/core/model/canonical-json.js';
import { canonicalJsonChunks, prettyJsonChunks } from '../../../src/core/model/json-chunks.js';

const joined = (write: (value: unknown, sink: (chunk: string) => void) => void, value: unknown) => {
  const chunks: string[] = [];
  write(value, (chunk) => chunks.push(chunk));
  return { text: chunks.join(''), chunks };
};

// Plain data as plans and observations hold it, with undefined members and nested lists.
const data = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, undefined, true, false, 0, -0, 1.5, Number.NaN),
    fc.string({ unit: 'binary' }),
    fc.integer(),
    fc.array(tie('value'), { maxLength: 6 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('JSON in chunks', () => {
  it('gives exactly the bytes of canonicalJson (hashes of saved plans do not change)', () => {
    fc.assert(
      fc.property(data, (value) => {
        expect(joined(canonicalJsonChunks, value).text).toBe(canonicalJson(value) ?? '');
      }),
      { numRuns: 500 },
    );
  });

  it('gives exactly the bytes of JSON.stringify(value, null, 2) (saved plan files do not change)', () => {
    fc.assert(
      fc.property(data, (value) => {
        expect(joined(prettyJsonChunks, value).text).toBe(JSON.stringify(value, null, 2) ?? '');
      }),
      { numRuns: 500 },
    );
  });

  it('hands a long list over in pieces instead of one string', () => {
    const plan = {
      changes: Array.from({ length: 5000 }, (_, i) => ({ id: `c${i}`, b: [i, 'x'] })),
    };
    const { text, chunks } = joined(prettyJsonChunks, plan);
    expect(text).toBe(JSON.stringify(plan, null, 2));
    expect(chunks.length).toBeGreaterThan(1);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(text.length / 2);
    const canonical = joined(canonicalJsonChunks, plan);
    expect(canonical.text).toBe(canonicalJson(plan));
    expect(canonical.chunks.length).toBeGreaterThan(1);
  });
});
