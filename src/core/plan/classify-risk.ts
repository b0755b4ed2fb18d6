/**
 * The risk rules the change-kind table (change-kinds.ts) applies: is a change relaxing (removes
 * protection: needs explicit approval), restricting (adds it) or neutral? What relaxes is
 * defined once, field by field, in relaxing.ts; this file only adds "restricting".
 */
import { canonicalJson } from '../model/canonical-json.js';
import type { ImdsDefaults, ImdsField, ImdsSetting } from '../model/types.js';
import { imdsRank, imdsRelaxedFields, policyRelaxedFields } from './relaxing.js';
import type { Change, Risk } from './types.js';

export type UnclassifiedChange = Change extends infer C
  ? C extends Change
    ? Omit<C, 'id' | 'risk' | 'dependsOn'>
    : never
  : never;

export function imdsRisk(before: ImdsDefaults, after: ImdsSetting): Risk {
  if (imdsRelaxedFields(before, after).length > 0) return 'relaxing';
  const raised = (Object.keys(after) as ImdsField[]).some(
    (field) => imdsRank(field, after[field]) > imdsRank(field, before[field]),
  );
  return raised ? 'restricting' : 'neutral';
}

/** Relaxing when a statement is removed or protects less; any other difference restricts. */
export function policyRisk(before: string, after: string): Risk {
  if (policyRelaxedFields(before, after).length > 0) return 'relaxing';
  return canonicalJson(statements(before)) === canonicalJson(statements(after))
    ? 'neutral'
    : 'restricting';
}

function statements(content: string): unknown {
  try {
    const doc = JSON.parse(content) as { Statement?: unknown };
    return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  } catch {
    return content;
  }
}
