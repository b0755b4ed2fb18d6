/** The stable order of changes: by kind (dependencies first), then by target. */
import type { Change, ChangeKind } from './types.js';

const KIND_ORDER: ChangeKind[] = [
  'policyType.enable',
  'policy.create',
  'policy.update',
  'attachment.add',
  'imds.set',
  'launchTemplate.update',
  'instance.metadata',
  'attachment.remove',
  'policy.delete',
];

const TARGET_ORDER = { ROOT: 0, ORGANIZATIONAL_UNIT: 1, ACCOUNT: 2 } as const;

function sortKey(c: Change): string {
  switch (c.kind) {
    case 'imds.set':
      return [c.ouPath, c.accountName, c.accountId, c.region].join('\u0000');
    case 'attachment.add':
    case 'attachment.remove':
      return [c.policyName, TARGET_ORDER[c.target.type], c.target.label, c.target.id].join(
        '\u0000',
      );
    case 'policyType.enable':
      return [c.rootId, c.policyType].join('\u0000');
    case 'launchTemplate.update':
      return [c.ouPath, c.accountName, c.accountId, c.region, c.templateName, c.templateId].join(
        '\u0000',
      );
    case 'instance.metadata':
      return [c.ouPath, c.accountName, c.accountId, c.region, c.instanceId].join('\u0000');
    default:
      return c.policyName;
  }
}

function compareKeys(a: { rank: number; key: string; id: string }, b: typeof a): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function compareChanges(a: Change, b: Change): number {
  return compareKeys(
    { rank: KIND_ORDER.indexOf(a.kind), key: sortKey(a), id: a.id },
    { rank: KIND_ORDER.indexOf(b.kind), key: sortKey(b), id: b.id },
  );
}

/** Sorts with each key computed once (85,000 changes for 5,000 accounts × 17 regions). */
export function sortChanges<T extends Change>(changes: readonly T[]): T[] {
  return changes
    .map((c) => ({ c, rank: KIND_ORDER.indexOf(c.kind), key: sortKey(c), id: c.id }))
    .sort(compareKeys)
    .map((x) => x.c);
}
