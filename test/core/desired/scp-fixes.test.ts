import { describe, expect, it } from 'vitest';
import { OLD_MODIFY_STATEMENT_FIX, scpFixes } from '../../../src/core/desired/scp-fixes.js';

const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const OLD = {
  Effect: 'Deny',
  Action: 'ec2:ModifyInstanceMetadataOptions',
  Resource: '*',
  Condition: { StringNotEquals: { 'ec2:MetadataHttpTokens': 'required' } },
};
const NEW = {
  Effect: 'Deny',
  Action: 'ec2:ModifyInstanceMetadataOptions',
  Resource: '*',
  Condition: {
    StringNotEquals: { 'ec2:Attribute/HttpTokens': 'required' },
    Null: { 'ec2:Attribute/HttpTokens': 'false' },
  },
};

describe('scpFixes', () => {
  it('names the fix when the old modify statement is replaced', () => {
    expect(scpFixes(policy(OLD), policy(NEW))).toEqual([OLD_MODIFY_STATEMENT_FIX]);
  });
  it('says nothing when the old statement stays, was never there, or content is not JSON', () => {
    expect(scpFixes(policy(OLD), policy(OLD, NEW))).toEqual([]);
    expect(scpFixes(policy(NEW), policy(NEW))).toEqual([]);
    expect(scpFixes('not json', policy(NEW))).toEqual([]);
  });
});
