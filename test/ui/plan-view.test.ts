import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plan/types.js';
import { diffLines, withContext } from '../../src/report/line-diff.js';
import { buildPlanView } from '../../src/ui/plan-view.js';
import { demoPlan, demoTargets } from '../_fixtures/demo-rollout.js';

describe('buildPlanView', () => {
  it('groups the demo plan per OU with to-change / unchanged / skipped counts', () => {
    const view = buildPlanView(demoPlan(), demoTargets());
    expect(view.ous.map((ou) => [ou.path, ou.toChange, ou.unchanged, ou.skipped])).toEqual([
      ['Root', 17, 0, 0],
      ['Root/Infrastructure', 32, 2, 0],
      ['Root/Sandbox', 17, 0, 2],
      ['Root/Security', 1, 33, 0],
      ['Root/Workloads/Dev', 34, 0, 0],
      ['Root/Workloads/Prod', 18, 17, 17],
    ]);
    const prod = view.ous.find((ou) => ou.path === 'Root/Workloads/Prod')!;
    expect(prod.accounts.map((a) => `${a.name}: ${a.detail}`)).toEqual([
      'payments-prod: 17 regions: httpTokens, httpPutResponseHopLimit',
      'web-prod: 1 regions: httpTokens, httpPutResponseHopLimit',
      'data-platform: skipped: declarative-policy',
    ]);
    expect(view.orgChanges).toEqual(['~ update policy DenyIMDSv1', '+ attach DenyIMDSv1 to Root']);
    expect(view.skipped.map((s) => s.reason)).toEqual([
      'declarative-policy',
      'role-denied',
      'suspended',
    ]);
  });
});

describe('buildPlanView of a remediation plan', () => {
  it('counts launch template and instance changes on their account, with no org changes', () => {
    // Given a remediation plan with one template and one instance in payments-dev
    const where = {
      accountId: '222222222207',
      accountName: 'payments-dev',
      ouPath: 'Root/Workloads/Dev',
      region: 'us-east-1',
      risk: 'restricting' as const,
      dependsOn: [],
    };
    const plan: Plan = {
      ...demoPlan(),
      skipped: [],
      changes: [
        {
          ...where,
          id: 'c-1',
          kind: 'launchTemplate.update',
          templateId: 'lt-0pd0000000000c001',
          templateName: 'reporting',
          before: { defaultVersion: 1 },
          after: { metadata: { httpTokens: 'required' } },
        },
        {
          ...where,
          id: 'c-2',
          kind: 'instance.metadata',
          instanceId: 'i-0pd00000000000b01',
          before: { httpTokens: 'optional' },
          after: { httpTokens: 'required' },
        },
      ],
    };
    // When the view is built, then the account row says what changes
    const view = buildPlanView(plan);
    expect(view.orgChanges).toEqual([]);
    expect(view.ous.map((ou) => [ou.path, ou.toChange])).toEqual([['Root/Workloads/Dev', 2]]);
    expect(view.ous[0]?.accounts[0]?.detail).toBe('2 changes: launch templates, instances');
  });
});

describe('diffLines', () => {
  it('marks added and removed lines around the common ones', () => {
    const diff = diffLines('a\nb\nc\nd', 'a\nc\nd\ne');
    expect(diff.map((l) => `${l.op}${l.text}`)).toEqual([' a', '-b', ' c', ' d', '+e']);
  });

  it('keeps only context around changes', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const after = before.replace('line 10', 'line ten');
    const shown = withContext(diffLines(before, after), 1);
    expect(shown.map((l) => (l === 'gap' ? '…' : `${l.op}${l.text}`))).toEqual([
      ' line 9',
      '-line 10',
      '+line ten',
      ' line 11',
    ]);
  });
});
