/**
 * The journal's integrity chain: every line ends with `"hash":"<sha256>"`, taken over the
 * previous line's hash and this line's record text — like the evidence manifest
 * (src/core/evidence/chain.ts). Editing a record, or removing, reordering or injecting one,
 * breaks the chain at the first line it touched, so resume and rollback refuse the file there
 * instead of writing values the tool never recorded. Hashes are over the exact text written
 * (not a re-serialisation), so reading never depends on key order.
 */
import { createHash } from 'node:crypto';

/** The hash the header line chains to. */
export const CHAIN_START = 'guardrails-journal-2';

const HASH_SUFFIX = /,"hash":"([0-9a-f]{64})"\}$/;

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The record's JSON text with its chained hash appended as the last field. */
export function sealLine(recordJson: string, prev: string): { line: string; hash: string } {
  const hash = sha256Hex(`${prev}\n${recordJson}`);
  return { line: `${recordJson.slice(0, -1)},"hash":"${hash}"}`, hash };
}

/** The line's hash when it follows `prev`; undefined when the line was not written after `prev`. */
export function verifyLine(line: string, prev: string): string | undefined {
  const match = HASH_SUFFIX.exec(line);
  if (!match?.[1]) return undefined;
  const recordJson = `${line.slice(0, match.index)}}`;
  return sha256Hex(`${prev}\n${recordJson}`) === match[1] ? match[1] : undefined;
}
