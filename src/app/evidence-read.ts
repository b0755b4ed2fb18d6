/**
 * Reads an evidence bundle for `evidence check` without trusting it: only regular files inside
 * the bundle are opened (never through a link: links are not followed, so no loop and no
 * /dev/zero), each up to a size bound, and directories only to a bounded depth. Anything else —
 * a FIFO (which would block a read forever), a device, a socket, a link (dangling or not) — is a
 * tampered verdict that names the entry, never a hang or an unbounded read.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  type Stats,
} from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { EvidenceFile, EvidenceProblem } from '../core/evidence/chain.js';

/** Larger than any report or journal of a 10,000-account organization; bounds memory per file. */
export const MAX_EVIDENCE_FILE_BYTES = 512 * 1024 * 1024;
const MAX_DEPTH = 16;

export type BundleRead = { files: EvidenceFile[] } | { problem: EvidenceProblem };

class Refused extends Error {
  constructor(readonly problem: EvidenceProblem) {
    super(problem.message);
  }
}

/** Every file under root (paths relative, `/`-separated, sorted walk order). */
export function readBundleFiles(root: string, maxBytes = MAX_EVIDENCE_FILE_BYTES): BundleRead {
  const files: EvidenceFile[] = [];
  try {
    walk(root, root, 0, maxBytes, files);
  } catch (err) {
    if (err instanceof Refused) return { problem: err.problem };
    throw err;
  }
  return { files };
}

function walk(root: string, dir: string, depth: number, maxBytes: number, out: EvidenceFile[]) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const rel = relative(root, path).split(sep).join('/');
    const stats = lstatSync(path);
    if (stats.isDirectory()) {
      if (depth >= MAX_DEPTH) refuse(rel, `is nested deeper than ${MAX_DEPTH} directories`);
      walk(root, path, depth + 1, maxBytes, out);
    } else if (stats.isFile()) {
      out.push({ path: rel, bytes: readRegularFile(path, rel, maxBytes) });
    } else {
      refuse(rel, `is ${describeEntry(stats)}: a bundle holds only regular files and directories`);
    }
  }
}

/** Opens without following a link and without blocking, then re-checks what was opened. */
export function readRegularFile(path: string, rel: string, maxBytes: number): Uint8Array {
  const fd = openSync(path, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) refuse(rel, `is ${describeEntry(stats)}: not a regular file`);
    if (stats.size > maxBytes) {
      throw new Refused({
        kind: 'file-too-large',
        path: rel,
        message: `${rel} is ${stats.size} bytes, over the ${maxBytes}-byte bound evidence check reads`,
      });
    }
    const bytes = Buffer.alloc(stats.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

// Absent on Windows (0 = no flag there); lstat has already ruled links out.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

function refuse(path: string, what: string): never {
  throw new Refused({ kind: 'entry-not-regular', path, message: `${path} ${what}` });
}

function describeEntry(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device file';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a directory';
  return 'not a regular file';
}
