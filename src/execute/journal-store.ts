/**
 * The apply journal: append-only JSON lines in the reports directory. Before every mutation an
 * `intent` (change + before-image) is written AND fsync'd; after it a `done` (read-back
 * after-image) or `failed` record. A crash (even kill -9) therefore leaves, for every write that
 * may have reached AWS, an intent on disk — resume re-reads those targets instead of guessing.
 *
 * Concurrent appends are group-committed: lines queued while a write+fsync is in progress go
 * out together in the next one, so 32 parallel changes cost one fsync per batch, not 32.
 * Never write credentials here: records hold ids, names, policy documents and IMDS values only.
 */

import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournaledChange, TargetImage } from '../core/journal/types.js';
import type { Change } from '../core/plan/types.js';
import type { HeldAccount } from '../core/reach/reach.js';
import { UsageError } from '../errors.js';
import { CHAIN_START, sealLine, verifyLine } from './journal-chain.js';

/** 2: every line carries its chained hash (src/execute/journal-chain.ts). */
export const JOURNAL_VERSION = 2;

export interface JournalHeader {
  type: 'header';
  version: typeof JOURNAL_VERSION;
  command: 'apply' | 'rollback';
  startedAt: string;
  toolVersion: string;
  planHash: string;
  configHash: string;
  observedHash: string;
  caller: { accountId: string; arn: string };
  organizationId: string;
  managementAccountId: string;
  /** The config file and scope flags of the run, so `--resume` continues the same run. */
  configFile?: string;
  overrides: { accounts?: string[]; ous?: string[]; regions?: string[] };
  /** An apply of a remediation plan (`plan --remediate`): resume plans the remediation again. */
  remediation?: { lookbackDays: number };
  /** For a rollback journal: the apply journal it undoes. */
  rollbackOf?: string;
  /** The run's decisions, so `--resume` continues the same run and `rollback` can show them. */
  decisions?: JournalDecisions;
}

export interface JournalDecisions {
  /** Accounts held out and why: resume keeps them held in every lane. */
  held?: HeldAccount[];
  /** The rollout waves chosen (absent = every wave). */
  waves?: string[];
  stage?: 1 | 2 | 3;
  strategy?: 'scp-and-defaults' | 'declarative-policy' | 'both';
  includeOrgChanges?: boolean;
  allowRelaxing?: boolean;
}

export type JournalRecord =
  | JournalHeader
  | { type: 'resume'; at: string; planHash: string; observedHash: string }
  | { type: 'intent'; at: string; changeId: string; change: Change; before: TargetImage }
  | { type: 'done'; at: string; changeId: string; after: TargetImage }
  | { type: 'failed'; at: string; changeId: string; code: string; message: string }
  | {
      type: 'finished';
      at: string;
      succeeded: number;
      failed: number;
      skipped: number;
      aborted: boolean;
    };

/** `journal-2026-11-26T10-30-00-123Z.jsonl`: sortable, no colons (Windows-safe). */
export function journalFileName(now: Date): string {
  return `journal-${now.toISOString().replace(/[:.]/g, '-')}.jsonl`;
}

interface Pending {
  line: string;
  sync: boolean;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class JournalWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    /** The hash of the last line queued: the next line chains to it. */
    private lastHash: string,
  ) {}

  /** Creates a new journal (fails if the file exists) and writes its header durably. */
  static async create(dir: string, header: JournalHeader, now: Date): Promise<JournalWriter> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, journalFileName(now));
    const writer = new JournalWriter(path, await open(path, 'wx'), CHAIN_START);
    await writer.append(header, { sync: true });
    return writer;
  }

  /**
   * Opens an existing journal to continue it (resume appends to the same file). Its chain is
   * checked first, and a last line cut by a crash is cut off: appending after it would glue the
   * next record onto it and leave the journal corrupt mid-file. The cut line was never complete
   * on disk, so the write it announced never started (intents are fsync'd before the write).
   */
  static async openForAppend(path: string): Promise<JournalWriter> {
    const { text, lastHash } = await readChecked(path);
    const sealed = text.lastIndexOf('\n') + 1;
    if (sealed < Buffer.byteLength(text)) {
      await truncate(path, Buffer.byteLength(text.slice(0, sealed)));
    }
    return new JournalWriter(path, await open(path, 'a'), lastHash);
  }

  /** Resolves once the line is written (and on disk, when `sync`). */
  append(record: JournalRecord, options: { sync?: boolean } = {}): Promise<void> {
    if (this.closed) return Promise.reject(new UsageError(`Journal ${this.path} is closed.`));
    const { line, hash } = sealLine(JSON.stringify(record), this.lastHash);
    this.lastHash = hash;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({
        line: `${line}\n`,
        sync: options.sync === true,
        resolve,
        reject,
      });
      this.kick();
    });
  }

  private kick(): void {
    if (this.flushing || this.queue.length === 0) return;
    const batch = this.queue.splice(0);
    this.flushing = (async () => {
      try {
        await this.handle.write(batch.map((p) => p.line).join(''));
        if (batch.some((p) => p.sync)) await this.handle.datasync();
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      } finally {
        this.flushing = undefined;
        this.kick();
      }
    })();
  }

  async close(): Promise<void> {
    while (this.flushing || this.queue.length > 0) {
      this.kick();
      await this.flushing;
    }
    if (this.closed) return;
    this.closed = true;
    await this.handle.sync();
    await this.handle.close();
  }
}

