import { describe, expect, it } from 'vitest';
import { resolveScope } from '../../../src/core/desired/resolve-scope.js';
import { ConfigError, UsageError } from '../../../src/errors.js';
import { demoConfig, demoOrg } from '../_fixtures/demo.js';

const names = (scope: ReturnType<typeof resolveScope>) => scope.accounts.map((a) => a.name);

describe('resolveScope', () => {
  it('selects the whole organization in org order by default, management account included', () => {
    // Given the default config / When resolving / Then every account, suspended ones too
    const scope = resolveScope(demoOrg(), demoConfig(), {});
    expect(names(scope)).toEqual([
      'management',
      'security-audit',
      'log-archive',
      'network',
      'shared-services',
      'payments-prod',
      'web-prod',
      'data-platform',
      'payments-dev',
      'web-dev',
      'sandbox-alice',
      'sandbox-bob',
      'legacy-closed',
    ]);
    expect(scope.regions).toBe('enabled');
    expect(scope.regionFilter(['us-east-1', 'eu-south-1'])).toEqual(['us-east-1', 'eu-south-1']);
  });

  it.each([
    [
      { ous: ['Root/Workloads'] },
      ['payments-prod', 'web-prod', 'data-platform', 'payments-dev', 'web-dev'],
    ],
    [{ ous: ['ou-gr01-dev'] }, ['payments-dev', 'web-dev']],
    [{ ous: ['Workloads/Prod'] }, ['payments-prod', 'web-prod', 'data-platform']],
    [
      { ous: ['Root'], excludeOus: ['Root/Workloads', 'Root/Sandbox'] },
      ['management', 'security-audit', 'log-archive', 'network', 'shared-services'],
    ],
    [{ accounts: ['222222222206'] }, ['web-prod']],
    [{ ous: ['Root/Security'], excludeAccounts: ['222222222202'] }, ['security-audit']],
  ])('scope %j selects %j', (scope, expected) => {
    expect(names(resolveScope(demoOrg(), demoConfig({ scope }), {}))).toEqual(expected);
  });

  it('leaves the management account out when includeManagementAccount is false', () => {
    const config = demoConfig({ organization: { includeManagementAccount: false } });
    expect(names(resolveScope(demoOrg(), config, {}))).not.toContain('management');
  });

  it('narrows with --ous and --accounts (ids or names), never widens', () => {
    const config = demoConfig({ scope: { ous: ['Root/Workloads'] } });
    const org = demoOrg();
    expect(names(resolveScope(org, config, { ous: ['Root/Workloads/Dev'] }))).toEqual([
      'payments-dev',
      'web-dev',
    ]);
    expect(names(resolveScope(org, config, { accounts: ['web-prod,222222222207'] }))).toEqual([
      'web-prod',
      'payments-dev',
    ]);
    expect(() => resolveScope(org, config, { accounts: ['network'] })).toThrow(
      /--accounts network: network \(222222222203\) is outside the configured scope/,
    );
  });

  it('names the closest OU when a config OU is unknown', () => {
    const run = () =>
      resolveScope(demoOrg(), demoConfig({ scope: { ous: ['Root/Workload/Prod'] } }), {});
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(
      'Invalid config: scope.ous[0]: unknown OU "Root/Workload/Prod" (did you mean "Root/Workloads/Prod", "Root/Workloads/Dev"?)',
    );
  });

  it('names the closest account and region when a flag is unknown', () => {
    const org = demoOrg();
    expect(() => resolveScope(org, demoConfig(), { accounts: ['web-prd'] })).toThrow(UsageError);
    expect(() => resolveScope(org, demoConfig(), { accounts: ['web-prd'] })).toThrow(
      'Unknown account "web-prd" in --accounts (did you mean "web-prod"?)',
    );
    expect(() => resolveScope(org, demoConfig(), { regions: ['us-est-1'] })).toThrow(
      /Unknown region "us-est-1" in --regions \(did you mean "us-east-1", "us-west-1"/,
    );
    expect(() => resolveScope(org, demoConfig(), { ous: ['Sandbx'] })).toThrow(
      /did you mean "Root\/Sandbox"/,
    );
  });

  it('rejects a config account outside the configured OUs', () => {
    const config = demoConfig({ scope: { ous: ['Root/Security'], accounts: ['222222222206'] } });
    expect(() => resolveScope(demoOrg(), config, {})).toThrow(
      /scope.accounts\[0\]: web-prod \(222222222206\) is not under any OU in scope.ous/,
    );
  });

  it('filters each account’s enabled regions by the configured list, exclusions and --regions', () => {
    const config = demoConfig({
      scope: { regions: ['us-east-1', 'eu-west-1', 'eu-south-1'], excludeRegions: ['eu-west-1'] },
    });
    const scope = resolveScope(demoOrg(), config, {});
    expect(scope.regions).toEqual(['us-east-1', 'eu-south-1']);
    expect(scope.regionFilter(['eu-west-1', 'us-east-1', 'us-west-2'])).toEqual(['us-east-1']);
    const narrowed = resolveScope(demoOrg(), config, { regions: ['eu-south-1'] });
    expect(narrowed.regionFilter(['us-east-1', 'eu-south-1'])).toEqual(['eu-south-1']);
    expect(() => resolveScope(demoOrg(), config, { regions: ['us-west-2'] })).toThrow(
      /--regions us-west-2: the region is outside the configured scope/,
    );
  });
});
