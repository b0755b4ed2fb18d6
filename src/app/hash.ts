/** Content hashes for plans and configs: sha256 of canonical JSON (keys sorted, undefined dropped). */
import { sha256OfCanonical } from '../observe/canonical-hash.js';

export function sha256Of(value: unknown): string {
  return sha256OfCanonical(value);
}
