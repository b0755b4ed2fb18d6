/** The stable order of changes: by kind (dependencies first, see change-kinds.ts), then by target. */
import { kindOf } from './change-kinds.js';
import type { Change } from './types.js';

export interface OrderKey {
  rank: number;
  key: string;
  id: string;
}

/** Where a change sorts in a plan (computed once per change). */
export function orderKey(c: Change): OrderKey {
  const info = kindOf(c);
  return { rank: info.order, key: info.sortKey(c), id: c.id };
}

export function compareOrderKeys(a: OrderKey, b: OrderKey): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function compareChanges(a: Change, b: Change): number {
  return compareOrderKeys(orderKey(a), orderKey(b));
}

/** Sorts with each key computed once (85,000 changes for 5,000 accounts × 17 regions). */
export function sortChanges<T extends Change>(changes: readonly T[]): T[] {
  return changes
    .map((c) => ({ c, ...orderKey(c) }))
    .sort(compareOrderKeys)
    .map((x) => x.c);
}
