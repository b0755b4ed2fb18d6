import { invalidInput } from './services/organizations/input.js';
import type { JsonInput } from './services/types.js';

/** AWS's upper bound for MaxResults on Organizations list operations. */
const MAX_RESULTS = 20;

/**
 * One page of a list, Organizations style: `NextToken` is opaque (bound to the operation and
 * its parameters), `MaxResults` is honoured up to the sandbox page size.
 */
export function paginate<T>(
  items: readonly T[],
  input: JsonInput,
  scope: string,
  pageSize: number,
): { page: T[]; nextToken?: string } {
  const max = input.MaxResults;
  if (max !== undefined && max !== null) {
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) {
      throw invalidInput('MIN_VALUE_EXCEEDED', 'MaxResults must be 1 or more.');
    }
    if (max > MAX_RESULTS) {
      throw invalidInput('MAX_VALUE_EXCEEDED', `MaxResults must be ${MAX_RESULTS} or less.`);
    }
  }
  const size = Math.min(pageSize, typeof max === 'number' ? max : MAX_RESULTS);
  const token = input.NextToken;
  let offset = 0;
  if (token !== undefined && token !== null && token !== '') {
    offset = decodeToken(String(token), scope);
  }
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { page, nextToken: encodeToken(scope, next) } : { page };
}

function encodeToken(scope: string, offset: number): string {
  return Buffer.from(`${scope}|${offset}`).toString('base64url');
}

function decodeToken(token: string, scope: string): number {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const bar = text.lastIndexOf('|');
  const offset = Number(text.slice(bar + 1));
  if (bar < 0 || text.slice(0, bar) !== scope || !Number.isInteger(offset) || offset < 0) {
    throw invalidInput('INVALID_NEXT_TOKEN', 'The specified token is invalid.');
  }
  return offset;
}
