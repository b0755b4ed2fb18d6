import { describe, expect, it } from 'vitest';
import { inverseOf, inverseOfJournal } from '../../../src/core/journal/inverse.js';
import type { JournaledChange, TargetImage } from '../../../src/core/journal/types.js';
import { finalize } from '../../../src/core/plan/build-plan.js';
import type { Change } from '../../../src/core/plan/types.js';
import { SEED_SCP } from '../_fixtures/demo.js';

const [setImds, create, update, attach, enable] = finalize([
  {
    kind: 'imds.set',
    accountId: '222222222206',
    accountName: 'web-prod',
    ouPath: 'Root/Workloads/Prod',
    region: 'eu-south-1',
    before: { httpPutResponseHopLimit: 1 },
    after: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
    fields: ['httpTokens', 'httpPutResponseHopLimit'],
  },
  {
    kind: 'policy.create',
    policyName: 'DenyIMDSv1',
    policyType: 'SERVICE_CONTROL_POLICY',
    description: 'd',
    content: SEED_SCP,
  },
  {
    kind: 'policy.update',
    policyId: 'p-1',
    policyName: 'Other',
    before: { content: '{"a":1}' },
    after: { content: '{"a":2}' },
  },
  {
    kind: 'attachment.add',
    policyName: 'DenyIMDSv1',
    target: { type: 'ROOT', id: 'r-gr01', label: 'Root' },
  },
  { kind: 'policyType.enable', rootId: 'r-gr01', policyType: 'SERVICE_CONTROL_POLICY' },
]).sort((a, b) => order(a) - order(b));

function order(c: Change): number {
  return [
    'imds.set',
    'policy.create',
    'policy.update',
    'attachment.add',
    'policyType.enable',
  ].indexOf(c.kind);
}

describe('inverseOf', () => {
  it('sets IMDS fields back, clearing the ones that were unset', () => {
    const before: TargetImage = {
      kind: 'imds',
      accountId: '222222222206',
      region: 'eu-south-1',
      defaults: { httpPutResponseHopLimit: 1 },
    };
    const undo = inverseOf(setImds!, before).changes[0];
    expect(undo).toMatchObject({
      kind: 'imds.set',
      before: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
      after: { httpTokens: 'no-preference', httpPutResponseHopLimit: 1 },
      risk: 'relaxing',
    });
    const cleared = inverseOf(setImds!, { ...before, defaults: {} }).changes[0];
    expect(cleared).toMatchObject({
      after: { httpTokens: 'no-preference', httpPutResponseHopLimit: -1 },
    });
  });

  it('deletes a created policy (id from the read-back) and restores an updated one', () => {
    const after: TargetImage = {
      kind: 'policy',
      policyName: 'DenyIMDSv1',
      policyId: 'p-new',
      exists: true,
      content: SEED_SCP,
    };
    expect(
      inverseOf(create!, { kind: 'policy', policyName: 'DenyIMDSv1', exists: false }, after)
        .changes,
    ).toMatchObject([
      {
        kind: 'policy.delete',
        policyId: 'p-new',
        policyName: 'DenyIMDSv1',
        before: { content: SEED_SCP },
      },
    ]);
    const before: TargetImage = {
      kind: 'policy',
      policyName: 'Other',
      policyId: 'p-1',
      exists: true,
      content: '{"a":1}',
    };
    expect(inverseOf(update!, before).changes).toMatchObject([
      { kind: 'policy.update', before: { content: '{"a":2}' }, after: { content: '{"a":1}' } },
    ]);
  });

  it('detaches what it attached, but never FullAWSAccess', () => {
    const before: TargetImage = {
      kind: 'attachment',
      policyName: 'DenyIMDSv1',
      targetId: 'r-gr01',
      attached: false,
    };
    const after: TargetImage = { ...before, policyId: 'p-new', attached: true };
    expect(inverseOf(attach!, before, after).changes).toMatchObject([
      { kind: 'attachment.remove', policyId: 'p-new', target: { id: 'r-gr01' }, risk: 'relaxing' },
    ]);
    const full = { ...attach!, policyName: 'FullAWSAccess', policyId: 'p-FullAWSAccess' } as Change;
    expect(inverseOf(full, before)).toEqual({
      changes: [],
      note: 'FullAWSAccess is never detached',
    });
  });

  it('never disables a policy type, and says why', () => {
    const result = inverseOf(enable!, {
      kind: 'policyType',
      rootId: 'r-gr01',
      policyType: 'SERVICE_CONTROL_POLICY',
      enabled: false,
    });
    expect(result.changes).toEqual([]);
    expect(result.note).toMatchInlineSnapshot(
      `"SERVICE_CONTROL_POLICY stays enabled on r-gr01: disabling a policy type would detach every policy of that type in the organization"`,
    );
  });
});

describe('inverseOfJournal', () => {
  it('undoes done changes only, detaching before deleting', () => {
    const entries: JournaledChange[] = [
      {
        changeId: enable!.id,
        change: enable!,
        before: {
          kind: 'policyType',
          rootId: 'r-gr01',
          policyType: 'SERVICE_CONTROL_POLICY',
          enabled: false,
        },
        status: 'done',
        sequence: 0,
      },
      {
        changeId: create!.id,
        change: create!,
        before: { kind: 'policy', policyName: 'DenyIMDSv1', exists: false },
        after: { kind: 'policy', policyName: 'DenyIMDSv1', policyId: 'p-new', exists: true },
        status: 'done',
        sequence: 1,
      },
      {
        changeId: attach!.id,
        change: attach!,
        before: {
          kind: 'attachment',
          policyName: 'DenyIMDSv1',
          targetId: 'r-gr01',
          attached: false,
        },
        after: {
          kind: 'attachment',
          policyName: 'DenyIMDSv1',
          policyId: 'p-new',
          targetId: 'r-gr01',
          attached: true,
        },
        status: 'done',
        sequence: 2,
      },
      {
        changeId: setImds!.id,
        change: setImds!,
        before: { kind: 'imds', accountId: '222222222206', region: 'eu-south-1', defaults: {} },
        status: 'failed',
        sequence: 3,
      },
    ];
    const { changes, notes } = inverseOfJournal(entries);
    expect(changes.map((c) => c.kind)).toEqual(['attachment.remove', 'policy.delete']);
    expect(changes[1]?.dependsOn).toEqual([changes[0]?.id]);
    expect(notes).toHaveLength(1);
  });
});
