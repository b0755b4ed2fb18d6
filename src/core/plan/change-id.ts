/**
 * Deterministic change ids: a pure 64-bit FNV-1a (two 32-bit lanes, no node:crypto) of the
 * change's kind and target, so the same plan always carries the same ids. 64 bits keep
 * collisions out of reach for 5,000 accounts × 30 regions; buildPlan still checks.
 */

function fnv1a32(text: string, basis: number): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function stableHash(text: string): string {
  const a = fnv1a32(text, 0x811c9dc5);
  const b = fnv1a32(`${text}\u0000`, 0x050c5d1f);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** The identity of a change: kind + what it touches (never its values). */
export function changeKey(
  change:
    | { kind: 'policyType.enable'; rootId: string; policyType: string }
    | {
        kind: 'policy.create' | 'policy.update' | 'policy.swap' | 'policy.delete';
        policyName: string;
      }
    | { kind: 'attachment.add' | 'attachment.remove'; policyName: string; target: { id: string } }
    | { kind: 'imds.set'; accountId: string; region: string }
    | { kind: 'launchTemplate.update'; accountId: string; region: string; templateId: string }
    | { kind: 'instance.metadata'; accountId: string; region: string; instanceId: string },
): string {
  switch (change.kind) {
    case 'policyType.enable':
      return `${change.kind}:${change.rootId}:${change.policyType}`;
    case 'policy.create':
    case 'policy.update':
    case 'policy.swap':
    case 'policy.delete':
      return `${change.kind}:${change.policyName}`;
    case 'attachment.add':
    case 'attachment.remove':
      return `${change.kind}:${change.policyName}:${change.target.id}`;
    case 'imds.set':
      return `${change.kind}:${change.accountId}:${change.region}`;
    case 'launchTemplate.update':
      return `${change.kind}:${change.accountId}:${change.region}:${change.templateId}`;
    case 'instance.metadata':
      return `${change.kind}:${change.accountId}:${change.region}:${change.instanceId}`;
  }
}

export function changeId(key: string): string {
  return `c-${stableHash(key)}`;
}
