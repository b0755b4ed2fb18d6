import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkStale } from '../../../src/core/plan/check-stale.js';
import { assignWaves } from '../../../src/core/plan/waves.js';
import { demoConfig } from '../_fixtures/demo.js';
import { planFor } from '../_fixtures/plan.js';
import { observedState, userConfig } from './arbitraries.js';

const ACCOUNT_IDS = [
  '111111111111',
  '222222222201',
  '222222222206',
  '222222222208',
  '222222222209',
];
const OU_PATHS = ['Root/Security', 'Root/Workloads', 'Root/Workloads/Prod', 'Root/Sandbox'];

const waves = fc.array(
  fc.record({
    name: fc.constantFrom('canary', 'early', 'late'),
    accounts: fc.subarray(ACCOUNT_IDS, { maxLength: 2 }),
    ous: fc.subarray(OU_PATHS, { maxLength: 2 }),
    rest: fc.boolean(),
  }),
  { minLength: 1, maxLength: 4 },
);

describe('wave and staleness properties', () => {
  it('every change lands in exactly one wave (or its account is reported) after its dependencies', () => {
    fc.assert(
      fc.property(observedState, userConfig, waves, (observed, raw, w) => {
        const config = demoConfig({ ...raw, rollout: { waves: w } });
        const plan = planFor(config, observed);
        const { waves: placed, unplaced } = assignWaves(
          plan.changes,
          config.rollout.waves,
          observed.org,
        );
        const waveOf = new Map<string, number>();
        placed.forEach((wave, i) => {
          for (const c of wave.changes) {
            expect(waveOf.has(c.id)).toBe(false);
            waveOf.set(c.id, i);
          }
        });
        const left = plan.changes.filter((c) => !waveOf.has(c.id)).length;
        expect(unplaced.reduce((n, u) => n + u.changes, 0)).toBe(left);
        if (config.rollout.waves.some((x) => x.rest)) expect(left).toBe(0);
        for (const c of plan.changes) {
          const i = waveOf.get(c.id);
          if (i === undefined) continue;
          for (const d of c.dependsOn) expect(waveOf.get(d)).toBeLessThanOrEqual(i);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a plan is never stale against the world it was made from', () => {
    fc.assert(
      fc.property(observedState, userConfig, (observed, raw) => {
        expect(checkStale(planFor(demoConfig(raw), observed), observed)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
