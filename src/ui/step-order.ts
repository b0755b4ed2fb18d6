import type { StepName } from '../events/types.js';
import type { RolloutState, StepView } from './state.js';

/** Steps not in the checklist go where the rollout runs them (Readiness before Plan). */
const ORDER: StepName[] = [
  'preflight',
  'discover',
  'readiness',
  'plan',
  'confirm',
  'apply',
  'verify',
  'report',
];

export function insertStep(state: RolloutState, view: StepView): void {
  const rank = ORDER.indexOf(view.step);
  const at = state.steps.findIndex((s) => ORDER.indexOf(s.step) > rank);
  if (at < 0) state.steps.push(view);
  else state.steps.splice(at, 0, view);
}
