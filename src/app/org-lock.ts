/**
 * One writer per organization: apply, rollback and the rollout's apply step hold a lock file in
 * the reports directory (`.guardrails-<organization>.lock`) naming the holder — pid, host, command
 * and start time. A second run is refused with who holds it; two runs at once would write every
 * target twice and leave two journals claiming the same changes.
 *
 * The file is created complete or not at all (written aside, then hard-linked into place, which
 * fails if the lock exists). A lock whose holder ran on this host and is no longer alive (killed,
 * crashed) is stale and taken over; a holder on another host cannot be checked, so it is named
 * and left for a person to remove.
 */
import { createHash } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

/** Exit 1 like every refusal; the message names the holder. */
export class LockHeldError extends UsageError {
  constructor(message: string, hint: string) {
    super(message, { hint });
  }
}

/** Organization ids are data from AWS: only a well-formed one becomes part of a file name. */
export function lockFileName(organizationId: string): string {
  const safe = /^o-[a-z0-9]{10,32}$/.test(organizationId)
    ? organizationId
    : createHash('sha256').update(organizationId).digest('hex').slice(0, 32);
  return `.guardrails-${safe}.lock`;
}

export interface OrgLockOptions {
  reportsDir: string;
  organizationId: string;
  command: string;
  now: () => Date;
  /** Whether a pid on this host is alive (tests inject). */
  isAlive?: (pid: number) => boolean;
}

export async function withOrgLock<T>(options: OrgLockOptions, run: () => Promise<T>): Promise<T> {
  const release = await acquireOrgLock(options);
  try {
    return await run();
  } finally {
    await release();
  }
}

export async function acquireOrgLock(options: OrgLockOptions): Promise<() => Promise<void>> {
  await mkdir(options.reportsDir, { recursive: true });
  const path = join(options.reportsDir, lockFileName(options.organizationId));
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: options.command,
    startedAt: options.now().toISOString(),
  };
  const aside = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(aside, `${JSON.stringify(me)}\n`, { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await link(aside, path);
        return () => release(path, me);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = await readHolder(path);
      if (holder && isStale(holder, options.isAlive ?? pidAlive)) {
        await unlink(path).catch(() => {});
        continue;
      }
      throw heldError(path, options.organizationId, holder);
    }
    throw heldError(path, options.organizationId, await readHolder(path));
  } finally {
    await unlink(aside).catch(() => {});
  }
}

async function release(path: string, me: LockHolder): Promise<void> {
  const holder = await readHolder(path);
  // Only our own lock: a stale-lock takeover by another run must not be undone by us.
  if (
    holder &&
    holder.pid === me.pid &&
    holder.host === me.host &&
    holder.startedAt === me.startedAt
  ) {
    await unlink(path).catch(() => {});
  }
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    const data = JSON.parse(await readFile(path, 'utf8')) as Partial<LockHolder>;
    if (typeof data.pid !== 'number' || typeof data.host !== 'string') return undefined;
    return {
      pid: data.pid,
      host: data.host,
      command: typeof data.command === 'string' ? data.command : 'guardrails',
      startedAt: typeof data.startedAt === 'string' ? data.startedAt : 'an unknown time',
    };
  } catch {
    return undefined;
  }
}

function isStale(holder: LockHolder, isAlive: (pid: number) => boolean): boolean {
  return holder.host === hostname() && !isAlive(holder.pid);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function heldError(
  path: string,
  organizationId: string,
  holder: LockHolder | undefined,
): LockHeldError {
  const who = holder
    ? `guardrails ${holder.command} (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})`
    : 'another guardrails run (its lock file is unreadable)';
  return new LockHeldError(
    `Organization ${organizationId} is locked by ${who}: one apply, rollback or rollout at a time.`,
    `Wait for it to finish. If it is certainly gone (another host, or the file is unreadable), delete ${path} and run again.`,
  );
}
