/**
 * Canonical JSON for policy documents: minified, keys in a fixed order (the IAM grammar's usual
 * order first, then alphabetical), so the same policy always renders to the same string and two
 * documents that differ only in whitespace or key order compare equal.
 */

const KEY_RANK = [
  'Version',
  'Id',
  'Statement',
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];

function compareKeys(a: string, b: string): number {
  const ra = KEY_RANK.indexOf(a);
  const rb = KEY_RANK.indexOf(b);
  if (ra !== -1 || rb !== -1) {
    if (ra === -1) return 1;
    if (rb === -1) return -1;
    return ra - rb;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareKeys)) {
      out[key] = sortKeys((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}

/** Canonical form of a policy text; text that is not JSON is compared as it is. */
export function canonicalPolicy(content: string): string {
  try {
    return canonicalJson(JSON.parse(content));
  } catch {
    return content;
  }
}

export function samePolicyContent(a: string, b: string): boolean {
  return a === b || canonicalPolicy(a) === canonicalPolicy(b);
}
