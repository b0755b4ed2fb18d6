import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceManifest } from '../../src/core/evidence/chain.js';
import { evidenceManifestSchema } from '../../src/report/evidence-schema.js';
import { evidenceCheckSchema } from '../../src/report/permissions-schema.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runCliCaptured } from '../_helpers/run-cli.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';

let sb: SandboxHandle;
let cwd: string;
let bundle: string;
let verifyRun: { code: number; stderr: string };

function filesIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

const check = (...args: string[]) =>
  runCliCaptured(['evidence', 'check', bundle, ...args], { cwd });

/** Flips one byte of a file, runs `evidence check`, and puts the byte back. */
async function withByteFlipped(path: string, at: number) {
  const original = readFileSync(path);
  const copy = Buffer.from(original);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  writeFileSync(path, copy);
  try {
    return await check();
  } finally {
    writeFileSync(path, original);
  }
}

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
  // Its own directory: the shared tempDir() helper removes its directories after every test.
  cwd = mkdtempSync(join(tmpdir(), 'guardrails-evidence-'));
  // An apply first, so the reports directory holds a journal.
  const apply = await runAgainst(sb, cwd, [
    'apply',
    '--yes',
    '--allow-relaxing',
    '--regions',
    'us-east-1',
  ]);
  expect(apply.code, apply.stderr).toBe(0);
  bundle = join(cwd, 'evidence');
  verifyRun = await runAgainst(sb, cwd, ['verify', '--evidence', 'evidence', '--format', 'json']);
}, 120_000);

afterAll(async () => {
  await sb.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('verify --evidence and evidence check', { timeout: 60_000 }, () => {
  it('writes every report format, the journal, the rendered SCP and a chained manifest', () => {
    expect(verifyRun.stderr).toMatch(/Evidence: .*evidence \(8 files, chain head [0-9a-f]{64}\)/);
    const files = filesIn(bundle);
    expect(files).toEqual([
      expect.stringMatching(/^journals\/journal-.*\.jsonl$/),
      'manifest.json',
      'policies/scp.json',
      'reports/verify-report.csv',
      'reports/verify-report.html',
      'reports/verify-report.json',
      'reports/verify-report.junit.xml',
      'reports/verify-report.md',
      'reports/verify-report.txt',
    ]);
    const manifest = JSON.parse(
      readFileSync(join(bundle, 'manifest.json'), 'utf8'),
    ) as EvidenceManifest;
    expect(evidenceManifestSchema.parse(manifest)).toEqual(manifest);
    expect(manifest.records.map((r) => r.path)).toEqual(files.filter((f) => f !== 'manifest.json'));
    const journal = manifest.records[0];
    expect(journal?.size).toBe(statSync(join(bundle, journal?.path ?? '')).size);
    const scp = JSON.parse(readFileSync(join(bundle, 'policies/scp.json'), 'utf8'));
    expect(scp.Statement[0]).toMatchObject({ Sid: 'DenyIMDSv1', Effect: 'Deny' });
    // The json report in the bundle is the one verify printed
    expect(
      JSON.parse(readFileSync(join(bundle, 'reports/verify-report.json'), 'utf8')),
    ).toHaveProperty('results');
  });

  it('says an untouched bundle is intact (exit 0), also against the printed head', async () => {
    const head = /chain head ([0-9a-f]{64})/.exec(verifyRun.stderr)?.[1] ?? '';
    const run = await check('--head', head);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Evidence intact: 8 files, chain head ${head}\n`);
  });

  it('detects one flipped byte in any file and names it (exit 2)', async () => {
    for (const path of filesIn(bundle).filter((f) => f !== 'manifest.json')) {
      const size = statSync(join(bundle, path)).size;
      for (const at of [0, Math.floor(size / 2), size - 1]) {
        const run = await withByteFlipped(join(bundle, path), at);
        expect(run.code, `${path} byte ${at}`).toBe(2);
        expect(run.stdout).toContain(`Evidence TAMPERED: file-altered (record`);
        expect(run.stdout).toContain(path);
      }
    }
    expect((await check()).code).toBe(0);
  });

  it('detects an edited manifest: a record, the header, the head, and a file added', async () => {
    const path = join(bundle, 'manifest.json');
    const original = readFileSync(path, 'utf8');
    const edit = async (change: (m: EvidenceManifest) => void) => {
      const m = JSON.parse(original) as EvidenceManifest;
      change(m);
      writeFileSync(path, JSON.stringify(m, null, 2));
      try {
        return await check('--json');
      } finally {
        writeFileSync(path, original);
      }
    };
    const kind = (run: { stdout: string }) => {
      const out = evidenceCheckSchema.parse(JSON.parse(run.stdout));
      return out.ok ? 'intact' : out.problem.kind;
    };
    const record = await edit((m) => {
      const r = m.records[3];
      if (r) r.size += 1;
    });
    expect(record.code).toBe(2);
    expect(JSON.parse(record.stdout).problem).toMatchObject({ kind: 'record-altered', index: 3 });
    expect(kind(await edit((m) => (m.generatedAt = '2020-01-01T00:00:00.000Z')))).toBe(
      'chain-broken',
    );
    expect(kind(await edit((m) => (m.head = m.records[0]?.hash ?? '')))).toBe('head-mismatch');
    expect(kind(await edit((m) => m.records.pop()))).toBe('head-mismatch');

    const extra = join(bundle, 'reports', 'extra.txt');
    writeFileSync(extra, 'not evidence');
    const added = await check();
    rmSync(extra);
    expect(added.code).toBe(2);
    expect(added.stdout).toContain('reports/extra.txt is in the bundle but not in the manifest');
  });

  it('includes the EC2 declarative policy when the strategy uses one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guardrails-evidence-both-'));
    try {
      writeFileSync(join(dir, 'guardrails.config.json'), JSON.stringify({ strategy: 'both' }));
      const run = await runAgainst(sb, dir, [
        'verify',
        '--evidence',
        'ev',
        '--regions',
        'us-east-1',
      ]);
      expect(run.stderr).toContain('Evidence:');
      const files = filesIn(join(dir, 'ev'));
      const declarative = files.find((f) => f.endsWith('/declarative-policy.json'));
      expect(declarative).toBeDefined();
      const doc = JSON.parse(readFileSync(join(dir, 'ev', declarative ?? ''), 'utf8'));
      expect(JSON.stringify(doc)).toContain('instance_metadata_defaults');
      expect(files).toContain('policies/scp.json');
      expect((await runCliCaptured(['evidence', 'check', 'ev'], { cwd: dir })).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to write into a directory that already holds files', async () => {
    const run = await runAgainst(sb, cwd, ['verify', '--evidence', 'evidence']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is not empty');
  });
});
