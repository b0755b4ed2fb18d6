/**
 * Staged enforcement rings. Each ring is a separate, verifiable stage of the rollout:
 *   1 — account defaults HttpTokens=required (new launches default to IMDSv2; nothing breaks),
 *   2 — ring 1 + the DenyIMDSv1 SCP (launches that ask for IMDSv1 are denied),
 *   3 — ring 2 + HttpTokensEnforced=enabled (no IMDSv1 instance can launch at all).
 * Without `rollout.stage` the config's own desired state decides: 3 when it already asks for
 * HttpTokensEnforced=enabled, else 2 — exactly what the tool did before rings existed.
 */
import type { ResolvedConfig } from '../../config/schema.js';
import type { ImdsDefaults } from '../model/types.js';
import type { Stage, Strategy } from './types.js';

export type StageConfig = {
  imdsDefaults: Pick<ResolvedConfig['imdsDefaults'], 'httpTokensEnforced'>;
  rollout?: { stage?: Stage | undefined } | undefined;
};

export function configuredStage(config: StageConfig): Stage {
  return config.rollout?.stage ?? (config.imdsDefaults.httpTokensEnforced === 'enabled' ? 3 : 2);
}

/** The IMDS defaults a ring asks for: HttpTokensEnforced only from ring 3 on. */
export function imdsForStage(imds: ImdsDefaults, stage: Stage): ImdsDefaults {
  const out: ImdsDefaults = { ...imds };
  if (stage === 3) out.httpTokensEnforced = 'enabled';
  else if (out.httpTokensEnforced === 'enabled') delete out.httpTokensEnforced;
  return out;
}

/** Whether the ring deploys the SCP (and the strategy uses one at all). */
export function stageHasScp(stage: Stage, strategy: Strategy, scpEnabled: boolean): boolean {
  return stage >= 2 && scpEnabled && strategy !== 'declarative-policy';
}

export const STAGE_TITLES: Record<Stage, string> = {
  1: 'account defaults HttpTokens=required',
  2: 'defaults + the DenyIMDSv1 SCP',
  3: 'defaults + SCP + HttpTokensEnforced=enabled',
};
