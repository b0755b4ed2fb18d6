/**
 * The shape of an EC2 declarative policy (`DECLARATIVE_POLICY_EC2`), checked when it is created
 * or updated, as Organizations validates a policy against its type before storing it
 * (Organizations API, CreatePolicy / UpdatePolicy: `MalformedPolicyDocumentException` "The
 * provided policy document doesn't meet the requirements of the specified policy type";
 * "Declarative policy syntax and examples": the document starts with the fixed key
 * `ec2_attributes`, each attribute takes a value through `@@assign`).
 *
 * Modelled: the one top-level key; the attributes of `ec2_attributes` AWS lists; the five IMDS
 * attributes with their value types (enum strings, the hop limit 1–64 or -1 as a number or a
 * numeric string), `no_preference`; `exception_message` a string (also accepted inside
 * `instance_metadata_defaults`, where the sandbox has always read it — choice). Unknown attributes and wrong
 * value types → MalformedPolicyDocumentException. **Unconfirmed**: the exact message text and
 * whether AWS refuses an unknown value inside a known attribute at write time (the sandbox does);
 * the other services' attributes are accepted as objects without a deeper check (choice).
 */
import { isObject, malformed } from './input.js';

const EC2_ATTRIBUTES = new Set([
  'exception_message',
  'instance_metadata_defaults',
  'image_block_public_access',
  'allowed_images_settings',
  'serial_console_access',
  'snapshot_block_public_access',
  'vpc_block_public_access',
]);

const TOGGLE = ['enabled', 'disabled', 'no_preference'];
const IMDS_ENUMS: Record<string, string[]> = {
  http_tokens: ['required', 'optional', 'no_preference'],
  http_endpoint: TOGGLE,
  instance_metadata_tags: TOGGLE,
  http_tokens_enforced: TOGGLE,
  // The sandbox's earlier spelling, still accepted so stored demo policies stay valid (choice).
  http_tokens_enforcement: TOGGLE,
};
const HOP_LIMIT = 'http_put_response_hop_limit';
/** Keys an attribute object may carry besides its value (management policy syntax). */
const OPERATOR_KEYS = new Set(['@@assign', '@@operators_allowed_for_child_policies']);

/** The value an attribute assigns: `{"@@assign": v}` or a bare `v`. */
function assignedValue(name: string, raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  for (const key of Object.keys(raw)) {
    if (!OPERATOR_KEYS.has(key)) malformed(`unknown operator "${key}" in ${name}.`);
  }
  return raw['@@assign'];
}

function checkImds(imds: unknown): void {
  if (!isObject(imds)) malformed('instance_metadata_defaults must be an object.');
  for (const [name, raw] of Object.entries(imds)) {
    const value = assignedValue(name, raw);
    if (name === HOP_LIMIT) {
      const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
      if (value === 'no_preference') continue;
      if (typeof n !== 'number' || !Number.isInteger(n) || !(n === -1 || (n >= 1 && n <= 64))) {
        malformed(`${HOP_LIMIT} must be an integer from 1 to 64, -1 or "no_preference".`);
      }
      continue;
    }
    if (name === 'exception_message') {
      if (typeof value !== 'string') malformed('exception_message must be a string.');
      continue;
    }
    const allowed = IMDS_ENUMS[name];
    if (!allowed) malformed(`unknown attribute "${name}" in instance_metadata_defaults.`);
    if (typeof value !== 'string' || !allowed.includes(value)) {
      malformed(`${name} must be one of ${allowed.join(', ')}.`);
    }
  }
}

export function checkDeclarativeEc2(doc: Record<string, unknown>): void {
  for (const key of Object.keys(doc)) {
    if (key !== 'ec2_attributes') malformed(`unknown top-level key "${key}".`);
  }
  const ec2 = doc.ec2_attributes;
  if (!isObject(ec2)) malformed('ec2_attributes must be an object.');
  for (const [name, raw] of Object.entries(ec2)) {
    if (!EC2_ATTRIBUTES.has(name)) malformed(`unknown attribute "${name}" in ec2_attributes.`);
    if (name === 'exception_message') {
      if (typeof assignedValue(name, raw) !== 'string') {
        malformed('exception_message must be a string.');
      }
    } else if (name === 'instance_metadata_defaults') checkImds(raw);
    else if (!isObject(raw)) malformed(`${name} must be an object.`);
  }
}
