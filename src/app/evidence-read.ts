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
/** The whole bundle is held in memory while checked: bound it, and the number of entries. */
const MAX_BUNDLE_BYTES = 2 * 1024 * 1024 * 1024;
const MAX_ENTRIES = 100_000;
const MAX_DEPTH = 16;

export type BundleRead = { files: EvidenceFile[] } | { problem: EvidenceProblem };

class Refused extends Error {
  constructor(readonly problem: EvidenceProblem) {
    super(problem.message);
  }
}

/** Every file under root (paths relative, `/`-separated, sorted walk order). */
export function readBundleFiles(root: string, maxBytes = MAX_EVIDENCE_FILE_BYTES): BundleRead {
  const walk = new BundleWalk(root, maxBytes);
  try {
    walk.directory(root, 0);
  } catch (err) {
    if (err instanceof Refused) return { problem: err.problem };
    throw err;
  }
  return { files: walk.files };
}

class BundleWalk {
  readonly files: EvidenceFile[] = [];
  #heldBytes = 0;

  constructor(
    private readonly root: string,
    private readonly maxFileBytes: number,
  ) {}

  directory(dir: string, depth: number): void {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const rel = relative(this.root, path).split(sep).join('/');
      if (this.files.length >= MAX_ENTRIES) refuse(rel, `is past ${MAX_ENTRIES} files`);
      const stats = lstatSync(path);
      if (stats.isDirectory()) {
        if (depth >= MAX_DEPTH) refuse(rel, `is nested deeper than ${MAX_DEPTH} directories`);
        this.directory(path, depth + 1);
      } else if (stats.isFile()) {
        const room = Math.min(this.maxFileBytes, MAX_BUNDLE_BYTES - this.#heldBytes);
        const bytes = readRegularFile(path, rel, room);
        this.#heldBytes += bytes.length;
        this.files.push({ path: rel, bytes });
      } else {
        refuse(
          rel,
          `is ${describeEntry(stats)}: a bundle holds only regular files and directories`,
        );
      }
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
