/** Field-by-field comparison of IMDS defaults, shared by verify and the plan. */
import { IMDS_FIELDS, type ImdsDefaults } from '../model/types.js';
import type { FieldDiff } from './types.js';

/** Fields the desired state manages whose observed value differs (unset counts as different). */
export function imdsDiffs(desired: ImdsDefaults, observed: ImdsDefaults): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  for (const field of IMDS_FIELDS) {
    const expected = desired[field];
    if (expected === undefined) continue;
    const actual = observed[field];
    if (actual !== expected) diffs.push({ field, expected, actual });
  }
  return diffs;
}

export const FIELD_LABELS: Record<FieldDiff['field'], string> = {
  httpTokens: 'HttpTokens',
  httpPutResponseHopLimit: 'HttpPutResponseHopLimit',
  httpEndpoint: 'HttpEndpoint',
  instanceMetadataTags: 'InstanceMetadataTags',
  httpTokensEnforced: 'HttpTokensEnforced',
};

/** `HttpTokens is optional (want required); HttpPutResponseHopLimit is not set (want 2)`. */
export function describeDiffs(diffs: readonly FieldDiff[]): string {
  return diffs
    .map(
      (d) =>
        `${FIELD_LABELS[d.field]} is ${d.actual === undefined ? 'not set' : d.actual} (want ${d.expected})`,
    )
    .join('; ');
}
