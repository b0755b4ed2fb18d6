import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  policyJson,
  samePolicyContent,
} from '../../../src/core/model/canonical-json.js';

describe('canonical JSON', () => {
  it('hashes with alphabetical keys and drops undefined members (plan hashes stay byte-stable)', () => {
    const value = { b: 1, Version: 'v', a: { z: undefined, y: [2, 1] }, Statement: [] };
    expect(canonicalJson(value)).toBe('{"Statement":[],"Version":"v","a":{"y":[2,1]},"b":1}');
  });

  it('renders policies in the IAM grammar order', () => {
    const doc = {
      Statement: [{ Action: 'ec2:*', Effect: 'Deny', Sid: 'S' }],
      Version: '2012-10-17',
    };
    expect(policyJson(doc)).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Deny","Action":"ec2:*"}]}',
    );
  });

  it('compares policy texts as JSON values; absent equals only absent', () => {
    expect(samePolicyContent('{"a":1, "b":2}', '{"b":2,"a":1}')).toBe(true);
    expect(samePolicyContent('{"a":1}', '{"a":2}')).toBe(false);
    expect(samePolicyContent(undefined, '{}')).toBe(false);
    expect(samePolicyContent(undefined, undefined)).toBe(true);
  });
});
