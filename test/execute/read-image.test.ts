import { describe, expect, it } from 'vitest';
import type { JournaledChange } from '../../src/core/journal/types.js';
import { beforeImageOf } from '../../src/execute/apply-change.js';
import { expectedAfter, readImage, sameImage } from '../../src/execute/read-image.js';
import {
  attachChange,
  createPolicyChange,
  imdsChange,
  SEED_CONTENT,
} from '../_helpers/change-builders.js';
import { createFakeGateways, createFakeWorld } from '../_helpers/fake-gateways.js';

function inFlight(change: JournaledChange['change']): JournaledChange {
  return {
    changeId: change.id,
    change,
    before: beforeImageOf(change),
    status: 'in-flight',
    sequence: 0,
  };
}

describe('read-image', () => {
  it('given an in-flight IMDS write that landed, when re-read, then it matches the intended after-image', async () => {
    // Given
    const world = createFakeWorld();
    const change = imdsChange('222222222201', 'us-east-1', { before: { httpTokens: 'optional' } });
    world.imds.set('222222222201:us-east-1', {
      httpTokens: 'required',
      httpPutResponseHopLimit: 2,
    });
    const entry = inFlight(change);
    // When
    const expected = expectedAfter(entry);
    const current = await readImage(createFakeGateways(world), expected!);
    // Then
    expect(sameImage(current, expected!)).toBe(true);
    expect(sameImage(current, entry.before)).toBe(false);
  });

  it('given an in-flight write that never landed, then the target still matches the before-image', async () => {
    const world = createFakeWorld();
    const entry = inFlight(imdsChange('222222222201', 'us-east-1'));
    const current = await readImage(createFakeGateways(world), expectedAfter(entry)!);
    expect(sameImage(current, entry.before)).toBe(true);
  });

  it('finds a created policy by name and its attachment', async () => {
    const world = createFakeWorld();
    world.policies.set('p-x', {
      summary: {
        id: 'p-x',
        name: 'DenyIMDSv1',
        arn: 'arn',
        awsManaged: false,
        type: 'SERVICE_CONTROL_POLICY',
      },
      content: SEED_CONTENT.replace(/,/g, ', '),
      description: '',
    });
    world.attachments.get('r-root')?.add('p-x');
    const gw = createFakeGateways(world);
    const policy = await readImage(gw, expectedAfter(inFlight(createPolicyChange()))!);
    expect(policy).toMatchObject({ exists: true, policyId: 'p-x' });
    expect(sameImage(policy, expectedAfter(inFlight(createPolicyChange()))!)).toBe(true);
    const attachment = await readImage(gw, expectedAfter(inFlight(attachChange('r-root')))!);
    expect(attachment).toMatchObject({ attached: true, policyId: 'p-x' });
  });
});
