/**
 * What a rollback will restore, as rows a person can check before saying yes: per account (with
 * its name) the regions and each field's before → after, folded when every region restores the
 * same; organization changes (SCP detach / delete / previous content) one row each.
 */
import type { ImdsField } from '../core/model/types.js';
import type { Change } from '../core/plan/types.js';
import { formatValue } from './verify-model.js';

export interface RestoreRow {
  /** `payments-prod (222222222205)` or `Organizations`. */
  who: string;
  /** `us-east-1, eu-west-1`, `17 regions`, or '' for organization changes. */
  where: string;
  /** `httpTokens required → (unset), httpPutResponseHopLimit 1 → 2` or `detach DenyIMDSv1 from Root`. */
  what: string;
}

export function restoreRows(changes: readonly Change[]): RestoreRow[] {
  const folded = new Map<string, { who: string; what: string; regions: string[] }>();
  const org: RestoreRow[] = [];
  for (const change of changes) {
    if (change.kind === 'imds.set') {
      const what = change.fields
        .map((field: ImdsField) => {
          const before = change.before[field] as string | number | undefined;
          const after = change.after[field] as string | number | undefined;
          return `${field} ${formatValue(before)} → ${formatValue(after)}`;
        })
        .join(', ');
      const who = `${change.accountName} (${change.accountId})`;
      const key = `${change.accountId}\u0000${what}`;
      const row = folded.get(key) ?? { who, what, regions: [] };
      row.regions.push(change.region);
      folded.set(key, row);
    } else {
      org.push({ who: 'Organizations', where: '', what: describeOrgRestore(change) });
    }
  }
  const accounts = [...folded.values()].map((r) => ({
    who: r.who,
    where: r.regions.length <= 3 ? r.regions.join(', ') : `${r.regions.length} regions`,
    what: r.what,
  }));
  return [...org, ...accounts];
}

function describeOrgRestore(change: Exclude<Change, { kind: 'imds.set' }>): string {
  switch (change.kind) {
    case 'attachment.remove':
      return `detach ${change.policyName} from ${change.target.label}`;
    case 'attachment.add':
      return `re-attach ${change.policyName} to ${change.target.label}`;
    case 'policy.delete':
      return `delete ${change.policyName} (the run created it)`;
    case 'policy.swap':
      return `put the content of ${change.canaryName} into ${change.policyName} and delete ${change.canaryName}`;
    case 'policy.update':
      return `put back the previous content of ${change.policyName}`;
    case 'policy.create':
      return `re-create ${change.policyName}`;
    case 'policyType.enable':
      return `enable ${change.policyType} on ${change.rootId}`;
    case 'launchTemplate.update':
      return `${change.accountName} (${change.accountId}) ${change.region}: launch template ${change.templateName} back to its previous default version`;
    case 'instance.metadata':
      return `${change.accountName} (${change.accountId}) ${change.region}: instance ${change.instanceId} metadata options back`;
  }
}

/** One line per row, for logs and the confirmation's list. */
export function restoreLine(row: RestoreRow): string {
  return [row.who, row.where, row.what].filter(Boolean).join(' · ');
}
