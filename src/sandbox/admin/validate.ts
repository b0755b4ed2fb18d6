/**
 * Input checks for the admin API: a bad value is a 400 naming the field and what it takes,
 * never a setting that silently breaks the sandbox (`throttleRate: "abc"` made every later
 * comparison false).
 */
import { type FaultSettings, THROTTLING_MODES } from '../options.js';

type Check = (value: unknown) => string | undefined;

const rate: Check = (v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1
    ? undefined
    : 'must be a number from 0 to 1';
const millis: Check = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 600_000
    ? undefined
    : 'must be a whole number of milliseconds from 0 to 600000';
const strings: Check = (v) =>
  Array.isArray(v) && v.every((s) => typeof s === 'string')
    ? undefined
    : 'must be an array of strings';

const FAULT_CHECKS: Record<keyof FaultSettings, Check> = {
  latencyMs: millis,
  jitterMs: millis,
  throttleRate: rate,
  failRate: rate,
  deniedAccounts: strings,
  throttling: (v) =>
    (THROTTLING_MODES as readonly unknown[]).includes(v)
      ? undefined
      : `must be one of ${THROTTLING_MODES.join(', ')}`,
  faultOperations: strings,
  credentialTtlSeconds: (v) =>
    v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 1)
      ? undefined
      : 'must be null or a whole number of seconds of 1 or more',
  principalDenies: (v) =>
    Array.isArray(v) &&
    v.every(
      (d: unknown) =>
        d !== null &&
        typeof d === 'object' &&
        typeof (d as Record<string, unknown>).accountId === 'string' &&
        ['identity-policy', 'permissions-boundary'].includes(
          String((d as Record<string, unknown>).kind),
        ) &&
        typeof (d as Record<string, unknown>).action === 'string',
    )
      ? undefined
      : 'must be an array of {accountId, kind: identity-policy|permissions-boundary, action}',
};

export const FAULT_KEYS = Object.keys(FAULT_CHECKS) as (keyof FaultSettings)[];

/** The patch, checked: a problem message for the first bad field, else the typed patch. */
export function checkFaultPatch(
  patch: Record<string, unknown>,
): { problem: string } | { patch: Partial<FaultSettings> } {
  for (const [name, value] of Object.entries(patch)) {
    const check = FAULT_CHECKS[name as keyof FaultSettings];
    if (!check) {
      return { problem: `Unknown fault setting ${name}; known: ${FAULT_KEYS.join(', ')}.` };
    }
    const problem = check(value);
    if (problem) return { problem: `${name} ${problem} (got ${JSON.stringify(value)}).` };
  }
  return { patch: patch as Partial<FaultSettings> };
}

/** Roles for `PUT accounts/{id}`: [{name, externalId?, maxSessionDuration?}]. */
export function checkRoles(value: unknown): string | undefined {
  const ok =
    Array.isArray(value) &&
    value.every((role: unknown) => {
      if (role === null || typeof role !== 'object') return false;
      const r = role as Record<string, unknown>;
      return (
        typeof r.name === 'string' &&
        r.name.length > 0 &&
        (r.externalId === undefined || typeof r.externalId === 'string') &&
        (r.maxSessionDuration === undefined ||
          (typeof r.maxSessionDuration === 'number' &&
            Number.isInteger(r.maxSessionDuration) &&
            r.maxSessionDuration >= 900 &&
            r.maxSessionDuration <= 43_200))
      );
    });
  return ok
    ? undefined
    : 'roles must be an array of {name, externalId?, maxSessionDuration? (900-43200)}';
}

/** A name set through the admin API: any string (hostile names are a test case), bounded. */
export function checkName(value: unknown): string | undefined {
  return typeof value === 'string' && value.length >= 1 && value.length <= 256
    ? undefined
    : 'name must be a string of 1 to 256 characters';
}
