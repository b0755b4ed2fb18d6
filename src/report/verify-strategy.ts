/**
 * What every verify writer says about rings and exceptions: the status list with `excepted`
 * when it occurs, the finding count including expired exceptions, and one-line descriptions.
 * Reports without rings or exceptions (older ones, hand-built fixtures) render as before.
 */
import type {
  AccountRing,
  ExceptionStatus,
  TargetStatus,
  VerifyReport,
} from '../core/verify/types.js';
import { findingsOf, TARGET_STATUSES } from './verify-model.js';

/** The statuses to list: `excepted` and `suspended` only when some target has them. */
export function statusesOf(report: VerifyReport): TargetStatus[] {
  const optional = (['excepted', 'suspended'] as const).filter((s) => (report.counts[s] ?? 0) > 0);
  return [...TARGET_STATUSES, ...optional];
}

export function countOf(report: VerifyReport, status: TargetStatus): number {
  return report.counts[status] ?? 0;
}

/** An expired exception no longer exempts anything and is a finding of its own. */
export function expiredExceptionsOf(report: VerifyReport): ExceptionStatus[] {
  return (report.exceptions ?? []).filter((e) => e.status === 'expired');
}

/** Findings among the targets plus expired exceptions: what the exit code counts. */
export function findingCount(report: VerifyReport): number {
  return findingsOf(report).length + expiredExceptionsOf(report).length;
}

export function ringsByAccount(report: VerifyReport): Map<string, AccountRing> {
  return new Map((report.rings ?? []).map((r) => [r.accountId, r]));
}

export function ringLabel(ring: AccountRing | undefined): string {
  if (ring === undefined) return '';
  return ring.ring === null ? 'ring ?' : `ring ${ring.ring}`;
}

/** `ring 3: 10 accounts · ring 2: 1 · unknown: 2`, or undefined without rings. */
export function ringSummary(report: VerifyReport): string | undefined {
  if (!report.rings) return undefined;
  const counts = new Map<string, number>();
  for (const r of report.rings) {
    const key = r.ring === null ? 'unknown' : `ring ${r.ring}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const order = ['ring 3', 'ring 2', 'ring 1', 'ring 0', 'unknown'];
  const parts = order
    .filter((k) => counts.has(k))
    .map((k) => `${k}: ${counts.get(k)} ${counts.get(k) === 1 ? 'account' : 'accounts'}`);
  return parts.length === 0 ? 'no accounts' : parts.join(' · ');
}

/** `account web-dev (222…): owner alice, until 2026-12-31 — migrating batch jobs (EXPIRED)`. */
export function describeException(e: ExceptionStatus): string {
  const state = e.status === 'expired' ? ' (EXPIRED: no longer exempts)' : '';
  return `${e.kind} ${e.target}: owner ${e.owner}, until ${e.expires}: ${e.reason}${state}`;
}
