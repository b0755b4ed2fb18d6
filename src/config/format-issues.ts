import type { z } from 'zod';
import type { ConfigIssue } from '../errors.js';

/** zod issues → `{ path: 'imdsDefaults.httpTokens', message: 'expected one of …, got "yes"' }`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], input: unknown): ConfigIssue[] {
  return issues.map((issue) => {
    const path = issue.path.length ? formatPath(issue.path) : '(top level)';
    const got = valueAt(input, issue.path);
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    } else if (got.found && issue.code !== 'custom') {
      message = `${message}, got ${describe(got.value)}`;
    }
    return { path, message };
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) =>
      typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

function valueAt(
  input: unknown,
  path: readonly PropertyKey[],
): { found: boolean; value?: unknown } {
  let current: unknown = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return { found: false };
    if (!(segment in (current as object))) return { found: false };
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return { found: true, value: current };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