export interface JournalState {
  path: string;
  header: JournalHeader;
  /** Every change with an intent, in the order first intended. */
  changes: Map<string, JournaledChange>;
  /** A partial last line (the process died mid-write) was ignored. */
  truncatedTail: boolean;
  finished: boolean;
}

/** Rebuilds what happened: which changes are done, failed, or in flight (intent, no outcome). */
export async function readJournal(path: string): Promise<JournalState> {
  const { records, truncatedTail } = await readChecked(path);
  let finished = false;
  let sequence = 0;
  const changes = new Map<string, JournaledChange>();
  for (const record of records) {
    if (record.type === 'finished') finished = true;
    if (record.type === 'resume') finished = false;
    if (record.type === 'intent') {
      const existing = changes.get(record.changeId);
      if (existing) {
        existing.status = 'in-flight';
        existing.change = record.change;
        existing.error = undefined;
      } else {
        changes.set(record.changeId, {
          changeId: record.changeId,
          change: record.change,
          before: record.before,
          status: 'in-flight',
          sequence: sequence++,
        });
      }
    } else if (record.type === 'done' || record.type === 'failed') {
      const entry = changes.get(record.changeId);
      if (!entry) continue;
      if (record.type === 'done') {
        entry.status = 'done';
        entry.after = record.after;
        entry.error = undefined;
      } else {
        entry.status = 'failed';
        entry.error = { code: record.code, message: record.message };
      }
    }
  }
  const header = records[0] as JournalHeader;
  return { path, header, changes, truncatedTail, finished };
}

interface CheckedJournal {
  text: string;
  /** Every complete record, header first, each verified against the chain. */
  records: JournalRecord[];
  truncatedTail: boolean;
  /** The last complete record's hash (the next record chains to it). */
  lastHash: string;
}

/**
 * Reads the journal and walks its chain; the first line that is not valid JSON or does not
 * follow the line before it is a refusal naming the file and the line. Only an unterminated
 * last line (a crash mid-write) is ignored.
 */
async function readChecked(path: string): Promise<CheckedJournal> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read journal ${path}: ${(err as Error).message}`, {
      hint: 'Pass the journal-*.jsonl file the apply run printed (it is in the reports directory).',
    });
  }
  const lines = text.split('\n');
  // The piece after the last newline: empty for a cleanly ended file, else a line cut by a crash.
  const tail = lines.pop() ?? '';
  const records: JournalRecord[] = [];
  let lastHash = CHAIN_START;
  for (const [i, line] of lines.entries()) {
    let record: JournalRecord;
    try {
      record = JSON.parse(line) as JournalRecord;
    } catch {
      throw new UsageError(`Journal ${path} is corrupt at line ${i + 1} (not a JSON record).`, {
        hint: TAMPER_HINT,
      });
    }
    if (i === 0) checkHeader(path, record);
    const hash = verifyLine(line, lastHash);
    if (!hash) {
      throw new UsageError(
        `Journal ${path} fails its integrity check at line ${i + 1} (${describeRecord(record)}): it was edited, or records were removed, reordered or added after guardrails wrote it.`,
        { hint: TAMPER_HINT },
      );
    }
    lastHash = hash;
    records.push(record);
  }
  if (records.length === 0) checkHeader(path, undefined);
  return { text, records, truncatedTail: tail.length > 0, lastHash };
}

const TAMPER_HINT =
  'guardrails only resumes or rolls back a journal exactly as it wrote it. Restore the original file (a backup or CI artifact), or re-read the organization with `guardrails plan` and fix by hand.';

function checkHeader(path: string, record: JournalRecord | undefined): void {
  const header = record?.type === 'header' ? record : undefined;
  if (header && (header.version as number) === 1) {
    throw new UsageError(
      `${path} is a version 1 journal (written before journals carried an integrity chain); this guardrails reads only version ${JOURNAL_VERSION}.`,
      { hint: 'Resume or roll it back with the guardrails version that wrote it.' },
    );
  }
  if (!header || header.version !== JOURNAL_VERSION) {
    throw new UsageError(
      `${path} is not a guardrails journal (no version ${JOURNAL_VERSION} header).`,
    );
  }
}

function describeRecord(record: JournalRecord): string {
  const type = typeof record?.type === 'string' ? record.type : 'untyped';
  return 'changeId' in record && typeof record.changeId === 'string'
    ? `${type} record for ${record.changeId}`
    : `${type} record`;
}
