/** Name lookups in the org tree shared by scope, attach targets and waves; typos get suggestions. */
import { ConfigError, UsageError } from '../errors.js';
import { closestMatches } from '../model/suggest.js';
import type { OrgAccount, OrgTree } from '../model/types.js';
import type { TargetRef } from '../plan/types.js';

/** Where a name came from: a config field (ConfigError) or a command-line flag (UsageError). */
export type NameSource = { config: string } | { flag: string };

export interface OuMatch {
  type: 'ROOT' | 'ORGANIZATIONAL_UNIT';
  id: string;
  path: string;
}

export function findOu(org: OrgTree, selector: string): OuMatch | undefined {
  const wanted = selector.trim().replace(/\/+$/, '');
  if (wanted === 'Root' || wanted === org.root.id) {
    return { type: 'ROOT', id: org.root.id, path: 'Root' };
  }
  const withRoot = wanted.startsWith('Root/') ? wanted : `Root/${wanted}`;
  const ou = org.ous.find((o) => o.id === wanted || o.path === wanted || o.path === withRoot);
  return ou ? { type: 'ORGANIZATIONAL_UNIT', id: ou.id, path: ou.path } : undefined;
}

export function findAccount(org: OrgTree, selector: string): OrgAccount | undefined {
  const wanted = selector.trim();
  return org.accounts.find((a) => a.id === wanted) ?? org.accounts.find((a) => a.name === wanted);
}

/** True when the account sits in the OU at `path` or anywhere below it (`Root` holds all). */
export function isUnderPath(account: OrgAccount, path: string): boolean {
  return (
    path === 'Root' || account.parentPath === path || account.parentPath.startsWith(`${path}/`)
  );
}

/** A name to suggest and the spellings that should lead to it (path, bare name, id). */
export interface Candidate {
  label: string;
  aliases: string[];
}

export function ouCandidates(org: OrgTree): Candidate[] {
  return [
    { label: 'Root', aliases: ['Root', org.root.id] },
    ...org.ous.map((o) => ({
      label: o.path,
      aliases: [o.path, o.path.replace(/^Root\//, ''), o.name, o.id],
    })),
  ];
}

export function accountCandidates(org: OrgTree): Candidate[] {
  return org.accounts.map((a) => ({ label: a.name, aliases: [a.name, a.id] }));
}

export function suggest(input: string, candidates: readonly Candidate[], max = 3): string[] {
  const labelOf = new Map<string, string>();
  for (const c of candidates) for (const alias of c.aliases) labelOf.set(alias, c.label);
  const near = closestMatches(input, [...labelOf.keys()], 20).map((a) => labelOf.get(a) ?? a);
  return [...new Set(near)].slice(0, max);
}

export function accountLabel(account: Pick<OrgAccount, 'id' | 'name'>): string {
  return `${account.name} (${account.id})`;
}

export function requireOu(org: OrgTree, selector: string, source: NameSource): OuMatch {
  const found = findOu(org, selector);
  if (found) return found;
  throw unknownName('OU', selector, ouCandidates(org), source);
}

export function requireAccount(org: OrgTree, selector: string, source: NameSource): OrgAccount {
  const found = findAccount(org, selector);
  if (found) return found;
  throw unknownName('account', selector, accountCandidates(org), source);
}

/** `Root`, an OU id or path, or an account id/name → the TargetRef Organizations calls use. */
export function resolveTarget(org: OrgTree, selector: string, source: NameSource): TargetRef {
  const ou = findOu(org, selector);
  if (ou) return { type: ou.type, id: ou.id, label: ou.path };
  const account = findAccount(org, selector);
  if (account) return { type: 'ACCOUNT', id: account.id, label: accountLabel(account) };
  throw unknownName('target', selector, [...ouCandidates(org), ...accountCandidates(org)], source);
}

export function unknownName(
  kind: string,
  value: string,
  candidates: readonly (string | Candidate)[],
  source: NameSource,
): ConfigError | UsageError {
  const near = suggest(
    value,
    candidates.map((c) => (typeof c === 'string' ? { label: c, aliases: [c] } : c)),
  );
  const suggestion = near.length ? ` (did you mean ${near.map((n) => `"${n}"`).join(', ')}?)` : '';
  const hint =
    'Run `guardrails discover` to list the OUs, accounts and regions of the organization.';
  if ('config' in source) {
    const message = `unknown ${kind} "${value}"${suggestion}`;
    return new ConfigError(`Invalid config: ${source.config}: ${message}`, {
      issues: [{ path: source.config, message }],
      hint,
    });
  }
  return new UsageError(`Unknown ${kind} "${value}" in ${source.flag}${suggestion}`, { hint });
}

/** The account itself, then each OU above it, then Root: where an SCP can cover it from. */
export function coveringTargets(org: OrgTree, account: OrgAccount): TargetRef[] {
  const chain: TargetRef[] = [{ type: 'ACCOUNT', id: account.id, label: accountLabel(account) }];
  const byId = new Map(org.ous.map((o) => [o.id, o]));
  let parentId: string | undefined = account.parentId;
  const seen = new Set<string>();
  while (parentId !== undefined && !seen.has(parentId)) {
    seen.add(parentId);
    const ou = byId.get(parentId);
    if (!ou) break;
    chain.push({ type: 'ORGANIZATIONAL_UNIT', id: ou.id, label: ou.path });
    parentId = ou.parentId;
  }
  chain.push({ type: 'ROOT', id: org.root.id, label: 'Root' });
  return chain;
}
