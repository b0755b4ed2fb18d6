/**
 * The observed snapshot's content hash: sha256 of a canonical JSON (object keys sorted, array
 * order kept — observe/ already sorts its lists), so a saved plan can tell the world moved.
 */
import type { ObservedState } from '../core/model/types.js';
import { sha256OfCanonical } from './canonical-hash.js';

export type { ObservedState } from '../core/model/types.js';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** `sha256:<hex>` of the canonical JSON of the snapshot (streamed into the hash). */
export function hashObservedState(state: ObservedState): string {
  return sha256OfCanonical(state);
}
