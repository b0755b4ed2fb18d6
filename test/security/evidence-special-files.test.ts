/**
 * Issue 18 point 7: `evidence check` hung on a FIFO, read /dev/zero through a link without bound
 * and called a dangling link or a link loop an "unexpected failure". Only regular files inside the
 * bundle are read, with a size bound; anything else is a tampered verdict naming the entry.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEvidenceBundle } from '../../src/app/evidence.js';
import { readBundleFiles } from '../../src/app/evidence-read.js';
import type { DesiredState } from '../../src/core/desired/types.js';
import { smallVerifyReport } from '../_fixtures/verify-reports.js';
import { runCliCaptured } from '../_helpers/run-cli.js';

let root: string;
let n = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'guardrails-special-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function bundle(): string {
  const dir = join(root, `b${n++}`);
  writeEvidenceBundle({
    dir,
    report: smallVerifyReport(),
    desired: {
      imds: { httpTokens: 'required' },
      includeManagementAccount: false,
      scp: { name: 'DenyIMDSv1', content: '{}' },
    } as unknown as DesiredState,
    journals: [],
    toolVersion: 'test',
    generatedAt: '2026-12-05T00:00:00.000Z',
  });
  return dir;
}

async function check(dir: string) {
  const run = await runCliCaptured(['evidence', 'check', dir, '--json']);
  return { code: run.code, result: JSON.parse(run.stdout), stderr: run.stderr };
}

describe('evidence check on special files', () => {
  it('an intact bundle still passes', async () => {
    expect((await check(bundle())).code).toBe(0);
  });

  const plants: Array<[string, string, (path: string) => void]> = [
    ['a FIFO', 'FIFO', (p) => execFileSync('mkfifo', [p])],
    ['a link to /dev/zero', 'symbolic link', (p) => symlinkSync('/dev/zero', p)],
    ['a dangling link', 'symbolic link', (p) => symlinkSync(join(root, 'gone'), p)],
    ['a link loop', 'symbolic link', (p) => symlinkSync(p, p)],
    ['a link to a directory', 'symbolic link', (p) => symlinkSync('/', p)],
  ];
  for (const [label, named, plant] of plants) {
    it(`${label} in the bundle is a tampered verdict naming it (no hang)`, async () => {
      const dir = bundle();
      plant(join(dir, 'reports', 'extra.json'));
      const { code, result } = await check(dir);
      expect(code).toBe(2);
      expect(result.problem.kind).toBe('entry-not-regular');
      expect(result.problem.path).toBe('reports/extra.json');
      expect(result.problem.message).toContain(named);
    });
  }

  it('a manifest replaced by a link is tampered too, not followed', async () => {
    const dir = bundle();
    rmSync(join(dir, 'manifest.json'));
    symlinkSync('/dev/zero', join(dir, 'manifest.json'));
    const { code, result } = await check(dir);
    expect(code).toBe(2);
    expect(result.problem).toMatchObject({ kind: 'entry-not-regular', path: 'manifest.json' });
  });

  it('a file over the size bound is refused before it is read', () => {
    const dir = bundle();
    writeFileSync(join(dir, 'reports', 'big.txt'), Buffer.alloc(4_000_001));
    const read = readBundleFiles(dir, 4_000_000);
    expect('problem' in read && read.problem).toMatchObject({
      kind: 'file-too-large',
      path: 'reports/big.txt',
    });
  });

  it('directories nested past the bound are refused', () => {
    const dir = bundle();
    const deep = join(dir, ...Array.from({ length: 20 }, () => 'd'));
    mkdirSync(deep, { recursive: true });
    const read = readBundleFiles(dir);
    expect('problem' in read && read.problem.kind).toBe('entry-not-regular');
  });
});
