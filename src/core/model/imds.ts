/** IMDS defaults arithmetic shared by the plan, the inverse changes and the simulator. */
import { IMDS_FIELDS, type ImdsDefaults, type ImdsField, type ImdsSetting } from './types.js';

/** The defaults as they read back after `setting` is applied (clear values read as unset). */
export function applyImdsSetting(before: ImdsDefaults, setting: ImdsSetting): ImdsDefaults {
  const out: Record<string, unknown> = { ...before };
  for (const field of IMDS_FIELDS) {
    const value = setting[field];
    if (value === undefined) continue;
    if (value === 'no-preference' || value === -1) delete out[field];
    else out[field] = value;
  }
  return out as ImdsDefaults;
}

/** The value that clears a field in ModifyInstanceMetadataDefaults. */
export function clearValue(field: ImdsField): 'no-preference' | -1 {
  return field === 'httpPutResponseHopLimit' ? -1 : 'no-preference';
}

/** A setting that puts `fields` back to `before` (unset fields are cleared). */
export function restoreSetting(before: ImdsDefaults, fields: readonly ImdsField[]): ImdsSetting {
  const out: Record<string, unknown> = {};
  for (const field of fields) out[field] = before[field] ?? clearValue(field);
  return out as ImdsSetting;
}

export function sameImds(a: ImdsDefaults, b: ImdsDefaults): boolean {
  return IMDS_FIELDS.every((field) => a[field] === b[field]);
}
