import { AwsError } from '../../errors.js';
import { el, wrap } from '../../protocol/xml.js';
import type { QueryInput } from '../types.js';
import { invalidValue } from './params.js';

/**
 * One page of an ec2 query list: `MaxResults` within the operation's bounds (AWS's limits),
 * else the sandbox page size; `NextToken` is opaque and bound to the operation and its filters.
 */
export function pageEc2<T>(
  items: readonly T[],
  params: QueryInput,
  scope: string,
  pageSize: number,
  bounds: { min: number; max: number },
): { page: T[]; nextToken?: string } {
  const raw = params.get('MaxResults');
  let size = pageSize;
  if (raw !== null) {
    const max = Number(raw);
    if (!Number.isInteger(max) || max < bounds.min || max > bounds.max) {
      throw invalidValue(
        `Value ( ${raw} ) for parameter maxResults is invalid. Expecting a value between ${bounds.min} and ${bounds.max}.`,
      );
    }
    size = Math.min(max, pageSize);
  }
  const token = params.get('NextToken');
  let offset = 0;
  if (token !== null && token !== '') offset = decode(token, scope);
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { page, nextToken: encode(scope, next) } : { page };
}

function encode(scope: string, offset: number): string {
  return Buffer.from(`${scope}|${offset}`).toString('base64url');
}

function decode(token: string, scope: string): number {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const bar = text.lastIndexOf('|');
  const offset = Number(text.slice(bar + 1));
  if (bar < 0 || text.slice(0, bar) !== scope || !Number.isInteger(offset) || offset < 0) {
    throw new AwsError('InvalidNextToken', 400, 'The specified token is invalid.');
  }
  return offset;
}

/** Matches an EC2 filter value: `*` any run of characters, `?` one character. */
export function globMatch(pattern: string, value: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === value;
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(value);
}

/** Whether a tag map passes `tag:<key>`, `tag-key` and `tag-value` filters. */
export function tagFilter(name: string, values: string[], tags: Record<string, string>): boolean {
  if (name.startsWith('tag:')) {
    const value = tags[name.slice(4)];
    return value !== undefined && values.some((v) => globMatch(v, value));
  }
  if (name === 'tag-key') return Object.keys(tags).some((k) => values.some((v) => globMatch(v, k)));
  return Object.values(tags).some((t) => values.some((v) => globMatch(v, t)));
}

export function isTagFilter(name: string): boolean {
  return name.startsWith('tag:') || name === 'tag-key' || name === 'tag-value';
}

/** `Prefix.N.Key` / `Prefix.N.Value` pairs (EC2 `Tag.N`). */
export function tagsParam(params: QueryInput, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; ; i++) {
    const key = params.get(`${prefix}.${i}.Key`);
    if (key === null) break;
    out[key] = params.get(`${prefix}.${i}.Value`) ?? '';
  }
  return out;
}

export function tagSetXml(tags: Record<string, string>): string {
  const items = Object.entries(tags)
    .map(([k, v]) => `<item>${el('key', k)}${el('value', v)}</item>`)
    .join('');
  return wrap('tagSet', items);
}

export function dryRun(): AwsError {
  return new AwsError(
    'DryRunOperation',
    412,
    'Request would have succeeded, but DryRun flag is set.',
  );
}

export function missing(name: string): AwsError {
  return new AwsError('MissingParameter', 400, `The request must contain the parameter ${name}`);
}
