/**
 * The evidence manifest: one record per file (path, size, SHA-256), each record's hash taken
 * over its fields and the previous record's hash, so editing, removing, reordering or adding a
 * file — or editing the manifest itself — breaks the chain at the first place it touched. Pure:
 * the SHA-256 function is injected (node:crypto in src/app/evidence.ts).
 */

export type Sha256 = (data: Uint8Array) => string;

/** Hash the first record chains to: it covers the manifest's own fields, so they cannot be edited either. */
export function chainStart(
  meta: { toolVersion: string; generatedAt: string },
  sha256: Sha256,
): string {
  const text = JSON.stringify([1, 'sha256', meta.toolVersion, meta.generatedAt]);
  return sha256(new TextEncoder().encode(text));
}
export const MANIFEST_FILE = 'manifest.json';

export interface EvidenceFile {
  /** Relative to the bundle, `/`-separated. */
  path: string;
  bytes: Uint8Array;
}

export interface ManifestRecord {
  index: number;
  path: string;
  size: number;
  sha256: string;
  /** The previous record's `hash` (for the first: chainStart of the manifest's fields). */
  prev: string;
  /** SHA-256 of `[index, path, size, sha256, prev]` as JSON. */
  hash: string;
}

export interface EvidenceManifest {
  schemaVersion: 1;
  algorithm: 'sha256';
  toolVersion: string;
  generatedAt: string;
  records: ManifestRecord[];
  /** The last record's hash: keep it somewhere else (a CI log) to detect a rewritten bundle. */
  head: string;
}

const encoder = new TextEncoder();

function recordHash(
  fields: Pick<ManifestRecord, 'index' | 'path' | 'size' | 'sha256' | 'prev'>,
  sha256: Sha256,
): string {
  const text = JSON.stringify([fields.index, fields.path, fields.size, fields.sha256, fields.prev]);
  return sha256(encoder.encode(text));
}

/** Files sorted by path, chained. */
export function buildManifest(
  files: readonly EvidenceFile[],
  meta: { toolVersion: string; generatedAt: string },
  sha256: Sha256,
): EvidenceManifest {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const records: ManifestRecord[] = [];
  let prev = chainStart(meta, sha256);
  for (const [index, file] of sorted.entries()) {
    const fields = {
      index,
      path: file.path,
      size: file.bytes.byteLength,
      sha256: sha256(file.bytes),
      prev,
    };
    const hash = recordHash(fields, sha256);
    records.push({ ...fields, hash });
    prev = hash;
  }
  return { schemaVersion: 1, algorithm: 'sha256', ...meta, records, head: prev };
}

export type EvidenceProblemKind =
  | 'manifest-invalid'
  | 'record-altered'
  | 'chain-broken'
  | 'file-missing'
  | 'file-altered'
  | 'head-mismatch'
  | 'file-unlisted'
  | 'head-unexpected'
  /** A link, FIFO, device, socket or over-deep directory in the bundle: never read. */
  | 'entry-not-regular'
  /** A file larger than the bound `evidence check` reads. */
  | 'file-too-large';

export interface EvidenceProblem {
  kind: EvidenceProblemKind;
  /** The manifest record concerned, when there is one. */
  index?: number;
  path?: string;
  message: string;
}

export type EvidenceCheck =
  | { ok: true; files: number; head: string }
  | { ok: false; problem: EvidenceProblem };

function isRecord(value: unknown): value is ManifestRecord {
  if (value === null || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.index === 'number' &&
    typeof r.path === 'string' &&
    typeof r.size === 'number' &&
    typeof r.sha256 === 'string' &&
    typeof r.prev === 'string' &&
    typeof r.hash === 'string'
  );
}

/**
 * Checks the manifest (parsed JSON) against the files found in the bundle (manifest excluded).
 * Walks the records in order and reports the first one that fails; then the head, files the
 * manifest does not list, and the head the caller expected (if any).
 */
export function checkManifest(
  manifest: unknown,
  files: readonly EvidenceFile[],
  sha256: Sha256,
  expectedHead?: string,
): EvidenceCheck {
  const fail = (problem: EvidenceProblem): EvidenceCheck => ({ ok: false, problem });
  const m = manifest as Partial<EvidenceManifest> | null;
  if (!m || typeof m !== 'object' || m.schemaVersion !== 1 || !Array.isArray(m.records)) {
    return fail({
      kind: 'manifest-invalid',
      message: `${MANIFEST_FILE} is not a guardrails evidence manifest`,
    });
  }
  if (typeof m.toolVersion !== 'string' || typeof m.generatedAt !== 'string') {
    return fail({
      kind: 'manifest-invalid',
      message: `${MANIFEST_FILE} lacks toolVersion or generatedAt`,
    });
  }
  const byPath = new Map(files.map((f) => [f.path, f]));
  let prev = chainStart({ toolVersion: m.toolVersion, generatedAt: m.generatedAt }, sha256);
  for (const [index, record] of m.records.entries()) {
    if (!isRecord(record)) {
      return fail({ kind: 'manifest-invalid', index, message: `record ${index} is malformed` });
    }
    const where = { index, path: record.path };
    if (record.prev !== prev || record.index !== index) {
      return fail({
        kind: 'chain-broken',
        ...where,
        message: `record ${index} (${record.path}) does not follow record ${index - 1}: the chain was cut, reordered or a record removed`,
      });
    }
    if (recordHash(record, sha256) !== record.hash) {
      return fail({
        kind: 'record-altered',
        ...where,
        message: `record ${index} (${record.path}) was edited: its hash does not match its fields`,
      });
    }
    const file = byPath.get(record.path);
    if (!file) {
      return fail({
        kind: 'file-missing',
        ...where,
        message: `${record.path} is listed but missing`,
      });
    }
    if (file.bytes.byteLength !== record.size || sha256(file.bytes) !== record.sha256) {
      return fail({
        kind: 'file-altered',
        ...where,
        message: `${record.path} was changed after the bundle was written (size or SHA-256 differs)`,
      });
    }
    prev = record.hash;
  }
  if (m.head !== prev) {
    return fail({
      kind: 'head-mismatch',
      message: `the manifest head ${String(m.head)} is not the last record's hash ${prev}`,
    });
  }
  const listed = new Set(m.records.map((r) => r.path));
  const extra = files
    .map((f) => f.path)
    .sort()
    .find((p) => !listed.has(p));
  if (extra !== undefined) {
    return fail({
      kind: 'file-unlisted',
      path: extra,
      message: `${extra} is in the bundle but not in the manifest`,
    });
  }
  if (expectedHead !== undefined && expectedHead !== prev) {
    return fail({
      kind: 'head-unexpected',
      message: `the chain head is ${prev}, not the expected ${expectedHead}: the bundle was rewritten`,
    });
  }
  return { ok: true, files: m.records.length, head: prev };
}
