/** The stable order of changes: by kind (dependencies first, see change-kinds.ts), then by target. */
import { kindOf } from './change-kinds.js';
import type { Change } from './types.js';

interface Keyed {
  rank: number;
  key: string;
  id: string;
}

function keyed(c: Change): Keyed {
  const info = kindOf(c);
  return { rank: info.order, key: info.sortKey(c), id: c.id };
}

function compareKeys(a: Keyed, b: Keyed): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function compareChanges(a: Change, b: Change): number {
  return compareKeys(keyed(a), keyed(b));
}

/** Sorts with each key computed once (85,000 changes for 5,000 accounts × 17 regions). */
export function sortChanges<T extends Change>(changes: readonly T[]): T[] {
  return changes
    .map((c) => ({ c, ...keyed(c) }))
    .sort(compareKeys)
    .map((x) => x.c);
}
