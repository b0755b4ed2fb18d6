/**
 * The two canonical JSON forms, each with one job:
 * - `canonicalJson`: minified, object keys alphabetical, `undefined` members dropped — for
 *   hashes (plan configHash/observedHash: keep it byte-stable) and value equality.
 * - `policyJson`: minified, keys in the IAM grammar's usual order (Version, Statement, Sid,
 *   Effect, …) then alphabetical — the policy text guardrails renders and sends to AWS, so the
 *   same policy always reads the same and diffs line up with the templates.
 * Two documents differing only in whitespace or key order compare equal under either.
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

const alphabetical = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareKeys(a: string, b: string): number {
  const ra = KEY_RANK.indexOf(a);
  const rb = KEY_RANK.indexOf(b);
  if (ra !== -1 || rb !== -1) {
    if (ra === -1) return 1;
    if (rb === -1) return -1;
    return ra - rb;
  }
  return alphabetical(a, b);
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value, alphabetical));
}

export function policyJson(value: unknown): string {
  return JSON.stringify(sortKeys(value, compareKeys));
}

function sortKeys(value: unknown, compare: (a: string, b: string) => number): unknown {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v, compare));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compare)) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v, compare);
    }
    return out;
  }
  return value;
}

/** Canonical form of a policy text; text that is not JSON is compared as it is. */
export function canonicalPolicy(content: string): string {
  try {
    return policyJson(JSON.parse(content));
  } catch {
    return content;
  }
}

/** Policy documents compare as JSON values, not strings (AWS may reformat whitespace). */
export function samePolicyContent(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a === b || canonicalPolicy(a) === canonicalPolicy(b);
}
