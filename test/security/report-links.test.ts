/**
 * Issue 18 point 6: a symbolic link named like a report file got its target overwritten by
 * `--out`, `--out-dir` and `plan --out`. Every writer now goes through one helper that refuses a
 * link and replaces the destination by renaming a temporary file over it.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReportFile } from '../../src/app/write-report-file.js';
import { UsageError } from '../../src/errors.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';

let sb: SandboxHandle;
let root: string;
beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0, seed: 1 });
  root = mkdtempSync(join(tmpdir(), 'guardrails-links-'));
});
afterAll(async () => {
  await sb.close();
  rmSync(root, { recursive: true, force: true });
});

/** A directory holding a precious file and a link to it named `linkName`. */
function trap(name: string, linkName: string) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const precious = join(root, `${name}-precious.txt`);
  writeFileSync(precious, 'do not overwrite');
  symlinkSync(precious, join(dir, linkName));
  return { dir, precious, link: join(dir, linkName) };
}

describe('writeReportFile', () => {
  it('refuses a link (live or dangling) and leaves its target alone', () => {
    const { precious, link } = trap('unit', 'report.json');
    expect(() => writeReportFile(link, 'x')).toThrow(UsageError);
    expect(() => writeReportFile(link, 'x')).toThrow(/symbolic link/);
    expect(readFileSync(precious, 'utf8')).toBe('do not overwrite');
    const dangling = join(root, 'unit', 'dangling.json');
    symlinkSync(join(root, 'nowhere', 'x'), dangling);
    expect(() => writeReportFile(dangling, 'x')).toThrow(/symbolic link/);
    expect(readdirSync(root)).not.toContain('nowhere');
  });

  it('replaces a regular file and leaves no temporary file behind', () => {
    const dir = join(root, 'plain');
    mkdirSync(dir);
    writeReportFile(join(dir, 'r.txt'), 'one');
    writeReportFile(join(dir, 'r.txt'), 'two');
    expect(readFileSync(join(dir, 'r.txt'), 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['r.txt']);
  });

  it('refuses a directory where the file should go', () => {
    const dir = join(root, 'dir-in-the-way');
    mkdirSync(join(dir, 'r.txt'), { recursive: true });
    expect(() => writeReportFile(join(dir, 'r.txt'), 'x')).toThrow(/not a regular file/);
  });
});

describe('report writers refuse links (CLI against the sandbox)', () => {
  const cases: Array<[string, string, (dir: string) => string[]]> = [
    ['verify --out', 'verify.json', (d) => ['verify', '--out', join(d, 'verify.json')]],
    ['verify --out-dir', 'verify-report.csv', (d) => ['verify', '-f', 'csv,json', '--out-dir', d]],
    ['plan --out', 'plan.json', (d) => ['plan', '--out', join(d, 'plan.json')]],
    ['readiness --out', 'r.md', (d) => ['readiness', '--out', join(d, 'r.md')]],
    ['prove --out', 'p.txt', (d) => ['prove', '--out', join(d, 'p.txt')]],
  ];
  for (const [label, linkName, argv] of cases) {
    it(`${label} onto a link: exit 1, a clear error, the target untouched`, async () => {
      const { dir, precious } = trap(label.replace(/\W+/g, '-'), linkName);
      const run = await runAgainst(sb, root, [...argv(dir), '--regions', 'us-east-1']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Refusing to write');
      expect(run.stderr).toContain('symbolic link');
      expect(readFileSync(precious, 'utf8')).toBe('do not overwrite');
      // Refused before the work, not after it.
      expect(run.stderr).not.toMatch(/read \d+\/\d+ account × region targets/);
    });
  }

  it('verify --out over an existing report replaces it', async () => {
    const out = join(root, 'again.json');
    writeFileSync(out, 'old');
    const run = await runAgainst(sb, root, ['verify', '--out', out, '--regions', 'us-east-1']);
    expect(run.code).toBe(2);
    expect(JSON.parse(readFileSync(out, 'utf8')).counts.total).toBeGreaterThan(0);
  });
});
