/**
 * The guided rollout's stage choice: which enforcement ring to roll out, defaulting to the
 * config's (rollout.stage, else what the config asks for). Asked only when a person is at the
 * terminal and neither --stage nor rollout.stage decided it already.
 */
import { configuredStage, STAGE_TITLES } from '../core/desired/stage.js';
import { STAGES } from '../core/desired/types.js';
import { recommendStage } from '../core/readiness/recommend-stage.js';
import type { ReadinessReport } from '../core/readiness/types.js';
import type { VerifyReport } from '../core/verify/types.js';
import type { AppContext } from './context.js';
import { withStage } from './desired.js';

/** ` · 10 in ring 3, 3 unknown` for the Verify step's summary ('' without rings). */
export function ringsNote(report: VerifyReport): string {
  if (!report.rings) return '';
  const counts = new Map<string, number>();
  for (const r of report.rings) {
    const key = r.ring === null ? 'unknown' : `in ring ${r.ring}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const order = ['in ring 3', 'in ring 2', 'in ring 1', 'in ring 0', 'unknown'];
  const parts = order.filter((k) => counts.has(k)).map((k) => `${counts.get(k)} ${k}`);
  return parts.length ? ` · ${parts.join(', ')}` : '';
}

/**
 * Asks the ring once Discover and Readiness have run: the recommended ring (never above the
 * config's) is preselected, with what readiness found as the reason.
 */
export async function chooseStage(
  ctx: AppContext,
  readiness?: Pick<ReadinessReport, 'summary'>,
): Promise<AppContext> {
  const current = configuredStage(ctx.config);
  const recommended = recommendStage(current, readiness);
  const stage = await ctx.host.ask({
    kind: 'choose-stage',
    id: 'rollout.stage',
    message: 'Which enforcement ring to roll out?',
    stages: STAGES.map((s) => ({ stage: s, title: STAGE_TITLES[s] })),
    defaultAnswer: recommended.stage,
    reason: recommended.reason,
    flag: '--stage',
  });
  return stage === current ? ctx : { ...ctx, config: withStage(ctx.config, stage) };
}
