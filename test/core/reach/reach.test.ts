import { describe, expect, it } from 'vitest';
import { buildDesiredState } from '../../../src/core/desired/build-desired-state.js';
import type { PolicySummary } from '../../../src/core/model/types.js';
import { buildPlan } from '../../../src/core/plan/build-plan.js';
import { assignWaves } from '../../../src/core/plan/waves.js';
import { accountsReachedBy, computeReach } from '../../../src/core/reach/reach.js';
import { DENY_SUMMARY, demoConfig, demoObserved, demoOrg, TEMPLATES } from '../_fixtures/demo.js';
import { PLAN_META } from '../_fixtures/plan.js';

const ROOT = { type: 'ROOT' as const, id: 'r-gr01', label: 'Root' };
const PAYMENTS_DEV = '222222222207';
const WEB_DEV = '222222222208';

describe('computeReach', () => {
  it('attaches at Root when nothing is held', () => {
    const reach = computeReach({
      org: demoOrg(),
      policyName: 'DenyIMDSv1',
      attachTo: [ROOT],
      held: [],
    });
    expect(reach.targets.map((t) => t.label)).toEqual(['Root']);
    // The management account is never reached by an SCP.
    expect(reach.reached).toHaveLength(12);
    expect(reach.reached).not.toContain('111111111111');
  });

  it('replaces Root by the maximal subtrees free of a held account', () => {
    const reach = computeReach({
      org: demoOrg(),
      policyName: 'DenyIMDSv1',
      attachTo: [ROOT],
      held: [{ accountId: PAYMENTS_DEV, reason: 'readiness' }],
    });
    expect(reach.targets.map((t) => t.label).sort()).toEqual([
      'Root/Infrastructure',
      'Root/Sandbox',
      'Root/Security',
      'Root/Workloads/Prod',
      'web-dev (222222222208)',
    ]);
    expect(reach.reached).toHaveLength(11);
    expect(reach.reached).not.toContain(PAYMENTS_DEV);
    expect(reach.held).toEqual([{ accountId: PAYMENTS_DEV, reason: 'readiness' }]);
    // What the targets reach is what the model says it reaches.
    expect(
      accountsReachedBy(
        demoOrg(),
        reach.targets.map((t) => t.id),
      ).sort(),
    ).toEqual([...reach.reached].sort());
  });

  it('goes below a chosen OU that already holds 5 SCPs, and blocks a full account', () => {
    const org = demoOrg();
    const others = ['A', 'B', 'C', 'D'].map(
      (n): PolicySummary => ({ ...DENY_SUMMARY, id: `p-${n}`, name: `Policy${n}` }),
    );
    org.scpAttachments['ou-gr01-sandbox']?.push(...others);
    org.scpAttachments['222222222210']?.push(...others);
    const reach = computeReach({
      org,
      policyName: 'DenyIMDSv1',
      attachTo: [ROOT],
      held: [{ accountId: PAYMENTS_DEV, reason: 'readiness' }],
      maxPerTarget: 5,
      attachments: org.scpAttachments,
    });
    const labels = reach.targets.map((t) => t.label);
    expect(labels).not.toContain('Root/Sandbox');
    expect(labels).toContain('sandbox-alice (222222222209)');
    expect(reach.blocked.map((b) => b.accountId)).toEqual(['222222222210']);
  });
});

describe('buildPlan with held accounts (every lane)', () => {
  const held = [
    { accountId: PAYMENTS_DEV, reason: 'readiness' as const, detail: '5,088 IMDSv1 calls' },
  ];

  it('the SCP lane attaches around the held account and its defaults are skipped', () => {
    const observed = demoObserved();
    const desired = buildDesiredState(demoConfig(), TEMPLATES, observed.org);
    const plan = buildPlan({ observed, desired, meta: PLAN_META, held });
    const attached = plan.changes.flatMap((c) =>
      c.kind === 'attachment.add' ? [c.target.label] : [],
    );
    expect(attached).not.toContain('Root');
    expect(attached).toContain('web-dev (222222222208)');
    expect(plan.changes.some((c) => c.kind === 'imds.set' && c.accountId === PAYMENTS_DEV)).toBe(
      false,
    );
    expect(plan.changes.some((c) => c.kind === 'imds.set' && c.accountId === WEB_DEV)).toBe(true);
    expect(plan.skipped.find((s) => s.accountId === PAYMENTS_DEV)).toMatchObject({
      reason: 'held',
    });
    expect(plan.reach?.[0]).toMatchObject({
      policyName: 'DenyIMDSv1',
      accounts: 11,
      held: [{ accountId: PAYMENTS_DEV, accountName: 'payments-dev', reason: 'readiness' }],
    });
  });

  it('the declarative lane attaches around the held account too', () => {
    const observed = demoObserved();
    const config = demoConfig({ strategy: 'declarative-policy' });
    const desired = buildDesiredState(config, TEMPLATES, observed.org);
    const plan = buildPlan({ observed, desired, meta: PLAN_META, held });
    const attached = plan.changes.flatMap((c) =>
      c.kind === 'attachment.add' ? [`${c.policyName}@${c.target.label}`] : [],
    );
    expect(attached.length).toBeGreaterThan(0);
    expect(
      attached.some(
        (a) => a.endsWith('@Root') || a.includes('Workloads/Dev') || a.endsWith('@Root/Workloads'),
      ),
    ).toBe(false);
    expect(plan.reach?.find((r) => r.policyType === 'DECLARATIVE_POLICY_EC2')?.held).toHaveLength(
      1,
    );
  });

  it('an attachment to an OU runs in the wave of the latest account it reaches', () => {
    const observed = demoObserved();
    const config = demoConfig({
      rollout: {
        waves: [
          { name: 'canary', ous: ['Root/Sandbox'] },
          { name: 'dev', ous: ['Root/Workloads/Dev'] },
          { name: 'production', rest: true },
        ],
      },
    });
    const desired = buildDesiredState(config, TEMPLATES, observed.org);
    const plan = buildPlan({ observed, desired, meta: PLAN_META, held });
    const waves = assignWaves(plan.changes, config.rollout.waves, observed.org).waves;
    const attachIn = (wave: number) =>
      waves[wave]?.changes.flatMap((c) => (c.kind === 'attachment.add' ? [c.target.label] : []));
    expect(attachIn(0)).toEqual(['Root/Sandbox']);
    expect(attachIn(1)).toEqual(['web-dev (222222222208)']);
    expect(attachIn(2)).toContain('Root/Security');
  });
});
