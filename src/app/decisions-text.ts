/**
 * The decisions a journal keeps, in words, shown when `apply --resume` and `rollback` start:
 * "Run decisions: held payments-dev (readiness); waves canary, non-production; stage 2".
 */
import { HOLD_REASON_LABELS } from '../core/reach/reach.js';
import type { JournalHeader } from '../execute/journal-store.js';

export function describeDecisions(header: JournalHeader): string[] {
  const d = header.decisions;
  const parts: string[] = [];
  const scope = Object.entries(header.overrides)
    .filter(([, v]) => v && v.length > 0)
    .map(([k, v]) => `--${k} ${(v as string[]).join(',')}`);
  if (d?.held && d.held.length > 0) {
    parts.push(
      `held ${d.held.map((h) => `${h.accountName ?? h.accountId} (${HOLD_REASON_LABELS[h.reason]})`).join(', ')}`,
    );
  }
  if (d?.waves) parts.push(`waves ${d.waves.join(', ') || '(none)'}`);
  if (d?.stage !== undefined) parts.push(`stage ${d.stage}`);
  if (d?.strategy) parts.push(`strategy ${d.strategy}`);
  if (scope.length > 0) parts.push(`scope ${scope.join(' ')}`);
  if (d?.includeOrgChanges) parts.push('--include-org-changes');
  if (d?.allowRelaxing) parts.push('--allow-relaxing');
  return parts.length > 0 ? [`Run decisions (from the journal): ${parts.join('; ')}`] : [];
}
