/** Content hashes for plans and configs: sha256 of canonical JSON (keys sorted, undefined dropped). */
import { createHash } from 'node:crypto';

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

export function sha256Of(value: unknown): string {
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(sortKeys(value)))
    .digest('hex')}`;
}
