/**
 * IAM condition operators as AWS documents them ("IAM JSON policy elements: Condition
 * operators"), for the keys a launch request carries: several values in one operator match if
 * any matches (negated operators: if none matches), several keys and operators must all hold,
 * an absent key fails every operator except the negated ones, `…IfExists` and `Null`.
 * Operators outside this list answer `undefined` (the caller reports the launch as unknown).
 */

/** Condition values of a request, keys lower-cased (condition keys are case-insensitive). */
export type RequestContext = ReadonlyMap<string, string>;

type Matcher = (actual: string, expected: string) => boolean;

/** `*` and `?` wildcards (StringLike, ArnLike), matched case-sensitively. */
export function globMatch(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === value[v])) {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = v;
    } else if (star >= 0) {
      p = star + 1;
      v = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** ArnLike: the six colon-separated parts match one by one (a `*` does not cross a colon). */
function arnLike(actual: string, pattern: string): boolean {
  const a = actual.split(':');
  const p = pattern.split(':');
  if (a.length < 6 || p.length < 6) return false;
  const head = (parts: string[]) => [...parts.slice(0, 5), parts.slice(5).join(':')];
  const ah = head(a);
  return head(p).every((part, i) => globMatch(part, ah[i] ?? ''));
}

function numeric(compare: (a: number, b: number) => boolean): Matcher {
  return (actual, expected) => {
    const a = Number(actual);
    const b = Number(expected);
    return actual.trim() !== '' && Number.isFinite(a) && Number.isFinite(b) && compare(a, b);
  };
}

const POSITIVE: Record<string, Matcher> = {
  stringequals: (a, e) => a === e,
  stringequalsignorecase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  stringlike: (a, e) => globMatch(e, a),
  arnequals: (a, e) => a === e,
  arnlike: arnLike,
  numericequals: numeric((a, b) => a === b),
  numericlessthan: numeric((a, b) => a < b),
  numericlessthanequals: numeric((a, b) => a <= b),
  numericgreaterthan: numeric((a, b) => a > b),
  numericgreaterthanequals: numeric((a, b) => a >= b),
  bool: (a, e) => a.toLowerCase() === e.toLowerCase(),
};

const NEGATED: Record<string, string> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  arnnotequals: 'arnequals',
  arnnotlike: 'arnlike',
  numericnotequals: 'numericequals',
};

function values(raw: unknown): string[] | undefined {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.some((v) => typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean'))
    return undefined;
  return list.map((v) => String(v));
}

/**
 * One operator block (`{"StringNotEquals": {"ec2:MetadataHttpTokens": "required"}}`) against
 * the request: true, false, or undefined when the operator is not one this evaluator knows.
 */
export function evaluateOperator(
  operator: string,
  block: unknown,
  context: RequestContext,
): boolean | undefined {
  if (block === null || typeof block !== 'object' || Array.isArray(block)) return undefined;
  let op = operator.toLowerCase();
  if (op.includes(':')) return undefined; // ForAnyValue:/ForAllValues: — multi-valued keys only
  const ifExists = op.endsWith('ifexists');
  if (ifExists) op = op.slice(0, -'ifexists'.length);
  for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
    const expected = values(raw);
    if (!expected) return undefined;
    const actual = context.get(key.toLowerCase());
    let holds: boolean;
    if (op === 'null') {
      if (ifExists) return undefined;
      holds = expected.some((e) => (e.toLowerCase() === 'true') === (actual === undefined));
    } else if (actual === undefined) {
      if (!(op in POSITIVE) && !(op in NEGATED)) return undefined;
      holds = ifExists || op in NEGATED;
    } else if (op in NEGATED) {
      const match = POSITIVE[NEGATED[op] as string] as Matcher;
      holds = !expected.some((e) => match(actual, e));
    } else {
      const match = POSITIVE[op];
      if (!match) return undefined;
      holds = expected.some((e) => match(actual, e));
    }
    if (!holds) return false;
  }
  return true;
}

/** Keys a condition block names (lower-cased), to tell whether the request can answer them. */
export function conditionKeys(condition: unknown): string[] {
  if (condition === null || typeof condition !== 'object') return [];
  return Object.values(condition as Record<string, unknown>).flatMap((block) =>
    block !== null && typeof block === 'object'
      ? Object.keys(block).map((k) => k.toLowerCase())
      : [],
  );
}

/** Every literal a condition compares a key with (to enumerate values a template may hold). */
export function conditionLiterals(condition: unknown, key: string): string[] {
  if (condition === null || typeof condition !== 'object') return [];
  const out: string[] = [];
  for (const block of Object.values(condition as Record<string, unknown>)) {
    if (block === null || typeof block !== 'object') continue;
    for (const [k, raw] of Object.entries(block)) {
      if (k.toLowerCase() === key) out.push(...(values(raw) ?? []));
    }
  }
  return out;
}
