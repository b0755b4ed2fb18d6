import { describe, expect, it } from 'vitest';
import { isProductionWave } from '../../../src/app/rollout-confirm.js';
import { accountsOf } from '../../../src/app/rollout-relays.js';
import {
  accountOf,
  CHANGE_KIND_NAMES,
  CHANGE_KINDS,
  labelOf,
  whereOf,
} from '../../../src/core/plan/change-kinds.js';
import type { InstanceMetadataChange } from '../../../src/core/plan/remediation-types.js';
import type { AttachPolicyChange } from '../../../src/core/plan/types.js';
import { laneOf } from '../../../src/execute/change-info.js';
import { attachChange, createPolicyChange, imdsChange } from '../../_helpers/change-builders.js';

function accountAttachment(): AttachPolicyChange {
  return {
    ...attachChange('222222222206'),
    target: { type: 'ACCOUNT', id: '222222222206', label: 'web-prod (222222222206)' },
  };
}

function instanceChange(): InstanceMetadataChange {
  return {
    id: 'i-1',
    kind: 'instance.metadata',
    risk: 'restricting',
    dependsOn: [],
    accountId: '222222222207',
    accountName: 'payments-prod',
    ouPath: 'Root/Workloads/Prod',
    region: 'eu-west-1',
    instanceId: 'i-0abc',
    before: { httpTokens: 'optional' },
    after: { httpTokens: 'required' },
  };
}

describe('the change-kind table', () => {
  it('ranks every kind once, dependencies before dependents and removals last', () => {
    const orders = CHANGE_KIND_NAMES.map((k) => CHANGE_KINDS[k].order);
    expect(new Set(orders).size).toBe(CHANGE_KIND_NAMES.length);
    const rank = (k: keyof typeof CHANGE_KINDS) => CHANGE_KINDS[k].order;
    expect(rank('policyType.enable')).toBeLessThan(rank('policy.create'));
    expect(rank('policy.create')).toBeLessThan(rank('attachment.add'));
    expect(rank('attachment.remove')).toBeLessThan(rank('policy.delete'));
  });

  it('files an SCP attached to an account under that account, in the Organizations lane', () => {
    const change = accountAttachment();
    expect(accountOf(change)).toEqual({ accountId: '222222222206', accountName: 'web-prod' });
    expect(whereOf(change)).toEqual({ accountId: '222222222206' });
    expect(laneOf(change)).toBe('organizations');
    expect(labelOf(change)).toBe('attach DenyIMDSv1 to web-prod (222222222206)');
  });

  it('files remediation changes under their account, in that account lane', () => {
    const change = instanceChange();
    expect(accountOf(change)?.accountId).toBe('222222222207');
    expect(whereOf(change)).toEqual({ accountId: '222222222207', region: 'eu-west-1' });
    expect(laneOf(change)).toBe('account:222222222207');
  });

  it('gives the rollout screen the same account rows the executor reports progress under', () => {
    // Given a wave with a policy, a Root attachment, an account attachment and an IMDS change
    const wave = {
      name: 'w',
      changes: [
        createPolicyChange(),
        attachChange('r-1'),
        accountAttachment(),
        imdsChange('222222222206', 'eu-west-1', { accountName: 'web-prod' }),
      ],
    };
    // Then the account attachment counts toward web-prod, not "Organizations (SCP)"
    expect(accountsOf(wave)).toEqual([
      { accountId: 'organization', accountName: 'Organizations (SCP)', changes: 2 },
      { accountId: '222222222206', accountName: 'web-prod', changes: 2 },
    ]);
    for (const c of wave.changes) {
      expect(accountsOf(wave).map((a) => a.accountId)).toContain(
        whereOf(c).accountId ?? 'organization',
      );
    }
  });

  it('counts a wave as production when a workload change or an OU attachment lands in Prod', () => {
    expect(isProductionWave({ name: 'w', changes: [instanceChange()] })).toBe(true);
    const ouAttachment: AttachPolicyChange = {
      ...attachChange('ou-1'),
      target: { type: 'ORGANIZATIONAL_UNIT', id: 'ou-1', label: 'Root/Workloads/Prod' },
    };
    expect(isProductionWave({ name: 'w', changes: [ouAttachment] })).toBe(true);
    expect(isProductionWave({ name: 'w', changes: [attachChange('r-1')] })).toBe(false);
  });
});
