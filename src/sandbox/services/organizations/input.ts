import { AwsError } from '../../errors.js';
import type { JsonInput } from '../types.js';

/** Organizations answers every modelled client error with HTTP 400 (aws-behaviour.md §0). */
export function orgError(
  code: string,
  message: string,
  extra: Record<string, string> = {},
): AwsError {
  return new AwsError(code, 400, message, extra);
}

/** Organizations' refusal of a policy document that does not fit its type. */
export function malformed(detail: string): never {
  throw orgError(
    'MalformedPolicyDocumentException',
    `The provided policy document doesn't meet the requirements of the specified policy type: ${detail}`,
  );
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function invalidInput(reason: string, message: string): AwsError {
  return orgError('InvalidInputException', message, { Reason: reason });
}

export const ID_PATTERNS = {
  root: /^r-[0-9a-z]{4,32}$/,
  ou: /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/,
  account: /^\d{12}$/,
  policy: /^p-[0-9a-zA-Z_]{8,128}$/,
};

export const POLICY_TYPES = [
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
  'TAG_POLICY',
  'BACKUP_POLICY',
  'AISERVICES_OPT_OUT_POLICY',
  'CHATBOT_POLICY',
  'DECLARATIVE_POLICY_EC2',
  'SECURITYHUB_POLICY',
  'INSPECTOR_POLICY',
  'UPGRADE_ROLLOUT_POLICY',
  'BEDROCK_POLICY',
  'S3_POLICY',
  'NETWORK_SECURITY_DIRECTOR_POLICY',
] as const;

/** A required string member; missing or empty → InvalidInputException INPUT_REQUIRED. */
export function requiredString(input: JsonInput, name: string): string {
  const value = input[name];
  if (value === undefined || value === null || value === '') {
    throw invalidInput('INPUT_REQUIRED', `You must specify a value for ${name}.`);
  }
  if (typeof value !== 'string') {
    throw invalidInput('INVALID_INPUT', `The value for ${name} must be a string.`);
  }
  return value;
}

export function optionalString(input: JsonInput, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw invalidInput('INVALID_INPUT', `The value for ${name} must be a string.`);
  }
  return value;
}

export function requiredEnum<T extends string>(
  input: JsonInput,
  name: string,
  allowed: readonly T[],
): T {
  const value = requiredString(input, name);
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidInput(
      name === 'PolicyType' || name === 'Filter' || name === 'Type'
        ? 'INVALID_ENUM_POLICY_TYPE'
        : 'INVALID_ENUM',
      `You specified an invalid value for ${name}: ${value}.`,
    );
  }
  return value as T;
}

export function requiredPolicyId(input: JsonInput): string {
  const id = requiredString(input, 'PolicyId');
  if (!ID_PATTERNS.policy.test(id)) {
    throw invalidInput('INVALID_SYNTAX_POLICY_ID', `You specified an invalid policy ID: ${id}.`);
  }
  return id;
}

export function requiredTargetId(input: JsonInput, name = 'TargetId'): string {
  const id = requiredString(input, name);
  if (!ID_PATTERNS.root.test(id) && !ID_PATTERNS.ou.test(id) && !ID_PATTERNS.account.test(id)) {
    throw invalidInput(
      'INVALID_PATTERN_TARGET_ID',
      `You specified a value for ${name} that does not match the required pattern: ${id}.`,
    );
  }
  return id;
}

export function requiredParentId(input: JsonInput, name = 'ParentId'): string {
  const id = requiredString(input, name);
  if (!ID_PATTERNS.root.test(id) && !ID_PATTERNS.ou.test(id)) {
    throw invalidInput(
      'INVALID_PATTERN',
      `You specified a value for ${name} that does not match the required pattern: ${id}.`,
    );
  }
  return id;
}
