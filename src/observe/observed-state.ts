/**
 * The observed snapshot's content hash: sha256 of a canonical JSON (object keys sorted, array
 * order kept — observe/ already sorts its lists), so a saved plan can tell the world moved.
 */
import { createHash } from 'node:crypto';
import { canonicalJsonChunks } from '../core/model/json-chunks.js';
import type { ObservedState } from '../core/model/types.js';

export type { ObservedState } from '../core/model/types.js';

/** `sha256:<hex>` of the canonical JSON of the snapshot. */
export function hashObservedState(state: ObservedState): string {
  const hash = createHash('sha256');
  canonicalJsonChunks(state, (chunk) => hash.update(chunk));
  return `sha256:${hash.digest('hex')}`;
}
