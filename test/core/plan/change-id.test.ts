import { describe, expect, it } from 'vitest';
import { changeId, stableHash } from '../../../src/core/plan/change-id.js';

describe('changeId', () => {
  it('is `c-` and the stable hash, for any key (ids of saved plans never change)', () => {
    const keys = ['', 'a', '\u0000', 'é', '🙂', 'policy.create:DenyIMDSv1'];
    for (let i = 0; i < 5000; i++) {
      keys.push(`imds.set:${300000000000 + i * 7919}:${['us-east-1', 'eu-west-3'][i % 2]}`);
    }
    for (const key of keys) expect(changeId(key)).toBe(`c-${stableHash(key)}`);
    expect(changeId('imds.set:300000000001:us-east-1')).toMatch(/^c-[0-9a-f]{16}$/);
  });
});
