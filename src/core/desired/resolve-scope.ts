/**
 * Which accounts and regions a run touches: the config's `scope` (OUs by id or path, accounts,
 * exclusions, regions), narrowed — never widened — by --accounts / --ous / --regions.
 */
import type { ResolvedConfig } from '../../config/schema.js';
import { ConfigError, UsageError } from '../errors.js';
import { isKnownRegion, KNOWN_REGIONS } from '../model/regions.js';
import type { OrgAccount, OrgTree } from '../model/types.js';
import { accountLabel, isUnderPath, requireAccount, requireOu, unknownName } from './org-lookup.js';
import type { ResolvedScope, ScopeOverrides } from './types.js';

type ScopeConfig = Pick<ResolvedConfig, 'scope' | 'organization'>;

export function resolveScope(
  org: OrgTree,
  config: ScopeConfig,
  overrides: ScopeOverrides = {},
): ResolvedScope {
  const configured = configuredAccounts(org, config);
  const accounts = narrowAccounts(org, configured, overrides);
  const regions = resolveRegions(config.scope, list(overrides.regions, '--regions'));
  const excluded = new Set(config.scope.excludeRegions);
  const regionFilter = (enabled: readonly string[]): string[] =>
    enabled.filter((r) => (regions === 'enabled' || regions.includes(r)) && !excluded.has(r));
  return { accounts, regionFilter, regions };
}

function configuredAccounts(org: OrgTree, config: ScopeConfig): OrgAccount[] {
  const { scope } = config;
  const ous = scope.ous.map((s, i) => requireOu(org, s, { config: `scope.ous[${i}]` }));
  const excludeOus = scope.excludeOus.map((s, i) =>
    requireOu(org, s, { config: `scope.excludeOus[${i}]` }),
  );
  const inOus = (a: OrgAccount) => ous.length === 0 || ous.some((ou) => isUnderPath(a, ou.path));
  const only = scope.accounts.map((s, i) => {
    const account = requireAccount(org, s, { config: `scope.accounts[${i}]` });
    if (!inOus(account)) {
      const message = `${accountLabel(account)} is not under any OU in scope.ous`;
      throw new ConfigError(`Invalid config: scope.accounts[${i}]: ${message}`, {
        issues: [{ path: `scope.accounts[${i}]`, message }],
        hint: 'Add its OU to scope.ous, or remove scope.ous to select accounts anywhere.',
      });
    }
    return account.id;
  });
  const excludeIds = new Set(
    scope.excludeAccounts.map(
      (s, i) => requireAccount(org, s, { config: `scope.excludeAccounts[${i}]` }).id,
    ),
  );
  return org.accounts.filter(
    (a) =>
      inOus(a) &&
      (only.length === 0 || only.includes(a.id)) &&
      !excludeOus.some((ou) => isUnderPath(a, ou.path)) &&
      !excludeIds.has(a.id) &&
      (config.organization.includeManagementAccount || a.id !== org.managementAccountId),
  );
}

function narrowAccounts(
  org: OrgTree,
  configured: OrgAccount[],
  overrides: ScopeOverrides,
): OrgAccount[] {
  const inScope = new Set(configured.map((a) => a.id));
  const ous = list(overrides.ous, '--ous').map((s) => requireOu(org, s, { flag: '--ous' }));
  const accounts = list(overrides.accounts, '--accounts').map((s) => {
    const account = requireAccount(org, s, { flag: '--accounts' });
    if (!inScope.has(account.id)) {
      throw new UsageError(
        `--accounts ${s}: ${accountLabel(account)} is outside the configured scope`,
        {
          hint: 'A flag narrows the scope of the config file; widen `scope` in the config instead.',
        },
      );
    }
    return account.id;
  });
  return configured.filter(
    (a) =>
      (ous.length === 0 || ous.some((ou) => isUnderPath(a, ou.path))) &&
      (accounts.length === 0 || accounts.includes(a.id)),
  );
}

function resolveRegions(scope: ScopeConfig['scope'], override: string[]): ResolvedScope['regions'] {
  const excluded = new Set(scope.excludeRegions);
  if (override.length === 0) {
    return scope.regions === 'enabled' ? 'enabled' : scope.regions.filter((r) => !excluded.has(r));
  }
  for (const region of override) {
    if (!isKnownRegion(region))
      throw unknownName('region', region, KNOWN_REGIONS, { flag: '--regions' });
    const outside =
      (scope.regions !== 'enabled' && !scope.regions.includes(region)) || excluded.has(region);
    if (outside) {
      throw new UsageError(`--regions ${region}: the region is outside the configured scope`, {
        hint: 'A flag narrows `scope.regions` / `scope.excludeRegions` of the config; it cannot add a region.',
      });
    }
  }
  return [...new Set(override)];
}

/**
 * Flags may arrive as `a,b` or as repeated values. A flag given with only blanks is an error:
 * an empty narrowing must never widen to the whole configured scope.
 */
function list(values: readonly string[] | undefined, flag: string): string[] {
  const items = (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (values !== undefined && values.length > 0 && items.length === 0) {
    throw new UsageError(`${flag} is empty: name at least one.`, {
      hint: `An empty ${flag} would put the whole configured scope in play; drop the flag to mean that.`,
    });
  }
  return items;
}
