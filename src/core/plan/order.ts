/** The stable order of changes: by kind (dependencies first), then by target. */
import type { Change, ChangeKind } from './types.js';

const KIND_ORDER: ChangeKind[] = [
  'policyType.enable',
  'policy.create',
  'policy.update',
  'attachment.add',
  'imds.set',
  'attachment.remove',
  'policy.delete',
];

const TARGET_ORDER = { ROOT: 0, ORGANIZATIONAL_UNIT: 1, ACCOUNT: 2 } as const;

function sortKey(c: Change): (string | number)[] {
  switch (c.kind) {
    case 'imds.set':
      return [c.ouPath, c.accountName, c.accountId, c.region];
    case 'attachment.add':
    case 'attachment.remove':
      return [c.policyName, TARGET_ORDER[c.target.type], c.target.label, c.target.id];
    case 'policyType.enable':
      return [c.rootId, c.policyType];
    default:
      return [c.policyName];
  }
}

export function compareChanges(a: Change, b: Change): number {
  const byKind = KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  if (byKind !== 0) return byKind;
  const ka = sortKey(a);
  const kb = sortKey(b);
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const x = ka[i] ?? '';
    const y = kb[i] ?? '';
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
