/**
 * Evidence bundles: `verify --evidence <dir>` writes the verify report in every format, the
 * journals, the rendered policies and a hash-chained manifest (src/core/evidence/chain.ts);
 * `evidence check <dir>` reads it all back and validates every file and the chain.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { DesiredState } from '../core/desired/types.js';
import {
  buildManifest,
  checkManifest,
  type EvidenceCheck,
  type EvidenceFile,
  type EvidenceManifest,
  MANIFEST_FILE,
} from '../core/evidence/chain.js';
import type { VerifyReport } from '../core/verify/types.js';
import { UsageError } from '../errors.js';
import { REPORT_FILE_EXTENSIONS, REPORT_FORMATS } from '../report/formats.js';
import { renderVerifyReport } from '../report/render-verify-report.js';
import { readBundleFiles } from './evidence-read.js';
import { writeReportFile } from './write-report-file.js';

export const sha256Hex = (data: Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');

export interface EvidenceInput {
  /** The bundle directory (created; must not hold files yet). */
  dir: string;
  report: VerifyReport;
  desired: DesiredState;
  /** Journal files to include (absolute or relative to cwd). */
  journals: string[];
  toolVersion: string;
  generatedAt: string;
}

export interface EvidenceWritten {
  dir: string;
  manifest: EvidenceManifest;
}

/** Journals an apply or rollback wrote into the reports directory, oldest first. */
export function findJournals(reportsDir: string): string[] {
  if (!existsSync(reportsDir)) return [];
  return readdirSync(reportsDir)
    .filter((name) => /^journal-.*\.jsonl$/.test(name))
    .sort()
    .map((name) => join(reportsDir, name));
}

/** Evidence is written once, into a new or empty directory: checked before the sweep. */
export function assertEvidenceDirUsable(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new UsageError(`The evidence directory ${dir} is not empty.`, {
      hint: 'Evidence is written once: pass a new directory to --evidence.',
    });
  }
}

export function writeEvidenceBundle(input: EvidenceInput): EvidenceWritten {
  const dir = resolve(input.dir);
  assertEvidenceDirUsable(dir);
  const encoder = new TextEncoder();
  const files: EvidenceFile[] = [];
  for (const format of REPORT_FORMATS) {
    const content = renderVerifyReport(input.report, format, { color: false });
    files.push({
      path: `reports/verify-report.${REPORT_FILE_EXTENSIONS[format]}`,
      bytes: encoder.encode(content),
    });
  }
  for (const journal of input.journals) {
    if (!existsSync(journal)) throw new UsageError(`No journal at ${journal}.`);
    files.push({ path: `journals/${basename(journal)}`, bytes: readFileSync(journal) });
  }
  const { scp, declarative } = input.desired;
  // Exactly the content CreatePolicy/UpdatePolicy sends, under fixed names: no path is ever
  // built from data (a policy name is config, but the bundle must not depend on its spelling).
  if (scp) files.push({ path: 'policies/scp.json', bytes: encoder.encode(scp.content) });
  if (declarative) {
    files.push({
      path: 'policies/declarative-policy.json',
      bytes: encoder.encode(declarative.content),
    });
  }
  for (const file of files) {
    const path = join(dir, ...file.path.split('/'));
    writeReportFile(path, file.bytes);
  }
  const manifest = buildManifest(
    files,
    { toolVersion: input.toolVersion, generatedAt: input.generatedAt },
    sha256Hex,
  );
  writeReportFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, manifest };
}

/** Reads the bundle back and validates it; throws UsageError when there is no such directory. */
export function checkEvidenceBundle(dir: string, expectedHead?: string): EvidenceCheck {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new UsageError(`No evidence bundle at ${root}.`);
  }
  const read = readBundleFiles(root);
  if ('problem' in read) return { ok: false, problem: read.problem };
  const manifestFile = read.files.find((file) => file.path === MANIFEST_FILE);
  const files = read.files.filter((file) => file !== manifestFile);
  let manifest: unknown;
  try {
    if (!manifestFile) throw new Error('missing');
    manifest = JSON.parse(new TextDecoder().decode(manifestFile.bytes));
  } catch {
    return {
      ok: false,
      problem: { kind: 'manifest-invalid', message: `${MANIFEST_FILE} is missing or not JSON` },
    };
  }
  return checkManifest(manifest, files, sha256Hex, expectedHead);
}
