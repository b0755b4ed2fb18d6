import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/core/plan/summarize.js';
import type { SetImdsDefaultsChange } from '../../../src/core/plan/types.js';
import { ConfigError } from '../../../src/errors.js';
import { DENY_SUMMARY, demoConfig, demoObserved } from '../_fixtures/demo.js';
import { planFor } from '../_fixtures/plan.js';

const imdsChange = (plan: ReturnType<typeof planFor>, account: string, region: string) =>
  plan.changes.find(
    (c): c is SetImdsDefaultsChange =>
      c.kind === 'imds.set' && c.accountName === account && c.region === region,
  );

describe('buildPlan on the demo world', () => {
  const plan = planFor();

  it('summarizes exactly the seeded drift', () => {
    expect(summarize(plan)).toMatchInlineSnapshot(
      `"120 to change (34 relaxing), 54 unchanged, 19 skipped"`,
    );
    expect(plan.summary.byKind).toEqual({ 'attachment.add': 1, 'imds.set': 119 });
  });

  it('attaches the existing policy to Root and sets only the fields that differ', () => {
    expect(plan.changes[0]).toMatchObject({
      kind: 'attachment.add',
      policyId: DENY_SUMMARY.id,
      target: { type: 'ROOT', id: 'r-gr01', label: 'Root' },
      risk: 'restricting',
      dependsOn: [],
    });
    expect(imdsChange(plan, 'log-archive', 'eu-west-1')).toMatchObject({
      before: { httpTokens: 'optional', httpPutResponseHopLimit: 2 },
      after: { httpTokens: 'required' },
      fields: ['httpTokens'],
      risk: 'restricting',
    });
    expect(imdsChange(plan, 'network', 'us-east-1')?.after).toEqual({ httpPutResponseHopLimit: 2 });
    expect(imdsChange(plan, 'management', 'us-east-1')?.after).toEqual({
      httpTokens: 'required',
      httpPutResponseHopLimit: 2,
    });
    expect(imdsChange(plan, 'web-prod', 'eu-south-1')).toBeDefined();
    expect(imdsChange(plan, 'web-prod', 'us-east-1')).toBeUndefined();
  });

  it('skips denied, suspended and declarative-policy targets with the reason', () => {
    const reasons = plan.skipped.map((s) => `${s.accountName} ${s.region ?? '*'} ${s.reason}`);
    expect(reasons).toContain('sandbox-bob * role-denied');
    expect(reasons).toContain('legacy-closed * suspended');
    expect(reasons.filter((r) => r.startsWith('data-platform'))).toHaveLength(17);
    expect(reasons).toContain('data-platform us-east-1 declarative-policy');
  });

  it('is deterministic: same input, same ids and order', () => {
    const again = planFor();
    expect(again.changes.map((c) => c.id)).toEqual(plan.changes.map((c) => c.id));
    expect(new Set(plan.changes.map((c) => c.id)).size).toBe(plan.changes.length);
    expect(plan.changes[0]?.id).toMatch(/^c-[0-9a-f]{16}$/);
  });

  it('sorts IMDS changes by OU path, account and region', () => {
    const keys = plan.changes
      .filter((c): c is SetImdsDefaultsChange => c.kind === 'imds.set')
      .map((c) => [c.ouPath, c.accountName, c.region].join('\u0000'));
    expect(keys).toEqual([...keys].sort());
  });
});

describe('buildPlan org-level changes', () => {
  it('enables the policy type, creates and attaches the policy in dependency order', () => {
    // Given SCPs not enabled and no DenyIMDSv1 yet
    const observed = demoObserved();
    observed.org.root.policyTypes = [];
    observed.policies = [];
    for (const list of Object.values(observed.org.scpAttachments)) {
      list.splice(0, list.length, ...list.filter((p) => p.name !== 'DenyIMDSv1'));
    }
    const config = demoConfig({ scp: { attachTo: ['Root/Workloads', '222222222209'] } });
    // When planning
    const plan = planFor(config, observed);
    const org = plan.changes.filter((c) => c.kind !== 'imds.set');
    // Then
    expect(org.map((c) => c.kind)).toEqual([
      'policyType.enable',
      'policy.create',
      'attachment.add',
      'attachment.add',
    ]);
    const [enable, create, attachOu, attachAccount] = org;
    expect(create?.dependsOn).toEqual([enable?.id]);
    expect(attachOu?.dependsOn).toEqual([enable?.id, create?.id]);
    expect(attachOu).toMatchObject({ target: { label: 'Root/Workloads' } });
    expect(attachAccount).toMatchObject({ target: { label: 'sandbox-alice (222222222209)' } });
    expect(attachOu && 'policyId' in attachOu).toBe(false);
  });

  it('updates the policy when its content differs, showing before and after', () => {
    const config = demoConfig({ scp: { companions: { maxHopLimit: { enabled: true } } } });
    const update = planFor(config).changes.find((c) => c.kind === 'policy.update');
    expect(update).toMatchObject({ policyId: DENY_SUMMARY.id, risk: 'restricting' });
    expect(update && 'after' in update && update.after.content).toContain(
      'DenyIMDSHopLimitAboveMax',
    );
  });

  it('refuses to attach to a target that already holds 5 SCPs, naming them', () => {
    const observed = demoObserved();
    const others = ['A', 'B', 'C', 'D'].map((n) => ({
      ...DENY_SUMMARY,
      id: `p-${n}`,
      name: `Policy${n}`,
    }));
    observed.org.scpAttachments['r-gr01']?.push(...others);
    expect(() => planFor(demoConfig(), observed)).toThrow(ConfigError);
    expect(() => planFor(demoConfig(), observed)).toThrow(
      'Cannot attach DenyIMDSv1 to Root: it already holds 5 SCPs (FullAWSAccess, PolicyA, PolicyB, PolicyC, PolicyD); Organizations allows 5 per target.',
    );
  });

  it('leaves the SCP alone when scp.enabled is false and says "No changes." when converged', () => {
    const observed = demoObserved();
    for (const a of observed.accounts) {
      for (const r of a.regions) {
        if (r.status === 'ok')
          r.imds.defaults = { httpTokens: 'required', httpPutResponseHopLimit: 2 };
      }
    }
    const plan = planFor(demoConfig({ scp: { enabled: false } }), observed);
    expect(summarize(plan)).toBe('No changes. 171 unchanged, 19 skipped');
  });
});
