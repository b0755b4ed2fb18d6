/** Content hashes for plans and configs: sha256 of canonical JSON (keys sorted, undefined dropped). */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/model/canonical-json.js';

export function sha256Of(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}
