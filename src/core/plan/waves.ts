/**
 * Rollout waves: each change goes to the wave its target belongs to — an account's IMDS change to
 * the first wave naming the account, else the first whose OUs hold it (subtree), else the first
 * `rest` wave. A change that reaches many accounts at once — an attachment to Root or an OU, an
 * update of a policy already attached — runs in the wave of the most sensitive (latest) account
 * it reaches, behind that wave's confirmation. Other policy and policy-type changes go with their
 * first dependent change so nothing runs before what it needs.
 */
import type { ResolvedConfig } from '../../config/schema.js';
import { isUnderPath, requireAccount, requireOu } from '../desired/org-lookup.js';
import type { OrgAccount, OrgTree } from '../model/types.js';
import { accountsReachedBy } from '../reach/reach.js';
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
  const accountWave = (id: string) => {
    const account = accounts.get(id);
    return account ? waveOfAccount(account, resolved) : undefined;
  };
  for (const c of changes) {
    // A plan detaches only a leftover SCP canary from where it may no longer reach (an account
    // now held): that pulls its reach back, so it runs first.
    if (c.kind === 'attachment.remove') {
      index.set(c.id, 0);
      continue;
    }
    // Changes with a target (an account, an OU, the root) go with it; the rest follow dependents.
    if (accountRefOf(c) || ouPathOf(c) !== undefined) {
      index.set(c.id, targetWave(c, resolved, accounts, org, accountWave));
    } else if (
      (c.kind === 'policy.update' || c.kind === 'policy.swap') &&
      c.attachedTo &&
      c.attachedTo.length > 0
    ) {
      index.set(c.id, latestWave(accountsReachedBy(org, c.attachedTo), waves.length, accountWave));
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

export function resolveWave(org: OrgTree, wave: WaveConfig, i: number): ResolvedWave {
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
  org: OrgTree,
  accountWave: (id: string) => number | undefined,
): number | undefined {
  if (
    (c.kind === 'attachment.add' || c.kind === 'attachment.remove') &&
    c.target.type !== 'ACCOUNT'
  ) {
    return latestWave(accountsReachedBy(org, [c.target.id]), waves.length, accountWave);
  }
  const account = accountOf(c, accounts);
  if (!account) return orRest(waves, -1);
  return waveOfAccount(account, waves);
}

function orRest(waves: ResolvedWave[], i: number): number | undefined {
  const rest = waves.findIndex((w) => w.rest);
  return i >= 0 ? i : rest >= 0 ? rest : undefined;
}

function waveOfAccount(account: OrgAccount, waves: ResolvedWave[]): number | undefined {
  const explicit = waves.findIndex((w) => w.accounts.has(account.id));
  if (explicit >= 0) return explicit;
  return orRest(
    waves,
    waves.findIndex((w) => w.ouPaths.some((p) => isUnderPath(account, p))),
  );
}

/**
 * The latest wave among the accounts a change reaches; the last wave when one of them is in no
 * wave or when it reaches none yet (an empty OU: accounts may arrive later).
 */
function latestWave(
  reached: readonly string[],
  count: number,
  accountWave: (id: string) => number | undefined,
): number | undefined {
  if (count === 0) return undefined;
  let latest = -1;
  for (const id of reached) {
    const i = accountWave(id);
    if (i === undefined) return count - 1;
    latest = Math.max(latest, i);
  }
  return latest >= 0 ? latest : count - 1;
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

/**
 * The wave index of each account (undefined: in no wave) and the wave a change reaching the given
 * targets runs in, by the same rules as assignWaves (the SCP canary plans with them).
 */
export function waveIndexes(
  org: OrgTree,
  waves: readonly WaveConfig[],
): {
  accountWave: (id: string) => number | undefined;
  latestWaveOf: (targetIds: Iterable<string>) => number | undefined;
} {
  const resolved = waves.map((w, i) => resolveWave(org, w, i));
  const accounts = new Map(org.accounts.map((a) => [a.id, a]));
  const accountWave = (id: string) => {
    const account = accounts.get(id);
    return account ? waveOfAccount(account, resolved) : undefined;
  };
  return {
    accountWave,
    latestWaveOf: (targetIds) =>
      latestWave(accountsReachedBy(org, targetIds), waves.length, accountWave),
  };
}

/** The accounts the named waves take (by the same rules as their changes). */
export function accountsInWaves(
  org: OrgTree,
  waves: readonly WaveConfig[],
  names: readonly string[],
): string[] {
  const resolved = waves.map((w, i) => resolveWave(org, w, i));
  const wanted = new Set(waves.flatMap((w, i) => (names.includes(w.name) ? [i] : [])));
  return org.accounts
    .filter((a) => {
      const i = waveOfAccount(a, resolved);
      return i !== undefined && wanted.has(i);
    })
    .map((a) => a.id);
}
