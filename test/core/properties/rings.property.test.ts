import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../../src/core/apply-sim.js';
import { buildDesiredState } from '../../../src/core/desired/build-desired-state.js';
import type { Stage } from '../../../src/core/desired/types.js';
import type { ObservedState } from '../../../src/core/model/types.js';
import { buildPlan } from '../../../src/core/plan/build-plan.js';
import { buildVerifyReport } from '../../../src/core/verify/compare.js';
import type { DesiredByStage } from '../../../src/core/verify/rings.js';
import type { VerifyReport } from '../../../src/core/verify/types.js';
import { demoConfig, TEMPLATES } from '../_fixtures/demo.js';
import { PLAN_META } from '../_fixtures/plan.js';
import { observedState, userConfig } from './arbitraries.js';

const META = { toolVersion: 't', generatedAt: 't', scopeRegions: 'enabled' as const };
const STAGES: Stage[] = [1, 2, 3];

function byStage(observed: ObservedState, config: ReturnType<typeof demoConfig>): DesiredByStage {
  const at = (stage: Stage) => buildDesiredState(config, TEMPLATES, observed.org, { stage });
  return { 1: at(1), 2: at(2), 3: at(3) };
}

function verifyAt(observed: ObservedState, rings: DesiredByStage, stage: Stage): VerifyReport {
  return buildVerifyReport({ observed, desired: rings[stage], rings, meta: META });
}

/** Whether every result of the account meets the report's desired state (a region not enabled is no target). */
function clean(report: VerifyReport, accountId: string): boolean {
  return report.results
    .filter((r) => r.accountId === accountId)
    .every(
      (r) =>
        r.status === 'compliant' ||
        (r.status === 'unreachable' && (r.detail ?? '').startsWith('region-disabled')) ||
        (r.status === 'managed-by-declarative-policy' &&
          r.kind === 'imds' &&
          r.declarativeCompliant),
    );
}

describe('ring properties (random worlds and configs)', () => {
  it('an account is in ring r exactly when verify at r is clean for it and no higher ring is', () => {
    fc.assert(
      fc.property(observedState, userConfig, (observed, raw) => {
        const rings = byStage(observed, demoConfig(raw));
        const reports = STAGES.map((s) => verifyAt(observed, rings, s));
        for (const ring of reports[0]?.rings ?? []) {
          if (ring.ring === null) continue;
          const highestClean = [3, 2, 1].find((s) => clean(reports[s - 1]!, ring.accountId)) ?? 0;
          expect(ring.ring, ring.accountName).toBe(highestClean);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('applying the plan of ring k puts every account the tool may change in ring k or higher', () => {
    fc.assert(
      fc.property(
        observedState,
        userConfig,
        fc.constantFrom<Stage>(1, 2, 3),
        (observed, raw, k) => {
          const config = demoConfig(raw);
          const desired = buildDesiredState(config, TEMPLATES, observed.org, { stage: k });
          const after = applyChanges(
            observed,
            buildPlan({ observed, desired, meta: PLAN_META }).changes,
          );
          const report = verifyAt(after, byStage(after, config), k);
          const declarative = new Set(
            report.results
              .filter((r) => r.status === 'managed-by-declarative-policy')
              .map((r) => r.accountId),
          );
          for (const ring of report.rings ?? []) {
            if (ring.ring === null || declarative.has(ring.accountId)) continue;
            expect(ring.ring, ring.accountName).toBeGreaterThanOrEqual(k);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
