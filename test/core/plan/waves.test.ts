import { describe, expect, it } from 'vitest';
import { assignWaves } from '../../../src/core/plan/waves.js';
import { ConfigError } from '../../../src/errors.js';
import { demoConfig, demoObserved } from '../_fixtures/demo.js';
import { planFor } from '../_fixtures/plan.js';

function waveSummary(assignment: ReturnType<typeof assignWaves>) {
  return assignment.waves.map((w) => ({
    name: w.name,
    kinds: [...new Set(w.changes.map((c) => c.kind))],
    accounts: [
      ...new Set(w.changes.flatMap((c) => (c.kind === 'imds.set' ? [c.accountName] : []))),
    ],
  }));
}

describe('assignWaves', () => {
  it('puts a canary account first, then an OU subtree, then the rest; Root attachment last', () => {
    // Given a fresh org (policy type off, no policy) and three waves
    const observed = demoObserved();
    observed.org.root.policyTypes = [];
    observed.policies = [];
    observed.org.scpAttachments['ou-gr01-prod'] = [];
    const config = demoConfig({
      scp: { attachTo: ['Root', 'Root/Workloads/Dev'] },
      rollout: {
        waves: [
          { name: 'canary', accounts: ['222222222208'] },
          { name: 'workloads', ous: ['Root/Workloads'] },
          { name: 'rest', rest: true },
        ],
      },
    });
    const plan = planFor(config, observed);
    // When assigning waves
    const assignment = assignWaves(plan.changes, config.rollout.waves, observed.org);
    // Then
    expect(waveSummary(assignment)).toEqual([
      { name: 'canary', kinds: ['imds.set'], accounts: ['web-dev'] },
      {
        name: 'workloads',
        kinds: ['policyType.enable', 'policy.create', 'attachment.add', 'imds.set'],
        accounts: ['payments-dev', 'payments-prod', 'web-prod'],
      },
      {
        name: 'rest',
        kinds: ['attachment.add', 'imds.set'],
        accounts: ['management', 'network', 'shared-services', 'sandbox-alice', 'log-archive'],
      },
    ]);
    expect(assignment.waves[2]?.changes[0]).toMatchObject({ target: { label: 'Root' } });
    expect(assignment.unplaced).toEqual([]);
    const total = assignment.waves.reduce((n, w) => n + w.changes.length, 0);
    expect(total).toBe(plan.changes.length);
  });

  it('reports accounts no wave takes when there is no rest wave', () => {
    const config = demoConfig({
      rollout: { waves: [{ name: 'prod', ous: ['Root/Workloads/Prod'] }] },
    });
    const plan = planFor(config);
    const assignment = assignWaves(plan.changes, config.rollout.waves, demoObserved().org);
    expect(assignment.unplaced.map((u) => u.accountName)).toEqual([
      'management',
      'network',
      'shared-services',
      'sandbox-alice',
      'log-archive',
      'payments-dev',
      'web-dev',
    ]);
    expect(assignment.waves[0]?.changes.map((c) => c.kind)).toContain('attachment.add');
  });

  it('names the closest OU when a wave names an unknown one', () => {
    const config = demoConfig({ rollout: { waves: [{ name: 'x', ous: ['Root/Prod'] }] } });
    expect(() => assignWaves([], config.rollout.waves, demoObserved().org)).toThrow(ConfigError);
    expect(() => assignWaves([], config.rollout.waves, demoObserved().org)).toThrow(
      /rollout.waves\[0\].ous\[0\]: unknown OU "Root\/Prod"/,
    );
  });
});
