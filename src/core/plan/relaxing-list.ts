/**
 * The relaxing changes of a plan, each naming the fields that relax: what the plan text, the
 * wave screen, the approval question and the refusal list. Always recomputed from the changes
 * themselves (a saved plan's `risk` is never trusted for this).
 */
import { labelOf } from './change-kinds.js';
import { describeRelaxedFields, type RelaxedField, relaxedFields } from './relaxing.js';
import type { Change } from './types.js';

export interface RelaxingChange {
  change: Change;
  fields: RelaxedField[];
}

export function relaxingChanges(changes: readonly Change[]): RelaxingChange[] {
  return changes.flatMap((change) => {
    const fields = relaxedFields(change);
    return fields.length > 0 ? [{ change, fields }] : [];
  });
}

/** `network (222222222203) us-east-1: httpPutResponseHopLimit 1 → 2`. */
export function describeRelaxingChange(r: RelaxingChange): string {
  return `${labelOf(r.change)}: ${describeRelaxedFields(r.fields)}`;
}

/** ` us-east-1, eu-west-1`, or ` in 17 regions` when the list would not fit one line. */
const regionsOf = (regions: readonly string[]) =>
  regions.length === 0
    ? ''
    : regions.length <= 3
      ? ` ${regions.join(', ')}`
      : ` in ${regions.length} regions`;

/**
 * One line per relaxing change, changes that relax the same fields the same way grouped
 * ("network (222222222203) in 17 regions: …" stays one line).
 */
export function describeRelaxingChanges(list: readonly RelaxingChange[], max = 10): string[] {
  const groups = new Map<string, { where: string; regions: string[]; fields: string }>();
  for (const r of list) {
    const fields = describeRelaxedFields(r.fields);
    const c = r.change;
    const where = c.kind === 'imds.set' ? `${c.accountName} (${c.accountId})` : labelOf(c);
    const key = `${where}\u0000${fields}`;
    const group = groups.get(key) ?? { where, regions: [], fields };
    if (c.kind === 'imds.set') group.regions.push(c.region);
    groups.set(key, group);
  }
  const lines = [...groups.values()].map((g) => `${g.where}${regionsOf(g.regions)}: ${g.fields}`);
  return lines.length > max ? [...lines.slice(0, max), `… and ${lines.length - max} more`] : lines;
}
