/**
 * Planning a canaried SCP content update (src/core/plan/scp-canary.ts), pure: the demo world with
 * DenyIMDSv1 on Root/Workloads/Prod, a config that adds the hop-limit statement, and waves.
 */
import { describe, expect, it } from 'vitest';
import type { UserConfig } from '../../../src/config/schema.js';
import { buildDesiredState } from '../../../src/core/desired/build-desired-state.js';
import type { ObservedState } from '../../../src/core/model/types.js';
import { buildPlan } from '../../../src/core/plan/build-plan.js';
import { canaryNameOf } from '../../../src/core/plan/scp-canary.js';
import type { Change, Plan } from '../../../src/core/plan/types.js';
import { assignWaves } from '../../../src/core/plan/waves.js';
import { describeCanary } from '../../../src/core/reach/describe.js';
import type { HeldAccount } from '../../../src/core/reach/reach.js';
import { demoConfig, demoObserved, TEMPLATES } from '../_fixtures/demo.js';
import { PLAN_META } from '../_fixtures/plan.js';

const ALICE = '222222222209';
const WAVES = [
  { name: 'canary', accounts: [ALICE] },
  { name: 'dev', ous: ['Root/Workloads/Dev'] },
  { name: 'production', rest: true },
];

function plan(
  overrides: UserConfig,
  observed: ObservedState = demoObserved(),
  held: HeldAccount[] = [],
) {
  const config = demoConfig({
    readiness: { gate: false },
    scp: { companions: { maxHopLimit: { enabled: true, max: 2 } } },
    rollout: { waves: WAVES },
    ...overrides,
  });
  const desired = buildDesiredState(config, TEMPLATES, observed.org);
  const built = buildPlan({
    observed,
    desired,
    meta: PLAN_META,
    waves: config.rollout.waves,
    held,
  });
  return { plan: built, config, observed };
}

/** `wave: label` for every SCP change, in wave order. */
function byWave(
  p: Plan,
  waves: ReturnType<typeof plan>['config']['rollout']['waves'],
  o: ObservedState,
) {
  const label = (c: Change) =>
    c.kind === 'attachment.add'
      ? `attach ${c.policyName} to ${c.target.label}`
      : c.kind === 'policy.swap'
        ? `swap ${c.canaryName} into ${c.policyName}`
        : c.kind === 'policy.create' || c.kind === 'policy.update'
          ? `${c.kind} ${c.policyName}`
          : undefined;
  return assignWaves(p.changes, waves, o.org).waves.map((w) => ({
    wave: w.name,
    scp: w.changes.flatMap((c) => {
      const l = label(c);
      return l ? [l] : [];
    }),
  }));
}

