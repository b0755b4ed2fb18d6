import { describe, expect, it } from 'vitest';
import type { ImdsDefaults, ImdsSetting } from '../../../src/core/model/types.js';
import { imdsRisk, policyRisk } from '../../../src/core/plan/classify-risk.js';
import { SEED_SCP } from '../_fixtures/demo.js';

describe('classifyRisk', () => {
  it.each<[string, ImdsDefaults, ImdsSetting, string]>([
    [
      'tokens optional → required',
      { httpTokens: 'optional' },
      { httpTokens: 'required' },
      'restricting',
    ],
    ['tokens unset → required', {}, { httpTokens: 'required' }, 'restricting'],
    [
      'tokens required → optional',
      { httpTokens: 'required' },
      { httpTokens: 'optional' },
      'relaxing',
    ],
    [
      'tokens required → cleared',
      { httpTokens: 'required' },
      { httpTokens: 'no-preference' },
      'relaxing',
    ],
    ['hop 1 → 2', { httpPutResponseHopLimit: 1 }, { httpPutResponseHopLimit: 2 }, 'relaxing'],
    ['hop 3 → 2', { httpPutResponseHopLimit: 3 }, { httpPutResponseHopLimit: 2 }, 'restricting'],
    ['hop unset → 2', {}, { httpPutResponseHopLimit: 2 }, 'restricting'],
    [
      'hop 2 → cleared',
      { httpPutResponseHopLimit: 2 },
      { httpPutResponseHopLimit: -1 },
      'relaxing',
    ],
    [
      'enforced enabled → disabled',
      { httpTokensEnforced: 'enabled' },
      { httpTokensEnforced: 'disabled' },
      'relaxing',
    ],
    [
      'endpoint disabled → enabled',
      { httpEndpoint: 'disabled' },
      { httpEndpoint: 'enabled' },
      'relaxing',
    ],
    [
      'tags exposed',
      { instanceMetadataTags: 'disabled' },
      { instanceMetadataTags: 'enabled' },
      'relaxing',
    ],
    [
      'tags hidden',
      { instanceMetadataTags: 'enabled' },
      { instanceMetadataTags: 'disabled' },
      'restricting',
    ],
    [
      'required + hop up',
      { httpTokens: 'optional', httpPutResponseHopLimit: 1 },
      { httpTokens: 'required', httpPutResponseHopLimit: 2 },
      'relaxing',
    ],
  ])('IMDS %s is %s', (_name, before, after, risk) => {
    expect(imdsRisk(before, after)).toBe(risk);
  });

  const withStatement = (sid: string) => {
    const doc = JSON.parse(SEED_SCP);
    doc.Statement.push({ Sid: sid, Effect: 'Deny', Action: 'ec2:X', Resource: '*' });
    return JSON.stringify(doc);
  };

  it.each([
    ['a statement added', SEED_SCP, withStatement('Extra'), 'restricting'],
    ['a statement removed', withStatement('Extra'), SEED_SCP, 'relaxing'],
    ['a statement changed', withStatement('A'), withStatement('B'), 'relaxing'],
    ['only formatting', SEED_SCP, JSON.stringify(JSON.parse(SEED_SCP), null, 2), 'neutral'],
  ])('policy with %s is %s', (_name, before, after, risk) => {
    expect(policyRisk(before, after)).toBe(risk);
  });
});
