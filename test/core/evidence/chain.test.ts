import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildManifest,
  chainStart,
  checkManifest,
  type EvidenceFile,
} from '../../../src/core/evidence/chain.js';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const enc = new TextEncoder();
const file = (path: string, text: string): EvidenceFile => ({ path, bytes: enc.encode(text) });
const meta = { toolVersion: '1.0.0', generatedAt: '2026-11-26T00:00:00.000Z' };

function bundle() {
  const files = [
    file('reports/b.json', '{"b":1}'),
    file('journals/a.jsonl', 'x\n'),
    file('policies/p.json', '{}'),
  ];
  return { files, manifest: buildManifest(files, meta, sha256) };
}

describe('evidence chain', () => {
  it('lists files by path, chains each record to the previous one and ends with the head', () => {
    const { manifest } = bundle();
    expect(manifest.records.map((r) => r.path)).toEqual([
      'journals/a.jsonl',
      'policies/p.json',
      'reports/b.json',
    ]);
    expect(manifest.records[0]?.prev).toBe(chainStart(meta, sha256));
    expect(manifest.records[1]?.prev).toBe(manifest.records[0]?.hash);
    expect(manifest.records[0]).toMatchObject({ size: 2, sha256: sha256(enc.encode('x\n')) });
    expect(manifest.head).toBe(manifest.records[2]?.hash);
  });

  it('accepts an intact bundle, also against the expected head', () => {
    const { files, manifest } = bundle();
    expect(checkManifest(manifest, files, sha256, manifest.head)).toEqual({
      ok: true,
      files: 3,
      head: manifest.head,
    });
  });

  it('names the file whose bytes changed', () => {
    const { files, manifest } = bundle();
    const tampered = files.map((f) => (f.path === 'policies/p.json' ? file(f.path, '{ }') : f));
    expect(checkManifest(manifest, tampered, sha256)).toMatchObject({
      ok: false,
      problem: { kind: 'file-altered', index: 1, path: 'policies/p.json' },
    });
  });

  it('names a record edited to match a tampered file', () => {
    const { files, manifest } = bundle();
    const tampered = files.map((f) => (f.path === 'policies/p.json' ? file(f.path, '[]') : f));
    const edited = structuredClone(manifest);
    const record = edited.records[1];
    if (record) record.sha256 = sha256(enc.encode('[]'));
    expect(checkManifest(edited, tampered, sha256)).toMatchObject({
      ok: false,
      problem: { kind: 'record-altered', index: 1 },
    });
  });

  it('detects a removed record, a missing file, an unlisted file and a rewritten head', () => {
    const { files, manifest } = bundle();
    const cut = { ...manifest, records: manifest.records.filter((r) => r.index !== 0) };
    expect(checkManifest(cut, files, sha256)).toMatchObject({
      ok: false,
      problem: { kind: 'chain-broken', index: 0, path: 'policies/p.json' },
    });
    expect(checkManifest(manifest, files.slice(1), sha256)).toMatchObject({
      ok: false,
      problem: { kind: 'file-missing', path: 'reports/b.json' },
    });
    expect(checkManifest(manifest, [...files, file('extra.txt', '')], sha256)).toMatchObject({
      ok: false,
      problem: { kind: 'file-unlisted', path: 'extra.txt' },
    });
    expect(checkManifest({ ...manifest, head: '0'.repeat(64) }, files, sha256)).toMatchObject({
      ok: false,
      problem: { kind: 'head-mismatch' },
    });
    // A bundle rewritten as a whole chains fine, but not to the head recorded elsewhere.
    const rewritten = buildManifest([...files, file('extra.txt', '')], meta, sha256);
    expect(
      checkManifest(rewritten, [...files, file('extra.txt', '')], sha256, manifest.head),
    ).toMatchObject({ ok: false, problem: { kind: 'head-unexpected' } });
  });

  it('detects an edited manifest header', () => {
    const { files, manifest } = bundle();
    expect(
      checkManifest({ ...manifest, generatedAt: '2027-01-01T00:00:00.000Z' }, files, sha256),
    ).toMatchObject({ ok: false, problem: { kind: 'chain-broken', index: 0 } });
  });

  it('detects records swapped with their chain links kept', () => {
    const { files, manifest } = bundle();
    const [a, b, c] = manifest.records;
    if (!a || !b || !c) throw new Error('fixture');
    const swapped = { ...manifest, records: [a, { ...c, index: 1 }, { ...b, index: 2 }] };
    expect(checkManifest(swapped, files, sha256)).toMatchObject({
      ok: false,
      problem: { kind: 'chain-broken', index: 1 },
    });
  });
});
