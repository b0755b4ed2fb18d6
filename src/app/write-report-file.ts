/**
 * The one way the tool writes a report, saved plan or evidence file: into a temporary file beside
 * the destination (created exclusively, so a planted link there is never followed), then renamed
 * over the destination (a rename replaces the name, never what a link points to). A destination
 * that is a symbolic link is refused outright: a link named like a report would otherwise get its
 * target overwritten, and a reader could be fooled into trusting a file the tool never wrote.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';

/** Content written piece by piece (a 10,000-account plan is never one string in memory). */
export type ChunkedContent = (write: (chunk: string) => void) => void;

export function writeReportFile(path: string, content: string | Uint8Array | ChunkedContent): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  refuseUnsafeDestination(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    if (typeof content === 'function') writeChunks(temp, content);
    else writeFileSync(temp, content, { flag: 'wx' });
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

function writeChunks(temp: string, content: ChunkedContent): void {
  const fd = openSync(temp, 'wx');
  try {
    content((chunk) => {
      writeSync(fd, chunk);
    });
  } finally {
    closeSync(fd);
  }
}

/** Checks a destination before long work (a sweep), so a link is refused before, not after it. */
export function assertReportDestination(path: string): void {
  refuseUnsafeDestination(path);
}

function refuseUnsafeDestination(path: string): void {
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(path);
  } catch {
    return; // nothing there yet
  }
  if (stats.isSymbolicLink()) {
    throw new UsageError(
      `Refusing to write ${path}: it is a symbolic link (to ${readlinkSync(path)}).`,
      { hint: 'Reports are never written through links: remove the link or choose another path.' },
    );
  }
  if (!stats.isFile()) {
    throw new UsageError(`Refusing to write ${path}: it exists and is not a regular file.`, {
      hint: 'Choose another path (--out names a file, --out-dir a directory).',
    });
  }
}
