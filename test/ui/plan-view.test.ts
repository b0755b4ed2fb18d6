import { describe, expect, it } from 'vitest';
import { diffLines, withContext } from '../../src/ui/line-diff.js';
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
    expect(view.orgChanges).toEqual(['~ update SCP DenyIMDSv1', '+ attach DenyIMDSv1 → Root']);
    expect(view.skipped.map((s) => s.reason)).toEqual([
      'declarative-policy',
      'role-denied',
      'suspended',
    ]);
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
