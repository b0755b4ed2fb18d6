/**
 * One-line texts for events, shared by every host that prints words (listr2 log, ink checklist),
 * so CI logs and the terminal UI say the same thing.
 */

import { plural } from '../core/model/plural.js';
import type { PlanSummary } from '../core/plan/types.js';
import type { StatusCounts } from '../core/verify/types.js';
import type { GuardrailsEvent } from './types.js';

type EventOf<T extends GuardrailsEvent['type']> = Extract<GuardrailsEvent, { type: T }>;

export function describeIdentity(e: EventOf<'preflight.identity'>): string {
  return [
    `caller ${e.caller.arn}`,
    `organization ${e.organizationId}`,
    `management account ${e.managementAccountId}`,
    `config ${e.configFile ?? '(defaults)'}`,
  ].join(' · ');
}

export function describeDiscovery(e: EventOf<'discover.progress'>): string {
  // `regions` counts account × region targets (opt-in regions differ per account).
  return `${plural(e.ous, 'OU')} · ${plural(e.accounts, 'account')} (${e.reachable} reachable, ${e.unreachable} unreachable) · ${plural(e.regions, 'target')}`;
}

export function describePlanSummary(s: PlanSummary): string {
  if (s.toChange === 0) return `No changes. ${s.unchanged} unchanged · ${s.skipped} skipped`;
  return `${s.toChange} to change${s.relaxing ? ` (${s.relaxing} relaxing)` : ''} · ${s.unchanged} unchanged · ${s.skipped} skipped`;
}

/**
 * What runs once accounts are held out, after the Plan step's own counts: `after holds: 110 to
 * change (17 relaxing)`.
 */
export function describeAfterHolds(s: PlanSummary): string {
  return `after holds: ${s.toChange} to change${s.relaxing ? ` (${s.relaxing} relaxing)` : ''}`;
}

/** The CI line of `plan.revised`: `after holds: 110 to change (17 relaxing) · 126 planned`. */
export function describeRevisedPlan(e: EventOf<'plan.revised'>): string {
  return `${describeAfterHolds(e.summary)} · ${e.summary.unchanged} unchanged · ${e.summary.skipped} skipped · ${e.planned} planned`;
}

export function describeVerifyCounts(c: StatusCounts): string {
  const parts = [`${c.compliant}/${c.total} compliant`];
  if (c.drift) parts.push(`${c.drift} drift`);
  if (c['managed-by-declarative-policy'])
    parts.push(`${c['managed-by-declarative-policy']} declarative policy`);
  if (c.unreachable) parts.push(`${c.unreachable} unreachable`);
  if (c.error) parts.push(`${c.error} error`);
  if (c.excepted) parts.push(`${c.excepted} excepted`);
  if (c.suspended) parts.push(`${c.suspended} suspended`);
  return parts.join(' · ');
}

export function describeRun(e: EventOf<'run.finished'>): string {
  const parts = [`${e.succeeded} succeeded`, `${e.failed} failed`, `${e.skipped} skipped`];
  return `${parts.join(' · ')} in ${formatDuration(e.durationMs)}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}

/** Percent with no decimals, 0 when there is nothing to do. */
export function percent(done: number, total: number): number {
  return total === 0 ? 100 : Math.floor((done / total) * 100);
}

/** The readiness gate as log lines: each held or let-in account with its first evidence. */
export function describeGate(e: EventOf<'readiness.gated'>): string[] {
  const line = (verb: string, a: EventOf<'readiness.gated'>['held'][number]) =>
    `${verb}: ${a.accountName} (${a.accountId}), ${plural(a.changes, 'change')}: ${a.evidence[0] ?? 'at risk'}`;
  if (e.lane === 'scp') {
    const why = (a: EventOf<'readiness.gated'>['held'][number]) =>
      `${a.accountName} (${a.accountId}): ${a.evidence[0] ?? 'launches would be refused'}`;
    return [
      ...e.held.map(
        (a) =>
          `held out of the SCP (defaults still set): ${why(a)} · include with --allow-at-risk ${a.accountId}`,
      ),
      ...e.overridden.map((a) => `SCP reaches it although launches would be refused: ${why(a)}`),
    ];
  }
  return [
    ...e.held.map(
      (a) => `${line('held out (at risk)', a)} · include with --allow-at-risk ${a.accountId}`,
    ),
    ...e.overridden.map((a) => line('included although at risk', a)),
  ];
}

/** The launch preview in one line per refused principal (listr/plain hosts). */
export function describeLaunchPreview(e: EventOf<'launches.previewed'>): string[] {
  if (e.policy === null) return ['launch preview: no SCP in this configuration'];
  const head = `launch preview: ${e.launches} launches in ${e.lookbackDays} days, ${e.refused} would be refused by ${e.policy} in ${e.accountsWithRefusals} account(s)${e.unknown > 0 ? `, ${e.unknown} unknown` : ''}`;
  return [
    head,
    ...e.principals
      .filter((p) => p.verdict === 'refused')
      .map(
        (p) =>
          `  ${p.accountName} ${p.principal} (${p.launcher}): ${p.refused} refused · fix: ${p.fix}`,
      ),
    ...e.lookupDenied.map(
      (a) =>
        `  ${a.accountName}: cloudtrail:LookupEvents denied in ${a.regions.length} region(s), launches not previewed · fix: allow it in the member role (guardrails permissions)`,
    ),
  ];
}