describe('SCP canary planning', () => {
  it('stages a stricter update: DenyIMDSv1-next in the canary wave, widened in dev, swapped in production', () => {
    const { plan: p, config, observed } = plan({});
    expect(p.changes.some((c) => c.kind === 'policy.update')).toBe(false);
    expect(byWave(p, config.rollout.waves, observed)).toEqual([
      {
        wave: 'canary',
        scp: [
          'policy.create DenyIMDSv1-next',
          'attach DenyIMDSv1-next to sandbox-alice (222222222209)',
        ],
      },
      { wave: 'dev', scp: ['attach DenyIMDSv1-next to Root/Workloads/Dev'] },
      {
        wave: 'production',
        scp: ['attach DenyIMDSv1 to Root', 'swap DenyIMDSv1-next into DenyIMDSv1'],
      },
    ]);
    const canary = p.canaries?.[0];
    expect(canary && describeCanary(canary)).toBe(
      'DenyIMDSv1 content update: canaried as DenyIMDSv1-next in wave canary (1 account), widened in wave dev (2 accounts), swapped in wave production',
    );
    const swap = p.changes.find((c) => c.kind === 'policy.swap');
    expect(swap?.risk).toBe('restricting');
    // The swap waits for the canary to exist.
    const create = p.changes.find((c) => c.kind === 'policy.create');
    expect(swap?.dependsOn).toContain(create?.id);
  });

  it('never reaches a held account: a held dev account keeps the OU from being a canary target', () => {
    const {
      plan: p,
      config,
      observed,
    } = plan({}, demoObserved(), [{ accountId: '222222222207', reason: 'readiness' }]);
    const dev = byWave(p, config.rollout.waves, observed)[1];
    expect(dev?.scp).toEqual([
      'attach DenyIMDSv1 to web-dev (222222222208)',
      'attach DenyIMDSv1-next to web-dev (222222222208)',
    ]);
  });

  it('a loosening update is not canaried: updated in place in the last wave, and the plan says why', () => {
    const observed = demoObserved();
    const stricter = plan({}, observed).plan.changes.find((c) => c.kind === 'policy.swap');
    if (stricter?.kind !== 'policy.swap') throw new Error('expected a swap');
    // The organization already has the stricter content; the config drops the statement again.
    const policy = observed.policies[0];
    if (policy) policy.content = stricter.after.content;
    const { plan: p } = plan({ scp: {} }, observed);
    expect(p.changes.filter((c) => c.kind === 'policy.update')).toHaveLength(1);
    expect(p.changes.some((c) => 'policyName' in c && c.policyName === 'DenyIMDSv1-next')).toBe(
      false,
    );
    expect(p.canaries?.[0]).toMatchObject({ staged: false, swapWave: 'production' });
    expect(describeCanary(p.canaries?.[0] as never)).toMatch(
      /not canaried \(the update loosens it .*\); updated in place in wave production/,
    );
  });

  it('falls back to the in-place update when attaching the canary would exceed 5 SCPs on a target', () => {
    const observed = demoObserved();
    const full = ['a', 'b', 'c', 'd'].map((n) => ({
      id: `p-${n}`,
      name: `Other${n}`,
      arn: `arn:${n}`,
      awsManaged: false,
      type: 'SERVICE_CONTROL_POLICY',
    }));
    observed.org.scpAttachments[ALICE] = [...(observed.org.scpAttachments[ALICE] ?? []), ...full];
    const { plan: p } = plan({}, observed);
    expect(p.changes.some((c) => c.kind === 'policy.update')).toBe(true);
    expect(p.canaries?.[0]?.reason).toMatch(/would exceed the 5 SCPs per target/);
  });

  it('one wave: the update stays in place and the plan says nothing about canaries', () => {
    const { plan: p } = plan({ rollout: { waves: [{ name: 'all', rest: true }] } });
    expect(p.changes.some((c) => c.kind === 'policy.update')).toBe(true);
    expect(p.canaries).toBeUndefined();
  });

  it('recognises a canary left by an interrupted run: not created twice, its attachments kept', () => {
    const observed = demoObserved();
    const first = plan({}, observed).plan;
    const created = first.changes.find((c) => c.kind === 'policy.create');
    if (created?.kind !== 'policy.create') throw new Error('expected the canary create');
    const summary = {
      id: 'p-next',
      name: created.policyName,
      arn: 'arn:next',
      awsManaged: false,
      type: 'SERVICE_CONTROL_POLICY',
    };
    observed.policies.push({ summary, content: created.content, targets: [ALICE] });
    observed.org.scpAttachments[ALICE] = [...(observed.org.scpAttachments[ALICE] ?? []), summary];
    const { plan: p } = plan({}, observed);
    expect(p.changes.some((c) => c.kind === 'policy.create')).toBe(false);
    const attaches = p.changes.filter(
      (c) => c.kind === 'attachment.add' && c.policyName === 'DenyIMDSv1-next',
    );
    expect(attaches.map((c) => (c.kind === 'attachment.add' ? c.target.label : ''))).toEqual([
      'Root/Workloads/Dev',
    ]);
    // The same ids as the first plan: a resume finds the journal's done changes in it.
    const swap = p.changes.find((c) => c.kind === 'policy.swap');
    expect(swap?.id).toBe(first.changes.find((c) => c.kind === 'policy.swap')?.id);
    expect(swap).toMatchObject({ canaryId: 'p-next' });
  });

  it('a leftover canary with other content, attached nowhere, is updated in the first wave before it is attached', () => {
    const observed = demoObserved();
    const summary = {
      id: 'p-next',
      name: 'DenyIMDSv1-next',
      arn: 'arn:next',
      awsManaged: false,
      type: 'SERVICE_CONTROL_POLICY',
    };
    observed.policies.push({
      summary,
      content: '{"Version":"2012-10-17","Statement":[]}',
      targets: [],
    });
    const { plan: p, config } = plan({}, observed);
    const update = p.changes.find((c) => c.kind === 'policy.update');
    expect(update).toMatchObject({ policyName: 'DenyIMDSv1-next', policyId: 'p-next' });
    const waves = assignWaves(p.changes, config.rollout.waves, observed.org).waves;
    expect(waves[0]?.changes.map((c) => c.id)).toContain(update?.id);
    const attach = p.changes.find(
      (c) => c.kind === 'attachment.add' && c.policyName === 'DenyIMDSv1-next',
    );
    expect(attach?.dependsOn).toContain(update?.id);
  });

  it('detaches a leftover canary from an account now held, in the first wave, as a relaxing change', () => {
    const observed = demoObserved();
    const created = plan({}, observed).plan.changes.find((c) => c.kind === 'policy.create');
    if (created?.kind !== 'policy.create') throw new Error('expected the canary create');
    const summary = {
      id: 'p-next',
      name: created.policyName,
      arn: 'arn:next',
      awsManaged: false,
      type: 'SERVICE_CONTROL_POLICY',
    };
    const PAYMENTS_DEV = '222222222207';
    observed.policies.push({ summary, content: created.content, targets: [PAYMENTS_DEV] });
    observed.org.scpAttachments[PAYMENTS_DEV] = [
      ...(observed.org.scpAttachments[PAYMENTS_DEV] ?? []),
      summary,
    ];
    const { plan: p, config } = plan({}, observed, [
      { accountId: PAYMENTS_DEV, reason: 'readiness' },
    ]);
    const detach = p.changes.find((c) => c.kind === 'attachment.remove');
    expect(detach).toMatchObject({
      policyName: 'DenyIMDSv1-next',
      policyId: 'p-next',
      target: { id: PAYMENTS_DEV },
      risk: 'relaxing',
    });
    const first = assignWaves(p.changes, config.rollout.waves, observed.org).waves[0];
    expect(first?.changes.map((c) => c.id)).toContain(detach?.id);
  });

  it('removes a leftover canary once the policy already has the content', () => {
    const observed = demoObserved();
    const swap = plan({}, observed).plan.changes.find((c) => c.kind === 'policy.swap');
    if (swap?.kind !== 'policy.swap') throw new Error('expected a swap');
    const policy = observed.policies[0];
    if (policy) policy.content = swap.after.content;
    const summary = {
      id: 'p-next',
      name: 'DenyIMDSv1-next',
      arn: 'arn:next',
      awsManaged: false,
      type: 'SERVICE_CONTROL_POLICY',
    };
    observed.policies.push({ summary, content: swap.after.content, targets: [ALICE] });
    observed.org.scpAttachments[ALICE] = [...(observed.org.scpAttachments[ALICE] ?? []), summary];
    const { plan: p } = plan({}, observed);
    const cleanup = p.changes.filter((c) => c.kind === 'policy.swap');
    expect(cleanup).toHaveLength(1);
    expect(cleanup[0]?.risk).toBe('neutral');
    expect(describeCanary(p.canaries?.[0] as never)).toBe(
      'DenyIMDSv1-next is left from an earlier run: removed in wave production',
    );
  });

  it('names the canary within the 128-character limit', () => {
    expect(canaryNameOf('DenyIMDSv1')).toBe('DenyIMDSv1-next');
    const long = canaryNameOf('x'.repeat(128));
    expect(long).toHaveLength(128);
    expect(long.endsWith('-next')).toBe(true);
  });
});
