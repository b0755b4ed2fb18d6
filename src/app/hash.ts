/** Content hashes for plans and configs: sha256 of canonical JSON (keys sorted, undefined dropped). */
import { createHash } from 'node:crypto';
import { canonicalJsonChunks } from '../core/model/json-chunks.js';

/** Hashed in pieces: a 10,000-account plan never becomes one canonical string in memory. */
export function sha256Of(value: unknown): string {
  const hash = createHash('sha256');
  canonicalJsonChunks(value, (chunk) => hash.update(chunk));
  return `sha256:${hash.digest('hex')}`;
}
