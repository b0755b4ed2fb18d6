/**
 * The one way use cases turn the config into a desired state: templates loaded once, the
 * enforcement ring from `--stage` / `rollout.stage`, exceptions judged by the injected clock.
 */
import { loadTemplates } from '../config/load-templates.js';
import type { ResolvedConfig } from '../config/schema.js';
import { buildDesiredState } from '../core/desired/build-desired-state.js';
import type { DesiredState, Stage, TemplateSet } from '../core/desired/types.js';
import type { OrgTree } from '../core/model/types.js';
import type { DesiredByStage } from '../core/verify/rings.js';
import type { AppContext } from './context.js';

let cached: TemplateSet | undefined;

function templates(): TemplateSet {
  cached ??= loadTemplates();
  return cached;
}

export function desiredFor(ctx: AppContext, org: OrgTree, stage?: Stage): DesiredState {
  return buildDesiredState(ctx.config, templates(), org, { stage, now: ctx.now() });
}

/** The desired state of every ring, for telling which ring each account is in. */
export function desiredRings(ctx: AppContext, org: OrgTree): DesiredByStage {
  return {
    1: desiredFor(ctx, org, 1),
    2: desiredFor(ctx, org, 2),
    3: desiredFor(ctx, org, 3),
  };
}

/** The config with `rollout.stage` set (`--stage`, or the stage a saved plan was made for). */
export function withStage(config: ResolvedConfig, stage: Stage): ResolvedConfig {
  return { ...config, rollout: { ...config.rollout, stage } };
}
