import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../../src/core/apply-sim.js';
import { buildDesiredState } from '../../../src/core/desired/build-desired-state.js';
import { inverseOfJournal } from '../../../src/core/journal/inverse.js';
import type { JournaledChange, TargetImage } from '../../../src/core/journal/types.js';
import type { ObservedState } from '../../../src/core/model/types.js';
import { buildPlan } from '../../../src/core/plan/build-plan.js';
import type { Change } from '../../../src/core/plan/types.js';
import { buildVerifyReport } from '../../../src/core/verify/compare.js';
import { demoConfig, TEMPLATES } from '../_fixtures/demo.js';
import { PLAN_META } from '../_fixtures/plan.js';
import { observedState, userConfig } from './arbitraries.js';

function plan(observed: ObservedState, config: ReturnType<typeof demoConfig>) {
  const desired = buildDesiredState(config, TEMPLATES, observed.org);
  return buildPlan({ observed, desired, meta: PLAN_META });
}

/** What a journal records: the before-image from the state just before, the read-back after. */
function image(state: ObservedState, change: Change): TargetImage {
  switch (change.kind) {
    case 'imds.set': {
      const r = state.accounts
        .find((a) => a.accountId === change.accountId)
        ?.regions.find((x) => x.region === change.region);
      return {
        kind: 'imds',
        accountId: change.accountId,
        region: change.region,
        defaults: r?.status === 'ok' ? r.imds.defaults : {},
      };
    }
    case 'policy.create':
    case 'policy.update':
    case 'policy.swap':
    case 'policy.delete': {
      const p = state.policies.find((x) => x.summary.name === change.policyName);
      return p
        ? {
            kind: 'policy',
            policyName: change.policyName,
            policyId: p.summary.id,
            exists: true,
            content: p.content,
          }
        : { kind: 'policy', policyName: change.policyName, exists: false };
    }
    case 'attachment.add':
    case 'attachment.remove': {
      const p = state.policies.find((x) => x.summary.name === change.policyName);
      const img: TargetImage = {
        kind: 'attachment',
        policyName: change.policyName,
        targetId: change.target.id,
        attached: !!p?.targets.includes(change.target.id),
      };
      if (p) img.policyId = p.summary.id;
      return img;
    }
    case 'policyType.enable':
      return {
        kind: 'policyType',
        rootId: change.rootId,
        policyType: change.policyType,
        enabled: true,
      };
    case 'launchTemplate.update':
    case 'instance.metadata':
      throw new Error('buildPlan never plans workload changes');
  }
}

/** The parts of the world the tool changes, in a comparable form. */
function comparable(state: ObservedState) {
  return {
    policies: state.policies.map((p) => ({
      name: p.summary.name,
      content: p.content,
      targets: [...p.targets].sort(),
    })),
    attachments: Object.fromEntries(
      Object.entries(state.org.scpAttachments)
        .filter(([, list]) => list.length > 0)
        .map(([t, list]) => [t, list.map((p) => p.name).sort()]),
    ),
    imds: state.accounts.map((a) =>
      a.regions.map((r) => (r.status === 'ok' ? r.imds.defaults : r.status)),
    ),
  };
}

describe('plan properties (random worlds and configs)', () => {
  it('applying the plan yields a world whose plan is empty', () => {
    fc.assert(
      fc.property(observedState, userConfig, (observed, raw) => {
        const config = demoConfig(raw);
        const first = plan(observed, config);
        const after = applyChanges(observed, first.changes);
        const second = plan(after, config);
        expect(second.changes).toEqual([]);
        expect(second.skipped).toEqual(first.skipped);
        // And the verify sweep agrees: nothing left drifting
        const desired = buildDesiredState(config, TEMPLATES, after.org);
        const meta = { toolVersion: 't', generatedAt: 't', scopeRegions: 'enabled' as const };
        const report = buildVerifyReport({ observed: after, desired, meta });
        expect(report.results.filter((r) => r.status === 'drift')).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('the inverses of a fully applied plan restore the world (policy types stay enabled)', () => {
    fc.assert(
      fc.property(observedState, userConfig, (observed, raw) => {
        const first = plan(observed, demoConfig(raw));
        let state = observed;
        const journal: JournaledChange[] = first.changes.map((change, sequence) => {
          const before = image(state, change);
          state = applyChanges(state, [change]);
          return {
            changeId: change.id,
            change,
            before,
            after: image(state, change),
            status: 'done',
            sequence,
          };
        });
        const undo = inverseOfJournal(journal);
        expect(
          undo.changes.some(
            (c) => c.kind === 'attachment.remove' && c.policyName === 'FullAWSAccess',
          ),
        ).toBe(false);
        const restored = applyChanges(state, undo.changes);
        expect(comparable(restored)).toEqual(comparable(observed));
      }),
      { numRuns: 100 },
    );
  });

  it('plans are deterministic and their dependencies point backwards', () => {
    fc.assert(
      fc.property(observedState, userConfig, (observed, raw) => {
        const a = plan(observed, demoConfig(raw));
        const b = plan(structuredClone(observed), demoConfig(raw));
        expect(b).toEqual(a);
        const seen = new Set<string>();
        for (const c of a.changes) {
          for (const d of c.dependsOn) expect(seen.has(d)).toBe(true);
          seen.add(c.id);
        }
      }),
      { numRuns: 80 },
    );
  });
});
