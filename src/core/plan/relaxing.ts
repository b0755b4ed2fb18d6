/**
 * What "relaxing" means, defined once: the fields of a change that loosen a protection, each with
 * its before → after. A change is relaxing exactly when this list is not empty; the plan marks
 * it, and applying it needs its own approval (a terminal question, or `--allow-relaxing`).
 * Relaxed: hop limit up or cleared, tokens required → optional, `HttpTokensEnforced` off, the
 * endpoint turned on, instance tags exposed through the metadata service, an SCP detached or
 * deleted, a statement removed, a Deny narrowed (an exemption condition added, actions or
 * resources dropped), an older launch template version made the default again, an instance
 * back to optional tokens. Like CDK's permissionsBroadened: when unsure, it relaxes.
 */
import { canonicalJson } from '../model/canonical-json.js';
import type { ImdsDefaults, ImdsField, ImdsSetting } from '../model/types.js';
import type { UnclassifiedChange } from './classify-risk.js';

/** One field that loosens, in words: `httpPutResponseHopLimit` `1` → `2`. */
export interface RelaxedField {
  field: string;
  before: string;
  after: string;
}

/** Protection rank of one field's value: higher = safer. */
export function imdsRank(field: ImdsField, value: ImdsSetting[ImdsField] | undefined): number {
  switch (field) {
    case 'httpTokens':
      return value === 'required' ? 1 : 0;
    case 'httpTokensEnforced':
      return value === 'enabled' ? 1 : 0;
    case 'httpEndpoint':
      return value === 'disabled' ? 1 : 0;
    case 'httpPutResponseHopLimit':
      // Fewer hops = tokens reach less; no preference lets launches pick any limit.
      return typeof value === 'number' && value > 0 ? -value : -65;
    case 'instanceMetadataTags':
      // Tags in the metadata service expose more to whatever reaches it (off unless asked for).
      return value === 'enabled' ? 0 : 1;
  }
}

const shown = (value: unknown): string =>
  value === undefined || value === 'no-preference' || value === -1 ? '(unset)' : String(value);

export function imdsRelaxedFields(before: ImdsDefaults, after: ImdsSetting): RelaxedField[] {
  const relaxed: RelaxedField[] = [];
  for (const field of Object.keys(after) as ImdsField[]) {
    if (imdsRank(field, after[field]) < imdsRank(field, before[field])) {
      relaxed.push({ field, before: shown(before[field]), after: shown(after[field]) });
    }
  }
  return relaxed;
}

type Statement = Record<string, unknown>;

function statementsOf(content: string): Map<string, Statement> | undefined {
  try {
    const doc = JSON.parse(content) as { Statement?: unknown };
    const list = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]).filter(
      (s): s is Statement => typeof s === 'object' && s !== null,
    );
    return new Map(list.map((s, i) => [typeof s.Sid === 'string' ? s.Sid : `#${i + 1}`, s]));
  } catch {
    return undefined;
  }
}

const listOf = (value: unknown): string[] =>
  value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => canonicalJson(v));
const covers = (wide: unknown, narrow: unknown) =>
  listOf(narrow).every((v) => listOf(wide).includes(v));
const short = (value: unknown) => (value === undefined ? '(none)' : canonicalJson(value));

/** The parts of one Deny statement that deny less after than before. */
function narrowedDeny(name: string, was: Statement, now: Statement): RelaxedField[] {
  const relaxed: RelaxedField[] = [];
  const field = (part: string, before: unknown, after: unknown) =>
    relaxed.push({
      field: `Statement ${name} ${part}`,
      before: short(before),
      after: short(after),
    });
  // A Deny covers less when Action/Resource lose entries or NotAction/NotResource gain some.
  for (const key of ['Action', 'Resource'])
    if (!covers(now[key], was[key])) field(key, was[key], now[key]);
  for (const key of ['NotAction', 'NotResource'])
    if (!covers(was[key], now[key])) field(key, was[key], now[key]);
  // Every condition must hold for the Deny to apply: a new or changed one can exempt callers.
  const before = (was.Condition ?? {}) as Record<string, Record<string, unknown>>;
  const after = (now.Condition ?? {}) as Record<string, Record<string, unknown>>;
  for (const [operator, keys] of Object.entries(after)) {
    for (const [key, value] of Object.entries(keys ?? {})) {
      const old = before[operator]?.[key];
      if (old === undefined || canonicalJson(old) !== canonicalJson(value))
        field(`Condition ${operator} ${key}`, old, value);
    }
  }
  for (const key of Object.keys({ ...was, ...now })) {
    if (['Sid', 'Action', 'Resource', 'NotAction', 'NotResource', 'Condition'].includes(key))
      continue;
    if (canonicalJson(was[key] ?? null) !== canonicalJson(now[key] ?? null))
      field(key, was[key], now[key]);
  }
  return relaxed;
}

/** Statements removed, or changed so that they protect less; added statements only restrict. */
export function policyRelaxedFields(before: string, after: string): RelaxedField[] {
  const was = statementsOf(before);
  const now = statementsOf(after);
  if (!was || !now) return [{ field: 'content', before: 'policy', after: 'unreadable policy' }];
  const relaxed: RelaxedField[] = [];
  for (const [name, statement] of was) {
    const next = now.get(name);
    if (!next) {
      relaxed.push({ field: `Statement ${name}`, before: 'present', after: 'removed' });
    } else if (canonicalJson(statement) !== canonicalJson(next)) {
      if (statement.Effect === 'Deny' && next.Effect === 'Deny')
        relaxed.push(...narrowedDeny(name, statement, next));
      else
        relaxed.push({ field: `Statement ${name}`, before: short(statement), after: short(next) });
    }
  }
  return relaxed;
}

/** The fields of a change that loosen a protection (empty: the change does not relax). */
export function relaxedFields(change: UnclassifiedChange): RelaxedField[] {
  switch (change.kind) {
    case 'imds.set':
      return imdsRelaxedFields(change.before, change.after);
    case 'policy.update':
      return policyRelaxedFields(change.before.content, change.after.content);
    case 'policy.swap':
      // The accounts the canary reached lose its content: relaxing if that was stricter.
      return [
        ...policyRelaxedFields(change.before.content, change.after.content),
        ...(change.canaryContent === undefined
          ? []
          : policyRelaxedFields(change.canaryContent, change.after.content).map((f) => ({
              ...f,
              field: `${change.canaryName} ${f.field}`,
            }))),
      ];
    case 'policy.delete':
      return [{ field: `policy ${change.policyName}`, before: 'exists', after: 'deleted' }];
    case 'attachment.remove':
      return [
        {
          field: `attachment of ${change.policyName}`,
          before: change.target.label,
          after: 'detached',
        },
      ];
    case 'launchTemplate.update':
      // Making an older version the default again (rollback) brings IMDSv1 back.
      return 'defaultVersion' in change.after
        ? [
            {
              field: 'defaultVersion',
              before: String(change.before.defaultVersion),
              after: String(change.after.defaultVersion),
            },
          ]
        : [];
    case 'instance.metadata':
      return change.after.httpTokens === 'required'
        ? []
        : [
            {
              field: 'httpTokens',
              before: change.before.httpTokens,
              after: change.after.httpTokens,
            },
          ];
    case 'policyType.enable':
    case 'policy.create':
    case 'attachment.add':
      return [];
  }
}

/** `httpPutResponseHopLimit 1 → 2; httpTokensEnforced enabled → disabled`. */
export function describeRelaxedFields(fields: readonly RelaxedField[]): string {
  return fields.map((f) => `${f.field} ${f.before} → ${f.after}`).join('; ');
}
