import type { ImdsDefaults } from '../../core/model/types.js';
import type { DeclarativeImds, SbAccount, World } from './world.js';

export const DECLARATIVE_TYPE = 'DECLARATIVE_POLICY_EC2';
export const DEFAULT_DENIAL_MESSAGE =
  'This action is denied due to an organizational policy in effect';

type Field = keyof ImdsDefaults;
/** Policy attribute names (AWS declarative syntax) → IMDS default fields. */
const ATTRIBUTES: Record<string, Field> = {
  http_tokens: 'httpTokens',
  http_put_response_hop_limit: 'httpPutResponseHopLimit',
  http_endpoint: 'httpEndpoint',
  instance_metadata_tags: 'instanceMetadataTags',
  http_tokens_enforced: 'httpTokensEnforced',
  http_tokens_enforcement: 'httpTokensEnforced',
};

function assigned(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && '@@assign' in value) {
    return (value as Record<string, unknown>)['@@assign'];
  }
  return value;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Reads `ec2_attributes.instance_metadata_defaults` of an EC2 declarative policy (already
 * validated as a JSON object). Undefined when the policy does not manage IMDS defaults.
 */
export function parseDeclarativeImds(doc: Record<string, unknown>): DeclarativeImds | undefined {
  const ec2 = record(doc.ec2_attributes);
  const imds = record(ec2?.instance_metadata_defaults);
  if (!ec2 || !imds) return undefined;
  const defaults: Record<string, unknown> = {};
  const cleared: Field[] = [];
  for (const [attribute, field] of Object.entries(ATTRIBUTES)) {
    if (!(attribute in imds)) continue;
    const raw = assigned(imds[attribute]);
    if (raw === 'no_preference' || raw === 'no-preference' || raw === -1 || raw === '-1') {
      cleared.push(field);
    } else if (field === 'httpPutResponseHopLimit') {
      const hop = Number(raw);
      if (Number.isInteger(hop) && hop >= 1 && hop <= 64) defaults[field] = hop;
    } else if (typeof raw === 'string') {
      defaults[field] = raw;
    }
  }
  const message = assigned(imds.exception_message ?? ec2.exception_message);
  const result: DeclarativeImds = { defaults: defaults as ImdsDefaults, cleared };
  if (typeof message === 'string' && message.length > 0) result.exceptionMessage = message;
  return result;
}

const cache = new WeakMap<
  World,
  { version: number; byAccount: Map<string, DeclarativeImds | null> }
>();

/**
 * The IMDS defaults an EC2 declarative policy imposes on an account (root → OUs → account,
 * closer assignments win), or undefined when none applies or the type is not enabled.
 */
export function effectiveDeclarativeImds(
  world: World,
  account: SbAccount,
): DeclarativeImds | undefined {
  if (world.policyTypes.get(DECLARATIVE_TYPE) !== 'ENABLED') return undefined;
  let entry = cache.get(world);
  if (!entry || entry.version !== world.version) {
    entry = { version: world.version, byAccount: new Map() };
    cache.set(world, entry);
  }
  const hit = entry.byAccount.get(account.id);
  if (hit !== undefined) return hit ?? undefined;
  const computed = compute(world, account);
  entry.byAccount.set(account.id, computed ?? null);
  return computed;
}

function compute(world: World, account: SbAccount): DeclarativeImds | undefined {
  let result: DeclarativeImds | undefined;
  for (const target of world.pathTo(account.id)) {
    for (const policyId of world.attachedTo(target)) {
      const policy = world.policies.get(policyId);
      if (policy?.type !== DECLARATIVE_TYPE || !policy.declarative) continue;
      const merged: Record<string, unknown> = { ...(result?.defaults ?? {}) };
      for (const field of policy.declarative.cleared) delete merged[field];
      Object.assign(merged, policy.declarative.defaults);
      const next: DeclarativeImds = {
        defaults: merged as ImdsDefaults,
        cleared: [...(result?.cleared ?? []), ...policy.declarative.cleared],
      };
      const message = policy.declarative.exceptionMessage ?? result?.exceptionMessage;
      if (message !== undefined) next.exceptionMessage = message;
      result = next;
    }
  }
  return result;
}
