/**
 * JSON written in chunks instead of one string: at 10,000 accounts × 17 regions the observed
 * state and the plan are tens of MB of JSON, and building that string (plus, for the canonical
 * form, a sorted copy of every object) was the peak of the tool's memory. Both writers produce
 * exactly the bytes of their one-string counterparts, so hashes and saved plans do not change:
 * - `canonicalJsonChunks` = `canonicalJson` (keys alphabetical, `undefined` members dropped);
 * - `prettyJsonChunks` = `JSON.stringify(value, null, 2)` for plain data (no `toJSON`).
 */

import { canonicalJson } from './canonical-json.js';

const CHUNK = 64 * 1024;

type Emit = (text: string) => void;

/** Calls `write` with consecutive pieces (≈64 KB) of `canonicalJson(value)`. */
export function canonicalJsonChunks(value: unknown, write: (chunk: string) => void): void {
  const out = buffered(write);
  canonical(value, 0, out.emit);
  out.flush();
}

/** Calls `write` with consecutive pieces (≈64 KB) of `JSON.stringify(value, null, 2)`. */
export function prettyJsonChunks(value: unknown, write: (chunk: string) => void): void {
  const out = buffered(write);
  pretty(value, '', 0, out.emit);
  out.flush();
}

function buffered(write: (chunk: string) => void): { emit: Emit; flush: () => void } {
  let buffer = '';
  return {
    emit: (text) => {
      buffer += text;
      if (buffer.length >= CHUNK) {
        write(buffer);
        buffer = '';
      }
    },
    flush: () => {
      if (buffer.length > 0) write(buffer);
      buffer = '';
    },
  };
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/**
 * Below this depth a value is one small record (an account, a change): it is written by the
 * one-string function, which is native and fast; only the long lists above it are walked here.
 */
const WALK_DEPTH = 2;

const alphabetical = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function canonical(value: unknown, depth: number, emit: Emit): void {
  if (value === null || typeof value !== 'object' || depth >= WALK_DEPTH) {
    // A lone undefined or function is no text at all, as in canonicalJson.
    const text = canonicalJson(value) as string | undefined;
    if (text !== undefined) emit(text);
    return;
  }
  if (Array.isArray(value)) {
    emit('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) emit(',');
      const item: unknown = value[i];
      if (omitted(item)) emit('null');
      else canonical(item, depth + 1, emit);
    }
    emit(']');
    return;
  }
  emit('{');
  let first = true;
  // Re-keyed like canonicalJson does, so integer-like keys come first exactly as there.
  const record: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source).sort(alphabetical)) record[key] = source[key];
  for (const key of Object.keys(record)) {
    const member = record[key];
    if (omitted(member)) continue;
    emit(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
    first = false;
    canonical(member, depth + 1, emit);
  }
  emit('}');
}

function pretty(value: unknown, indent: string, depth: number, emit: Emit): void {
  if (value === null || typeof value !== 'object' || depth >= WALK_DEPTH) {
    // JSON text has no raw newline inside a string, so re-indenting the lines is exact.
    const text = JSON.stringify(value, null, 2) as string | undefined;
    if (text !== undefined) emit(indent ? text.replaceAll('\n', `\n${indent}`) : text);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      emit('[]');
      return;
    }
    emit('[');
    for (let i = 0; i < value.length; i++) {
      emit(i > 0 ? `,\n${inner}` : `\n${inner}`);
      const item: unknown = value[i];
      if (omitted(item)) emit('null');
      else pretty(item, inner, depth + 1, emit);
    }
    emit(`\n${indent}]`);
    return;
  }
  const record = value as Record<string, unknown>;
  let first = true;
  for (const key of Object.keys(record)) {
    const member = record[key];
    if (omitted(member)) continue;
    emit(`${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `);
    first = false;
    pretty(member, inner, depth + 1, emit);
  }
  emit(first ? '{}' : `\n${indent}}`);
}
