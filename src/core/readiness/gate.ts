import type { ReadinessReport } from './types.js';

export interface HeldAccount {
  accountId: string;
  accountName: string;
  /** The account's first evidence line. */
  reason: string;
}

export interface ReadinessGate {
  /** At-risk accounts a rollout must leave out of its waves. */
  held: HeldAccount[];
  /** At-risk accounts let through by an explicit override. */
  overridden: string[];
}

/**
 * Which accounts a rollout holds back: every `at-risk` account (IMDSv1 calls seen) unless the
 * admin overrides it (`--allow-at-risk`, `readiness.allowAtRisk`). `unknown` accounts are not
 * held — there is no evidence against them — but are reported by readiness itself.
 */
export function gateAccounts(
  report: ReadinessReport,
  options: { enabled: boolean; allowAtRisk: readonly string[] },
): ReadinessGate {
  const atRisk = report.accounts.filter((a) => a.verdict === 'at-risk');
  if (!options.enabled) return { held: [], overridden: [] };
  const allowed = new Set(options.allowAtRisk);
  return {
    held: atRisk
      .filter((a) => !allowed.has(a.accountId))
      .map((a) => ({
        accountId: a.accountId,
        accountName: a.accountName,
        reason: a.evidence[0] ?? 'at-risk',
      })),
    overridden: atRisk.filter((a) => allowed.has(a.accountId)).map((a) => a.accountId),
  };
}
