/**
 * The guided rollout's stage choice: which enforcement ring to roll out, defaulting to the
 * config's (rollout.stage, else what the config asks for). Asked only when a person is at the
 * terminal and neither --stage nor rollout.stage decided it already.
 */
import { configuredStage, STAGE_TITLES } from '../core/desired/stage.js';
import { STAGES } from '../core/desired/types.js';
import type { AppContext } from './context.js';
import { withStage } from './desired.js';

export async function chooseStage(ctx: AppContext): Promise<AppContext> {
  const current = configuredStage(ctx.config);
  const stage = await ctx.host.ask({
    kind: 'choose-stage',
    id: 'rollout.stage',
    message: 'Which enforcement ring to roll out?',
    stages: STAGES.map((s) => ({ stage: s, title: STAGE_TITLES[s] })),
    defaultAnswer: current,
    flag: '--stage',
  });
  return stage === current ? ctx : { ...ctx, config: withStage(ctx.config, stage) };
}
