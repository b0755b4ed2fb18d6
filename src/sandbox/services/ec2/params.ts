import { AwsError } from '../../errors.js';
import type { QueryInput } from '../types.js';

export function invalidValue(message: string): AwsError {
  return new AwsError('InvalidParameterValue', 400, message);
}

/** `true`/`false` as the ec2 query protocol sends booleans. */
export function boolParam(params: QueryInput, name: string): boolean | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw invalidValue(
    `Value (${raw}) for parameter ${name} is invalid. Expected: 'true' or 'false'.`,
  );
}

/** A flattened list: `Name.1=a&Name.2=b` (ec2 query lists have no `.member`). */
export function listParam(params: QueryInput, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; ; i++) {
    const value = params.get(`${name}.${i}`);
    if (value === null) break;
    out.push(value);
  }
  return out;
}

export interface Filter {
  name: string;
  values: string[];
}

/** `Filter.N.Name` + `Filter.N.Value.M`. */
export function filtersParam(params: QueryInput): Filter[] {
  const out: Filter[] = [];
  for (let i = 1; ; i++) {
    const name = params.get(`Filter.${i}.Name`);
    if (name === null) break;
    out.push({ name, values: listParam(params, `Filter.${i}.Value`) });
  }
  return out;
}

export function enumParam<T extends string>(
  params: QueryInput,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw invalidValue(
      `Value (${raw}) for parameter ${name} is invalid. Valid values: ${allowed.join(', ')}.`,
    );
  }
  return raw as T;
}
