/** Target-by-target snapshots of a sandbox world (admin API), to compare before and after. */
import type { SandboxAdmin } from '../../src/sandbox/index.js';

export interface WorldSnapshot {
  /** `account/region` → the account's own defaults (JSON). */
  imds: Record<string, string>;
  /** policy name → content + sorted targets. */
  policies: Record<string, { content: string; targets: string[] }>;
}

export async function snapshotWorld(admin: SandboxAdmin): Promise<WorldSnapshot> {
  const imds: Record<string, string> = {};
  const accounts = await admin.accounts();
  await Promise.all(
    accounts.flatMap((account) =>
      account.enabledRegions.map(async (region) => {
        const read = await admin.getImds(account.id, region);
        imds[`${account.id}/${region}`] = JSON.stringify(read.account);
      }),
    ),
  );
  const policies: WorldSnapshot['policies'] = {};
  for (const p of await admin.policies()) {
    policies[p.name] = { content: p.content, targets: [...p.targets].sort() };
  }
  return { imds, policies };
}

/** The targets whose state differs between two snapshots (empty = identical). */
export function diffWorlds(a: WorldSnapshot, b: WorldSnapshot): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(a.imds), ...Object.keys(b.imds)])) {
    if (a.imds[key] !== b.imds[key]) out.push(`imds ${key}: ${a.imds[key]} → ${b.imds[key]}`);
  }
  for (const name of new Set([...Object.keys(a.policies), ...Object.keys(b.policies)])) {
    const x = JSON.stringify(a.policies[name]);
    const y = JSON.stringify(b.policies[name]);
    if (x !== y) out.push(`policy ${name}: ${x} → ${y}`);
  }
  return out.sort();
}
