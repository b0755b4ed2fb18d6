/**
 * Rollout waves: each change goes to the wave its target belongs to — an account's IMDS change to
 * the first wave naming the account, else the first whose OUs hold it (subtree), else the first
 * `rest` wave; attachments follow their target (Root → the last wave); policy and policy-type
 * changes go with their first dependent change so nothing runs before what it needs.
 */
import type { ResolvedConfig } from '../../config/schema.js';
import { isUnderPath, requireAccount, requireOu } from '../desired/org-lookup.js';
import type { OrgAccount, OrgTree } from '../model/types.js';
import { accountOf as accountRefOf, ouPathOf } from './change-kinds.js';
import type { Change } from './types.js';

export type WaveConfig = ResolvedConfig['rollout']['waves'][number];

export interface PlannedWave {
  name: string;
  changes: Change[];
}

export interface UnplacedAccount {
  accountId: string;
  accountName: string;
  changes: number;
}

export interface WaveAssignment {
  waves: PlannedWave[];
  /** Accounts with changes that no wave takes (no `rest` wave); their changes are left out. */
  unplaced: UnplacedAccount[];
}

interface ResolvedWave {
  accounts: Set<string>;
  ouPaths: string[];
  rest: boolean;
}

export function assignWaves(
  changes: readonly Change[],
  waves: readonly WaveConfig[],
  org: OrgTree,
): WaveAssignment {
  const resolved = waves.map((w, i) => resolveWave(org, w, i));
  const accounts = new Map(org.accounts.map((a) => [a.id, a]));
  const index = new Map<string, number | undefined>();
  for (const c of changes) {
    // Changes with a target (an account, an OU, the root) go with it; the rest follow dependents.
    if (accountRefOf(c) || ouPathOf(c) !== undefined) {
      index.set(c.id, targetWave(c, resolved, accounts));
    }
  }
  placeByDependents(changes, index);
  const out: PlannedWave[] = waves.map((w) => ({ name: w.name, changes: [] }));
  const unplaced = new Map<string, UnplacedAccount>();
  for (const c of changes) {
    const i = index.get(c.id);
    if (i !== undefined) {
      out[i]?.changes.push(c);
      continue;
    }
    const account = accountOf(c, accounts);
    const entry = unplaced.get(account?.id ?? '') ?? {
      accountId: account?.id ?? '',
      accountName: account?.name ?? '',
      changes: 0,
    };
    entry.changes += 1;
    unplaced.set(entry.accountId, entry);
  }
  return { waves: out, unplaced: [...unplaced.values()] };
}

function resolveWave(org: OrgTree, wave: WaveConfig, i: number): ResolvedWave {
  const where = `rollout.waves[${i}]`;
  return {
    accounts: new Set(
      wave.accounts.map((s, j) => requireAccount(org, s, { config: `${where}.accounts[${j}]` }).id),
    ),
    ouPaths: wave.ous.map((s, j) => requireOu(org, s, { config: `${where}.ous[${j}]` }).path),
    rest: wave.rest,
  };
}

function accountOf(c: Change, accounts: Map<string, OrgAccount>): OrgAccount | undefined {
  const ref = accountRefOf(c);
  return ref ? accounts.get(ref.accountId) : undefined;
}

function targetWave(
  c: Change,
  waves: ResolvedWave[],
  accounts: Map<string, OrgAccount>,
): number | undefined {
  const rest = waves.findIndex((w) => w.rest);
  const orRest = (i: number) => (i >= 0 ? i : rest >= 0 ? rest : undefined);
  const ref = accountRefOf(c);
  if (!ref) {
    // An OU or the root (an attachment): the root reaches every wave, so it goes last.
    const path = ouPathOf(c);
    if (path === 'Root') return waves.length - 1;
    if (path === undefined) return orRest(-1);
    return orRest(
      waves.findIndex((w) =>
        w.ouPaths.some((p) => path === p || path.startsWith(`${p}/`) || p === 'Root'),
      ),
    );
  }
  const account = accounts.get(ref.accountId);
  if (!account) return orRest(-1);
  const explicit = waves.findIndex((w) => w.accounts.has(account.id));
  if (explicit >= 0) return explicit;
  return orRest(waves.findIndex((w) => w.ouPaths.some((p) => isUnderPath(account, p))));
}

/** Policy and policy-type changes run in the wave of their earliest dependent, else the first. */
function placeByDependents(
  changes: readonly Change[],
  index: Map<string, number | undefined>,
): void {
  const pending = changes.filter((c) => !index.has(c.id));
  // Dependencies point from attachments to policies to the policy type: two passes settle them.
  for (let pass = 0; pass < 3; pass++) {
    for (const c of pending) {
      const dependents = changes
        .filter((d) => d.dependsOn.includes(c.id))
        .map((d) => index.get(d.id))
        .filter((i): i is number => i !== undefined);
      index.set(c.id, dependents.length ? Math.min(...dependents) : 0);
    }
  }
}
