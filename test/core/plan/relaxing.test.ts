import { describe, expect, it } from 'vitest';
import { policyRelaxedFields, relaxedFields } from '../../../src/core/plan/relaxing.js';
import { relaxingChanges } from '../../../src/core/plan/relaxing-list.js';
import type { SetImdsDefaultsChange } from '../../../src/core/plan/types.js';
import { SEED_SCP } from '../_fixtures/demo.js';
import { planFor } from '../_fixtures/plan.js';

const doc = () => JSON.parse(SEED_SCP) as { Statement: Record<string, unknown>[] };
const firstSid = () => doc().Statement[0]?.Sid as string;

describe('relaxedFields', () => {
  it('names only the field that relaxes, with before → after', () => {
    const change = {
      kind: 'imds.set',
      accountId: '222222222207',
      accountName: 'payments-dev',
      ouPath: 'Root/Workloads/Dev',
      region: 'us-east-1',
      before: { httpTokens: 'optional', httpPutResponseHopLimit: 1 },
      after: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
      fields: ['httpTokens', 'httpPutResponseHopLimit'],
    } as const satisfies Omit<SetImdsDefaultsChange, 'id' | 'risk' | 'dependsOn'>;
    expect(relaxedFields(change)).toEqual([
      { field: 'httpPutResponseHopLimit', before: '1', after: '2' },
    ]);
  });

  it('an exemption condition added to a Deny relaxes that condition', () => {
    const after = doc();
    const statement = after.Statement[0] as Record<string, unknown>;
    statement.Condition = {
      ...(statement.Condition as object),
      ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/Legacy'] },
    };
    expect(policyRelaxedFields(SEED_SCP, JSON.stringify(after))).toEqual([
      {
        field: `Statement ${firstSid()} Condition ArnNotLike aws:PrincipalArn`,
        before: '(none)',
        after: '["arn:aws:iam::*:role/Legacy"]',
      },
    ]);
  });

  it('a statement removed relaxes; a statement added or a Deny widened does not', () => {
    const fewer = doc();
    const removed = fewer.Statement.shift();
    expect(policyRelaxedFields(SEED_SCP, JSON.stringify(fewer))).toEqual([
      { field: `Statement ${removed?.Sid}`, before: 'present', after: 'removed' },
    ]);
    const wider = doc();
    const first = wider.Statement[0] as Record<string, unknown>;
    first.Action = [...[first.Action].flat(), 'ec2:ModifyInstanceMetadataOptions'];
    delete first.Condition;
    wider.Statement.push({ Sid: 'Extra', Effect: 'Deny', Action: 'ec2:X', Resource: '*' });
    expect(policyRelaxedFields(SEED_SCP, JSON.stringify(wider))).toEqual([]);
  });

  it('a detach names the target it leaves', () => {
    expect(
      relaxedFields({
        kind: 'attachment.remove',
        policyName: 'DenyIMDSv1',
        policyId: 'p-1',
        target: { type: 'ROOT', id: 'r-1', label: 'Root' },
      }),
    ).toEqual([{ field: 'attachment of DenyIMDSv1', before: 'Root', after: 'detached' }]);
  });

  it("the demo's relaxing changes are network's hop limit 1 → 2 and payments-dev's", () => {
    const accounts = new Set(
      relaxingChanges(planFor().changes).map((r) => {
        expect(r.fields.map((f) => f.field)).toEqual(['httpPutResponseHopLimit']);
        return r.change.kind === 'imds.set' ? r.change.accountName : '';
      }),
    );
    expect([...accounts].sort()).toEqual(['network', 'payments-dev']);
  });
});
