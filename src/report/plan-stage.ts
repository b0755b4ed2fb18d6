/** How a plan names its enforcement ring and strategy, for the text plan and the rollout UI. */
import { STAGE_TITLES } from '../core/desired/stage.js';
import type { Plan } from '../core/plan/types.js';

/** `ring 2 (defaults + the DenyIMDSv1 SCP)`, plus the strategy when it is not the default. */
export function describeStage(plan: Pick<Plan, 'stage' | 'strategy'>): string {
  if (plan.stage === undefined) return '';
  const strategy =
    plan.strategy && plan.strategy !== 'scp-and-defaults' ? `, strategy ${plan.strategy}` : '';
  return `ring ${plan.stage} (${STAGE_TITLES[plan.stage]})${strategy}`;
}
