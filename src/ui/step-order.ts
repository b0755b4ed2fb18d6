import { STEP_NAMES } from '../events/steps.js';
import type { RolloutState, StepView } from './state.js';

/** Steps not in the checklist go where the rollout runs them (Readiness before Plan). */
export function insertStep(state: RolloutState, view: StepView): void {
  const rank = STEP_NAMES.indexOf(view.step);
  const at = state.steps.findIndex((s) => STEP_NAMES.indexOf(s.step) > rank);
  if (at < 0) state.steps.push(view);
  else state.steps.splice(at, 0, view);
}
