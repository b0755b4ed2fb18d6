// The streamed hash must equal the hash of the canonical string it replaces: saved plans and
// journals carry hashes made by earlier versions.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256OfCanonical } from '../../src/observe/canonical-hash.js';
import { canonicalJson } from '../../src/observe/observed-state.js';

const stringHash = (value: unknown) =>
  `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;

describe('sha256OfCanonical', () => {
  it('equals the sha256 of the canonical JSON string for any JSON-like value', () => {
    fc.assert(
      fc.property(
        fc
          .anything({
            // The old copy assigned `out.__proto__`, losing that key; our keys are never that.
            key: fc.string().filter((k) => k !== '__proto__'),
            withNullPrototype: false,
            withMap: false,
            withSet: false,
            withBigInt: false,
            withObjectString: false,
            withBoxedValues: false,
            withTypedArray: false,
            withSparseArray: false,
          })
          .filter((v) => v !== undefined), // the old string hash threw on a bare undefined
        (value) => {
          expect(sha256OfCanonical(value)).toBe(stringHash(value));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('handles undefined members, undefined array items, dates and large values', () => {
    const big = {
      b: [1, undefined, 'x'],
      a: { z: undefined, y: new Date(0), x: -0, w: Number.NaN },
      list: Array.from({ length: 20_000 }, (_, i) => ({ id: `c-${i}`, note: 'é\n"' })),
    };
    expect(sha256OfCanonical(big)).toBe(stringHash(big));
  });
});
