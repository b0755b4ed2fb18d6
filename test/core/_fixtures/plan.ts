import { buildDesiredState } from '../../../src/core/desired/build-desired-state.js';
import type { ObservedState } from '../../../src/core/model/types.js';
import { buildPlan } from '../../../src/core/plan/build-plan.js';
import type { Plan } from '../../../src/core/plan/types.js';
import { demoConfig, demoObserved, TEMPLATES } from './demo.js';

export const PLAN_META = {
  toolVersion: '0.1.0',
  createdAt: '2026-01-01T00:00:00.000Z',
  configHash: 'config-hash',
  observedHash: 'observed-hash',
};

export function planFor(config = demoConfig(), observed: ObservedState = demoObserved()): Plan {
  const desired = buildDesiredState(config, TEMPLATES, observed.org);
  return buildPlan({ observed, desired, meta: PLAN_META });
}
