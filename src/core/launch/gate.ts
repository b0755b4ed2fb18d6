import type { LaunchPreview } from './tally.js';

/**
 * The launch gate: accounts where the SCP would refuse launches that work today are held out of
 * its reach, unless the admin lets them in (the same overrides as the IMDSv1-calls gate:
 * `--allow-at-risk`, `readiness.allowAtRisk`, the prompt; `readiness.gate: false` turns it off).
 */
export interface LaunchHold {
  accountId: string;
  accountName: string;
  /** `4 launches would be refused (Karpenter 1.5.0: role/KarpenterControllerRole-web-dev)`. */
  reason: string;
}

export function launchGate(
  preview: LaunchPreview | undefined,
  options: { enabled: boolean; allowAtRisk: readonly string[] },
): { held: LaunchHold[]; overridden: LaunchHold[] } {
  if (!preview || !options.enabled) return { held: [], overridden: [] };
  const allowed = new Set(options.allowAtRisk);
  const holds = preview.accounts
    .filter((a) => a.refused > 0)
    .map((a) => {
      const who = preview.principals
        .filter((p) => p.accountId === a.accountId && p.verdict === 'refused')
        .map(
          (p) =>
            `${p.launcher.label}: ${p.principalArn.slice(p.principalArn.lastIndexOf(':') + 1)}`,
        );
      return {
        accountId: a.accountId,
        accountName: a.accountName,
        reason: `${a.refused} launch${a.refused === 1 ? '' : 'es'} the SCP would refuse (${who.join('; ')})`,
      };
    });
  return {
    held: holds.filter((h) => !allowed.has(h.accountId)),
    overridden: holds.filter((h) => allowed.has(h.accountId)),
  };
}
