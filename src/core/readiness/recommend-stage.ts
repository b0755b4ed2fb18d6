/**
 * The enforcement ring the guided rollout preselects once readiness has looked, and why. It
 * never recommends more than the config asks for; it steps back from ring 3
 * (HttpTokensEnforced: no IMDSv1 instance can launch at all) while readiness sees IMDSv1 in use
 * or could not look, and says so.
 */
import type { Stage } from '../desired/types.js';
import type { ReadinessReport } from './types.js';

export interface StageRecommendation {
  stage: Stage;
  reason: string;
}

export function recommendStage(
  configured: Stage,
  readiness: Pick<ReadinessReport, 'summary'> | undefined,
): StageRecommendation {
  if (!readiness) return { stage: configured, reason: "the config's ring (readiness is off)" };
  const s = readiness.summary;
  const risks: string[] = [];
  if (s.atRisk) risks.push(`${s.atRisk} at risk`);
  if (s.unknown) risks.push(`${s.unknown} unknown`);
  if (s.instancesAllowingImdsv1) {
    const one = s.instancesAllowingImdsv1 === 1;
    risks.push(
      `${s.instancesAllowingImdsv1} instance${one ? '' : 's'} still allow${one ? 's' : ''} IMDSv1`,
    );
  }
  if (risks.length === 0) {
    return { stage: configured, reason: `all ${s.accounts} accounts ready: no IMDSv1 calls seen` };
  }
  const found = `${s.ready} of ${s.accounts} ready, ${risks.join(', ')}`;
  if (configured === 3) {
    return { stage: 2, reason: `${found}: ring 3 (HttpTokensEnforced) waits until they are ready` };
  }
  return {
    stage: configured,
    reason:
      configured === 2
        ? `${found}: ring 3 waits until they are ready`
        : `${found}: the config's ring`,
  };
}
