/**
 * sha256 of the canonical JSON of a value (object keys sorted, undefined members dropped, array
 * order kept), fed to the hash in small chunks: byte for byte the hash of
 * `JSON.stringify(sortKeys(value))`, without the sorted deep copy and the one large string —
 * at 10,000 accounts × 17 regions those were tens of MB each, for the observation and the plan.
 */
import { createHash, type Hash } from 'node:crypto';

const CHUNK = 64 * 1024;

class ChunkedWriter {
  private buffer = '';
  constructor(private readonly hash: Hash) {}
  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= CHUNK) this.flush();
  }
  flush(): void {
    if (this.buffer) this.hash.update(this.buffer);
    this.buffer = '';
  }
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** Integer-like keys, which a JS object always lists first, in numeric order. */
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d*)$/.test(key) && Number(key) <= 4_294_967_294;
}

/** The key order JSON.stringify gives the sorted copy: array indices first, then sorted. */
function orderedKeys(value: object): string[] {
  const keys = Object.keys(value).sort();
  if (!keys.some(isArrayIndex)) return keys;
  const indices = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...keys.filter((k) => !isArrayIndex(k))];
}

function write(out: ChunkedWriter, value: unknown): void {
  if (value === null || typeof value !== 'object') {
    out.write(omitted(value) ? 'null' : JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    out.write('[');
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) out.write(',');
      write(out, value[i]);
    }
    out.write(']');
    return;
  }
  out.write('{');
  let first = true;
  for (const key of orderedKeys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (omitted(v)) continue;
    out.write(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
    first = false;
    write(out, v);
  }
  out.write('}');
}

/** `sha256:<hex>` of the canonical JSON of `value`. */
export function sha256OfCanonical(value: unknown): string {
  const hash = createHash('sha256');
  const out = new ChunkedWriter(hash);
  write(out, value);
  out.flush();
  return `sha256:${hash.digest('hex')}`;
}
