/**
 * The risk rules the change-kind table (change-kinds.ts) applies: is a change relaxing (removes
 * protection: needs explicit approval), restricting (adds it) or neutral? Like CDK's
 * permissionsBroadened: when unsure, call it relaxing.
 */
import { canonicalJson } from '../model/canonical-json.js';
import type { ImdsDefaults, ImdsField, ImdsSetting } from '../model/types.js';
import type { Change, Risk } from './types.js';

export type UnclassifiedChange = Change extends infer C
  ? C extends Change
    ? Omit<C, 'id' | 'risk' | 'dependsOn'>
    : never
  : never;

/** Protection rank of one field's value: higher = safer; undefined = no opinion. */
function rank(field: ImdsField, value: ImdsSetting[ImdsField] | undefined): number | undefined {
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
      return undefined;
  }
}

export function imdsRisk(before: ImdsDefaults, after: ImdsSetting): Risk {
  let restricting = false;
  for (const field of Object.keys(after) as ImdsField[]) {
    const from = rank(field, before[field]);
    const to = rank(field, after[field]);
    if (from === undefined || to === undefined || from === to) continue;
    if (to < from) return 'relaxing';
    restricting = true;
  }
  return restricting ? 'restricting' : 'neutral';
}

/** A statement removed or changed could relax; statements only added restrict. */
export function policyRisk(before: string, after: string): Risk {
  const was = statements(before);
  const now = statements(after);
  if (was === undefined || now === undefined) return 'relaxing';
  if (was.some((s) => !now.includes(s))) return 'relaxing';
  return now.some((s) => !was.includes(s)) ? 'restricting' : 'neutral';
}

function statements(content: string): string[] | undefined {
  try {
    const doc = JSON.parse(content) as { Statement?: unknown };
    const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    return list.filter((s) => s !== undefined).map((s) => canonicalJson(s));
  } catch {
    return undefined;
  }
}
