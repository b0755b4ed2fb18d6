/**
 * Issue 18 point 5: an empty scope flag (a CI job whose variable is unset) must be an error, not
 * "the whole organization". The CLI refuses it before any AWS call; the core refuses blank lists
 * however they arrive.
 */
import { describe, expect, it } from 'vitest';
import { resolveScope } from '../../src/core/desired/resolve-scope.js';
import type { OrgTree } from '../../src/core/model/types.js';
import { runCliCaptured } from '../_helpers/run-cli.js';

// No endpoint and no credentials: a run that got past the flags would fail differently.
const NO_AWS = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: undefined };

describe('empty scope flags', () => {
  for (const flag of ['--accounts', '--ous', '--regions']) {
    for (const value of ['', ' , ', ',']) {
      it(`verify ${flag} ${JSON.stringify(value)} is a usage error naming the flag`, async () => {
        const result = await runCliCaptured(['verify', flag, value], { env: NO_AWS });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(flag);
        expect(result.stderr).toMatch(/names nothing/);
        expect(result.stdout).toBe('');
      });
    }
  }

  it('apply --accounts "" is refused before anything is planned', async () => {
    const result = await runCliCaptured(['apply', '--yes', '--accounts', ''], { env: NO_AWS });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--accounts.*names nothing/);
  });

  it('the core refuses blank override lists however they arrive', () => {
    const org = {
      accounts: [],
      ous: [],
      managementAccountId: '111111111111',
    } as unknown as OrgTree;
    const config = {
      organization: { includeManagementAccount: false },
      scope: {
        ous: [],
        excludeOus: [],
        accounts: [],
        excludeAccounts: [],
        regions: 'enabled',
        excludeRegions: [],
      },
    } as unknown as Parameters<typeof resolveScope>[1];
    expect(() => resolveScope(org, config, { accounts: [' , '] })).toThrow(/--accounts is empty/);
    expect(() => resolveScope(org, config, { regions: [''] })).toThrow(/--regions is empty/);
    expect(() => resolveScope(org, config, { ous: [','] })).toThrow(/--ous is empty/);
    // Not given at all still means "the configured scope".
    expect(resolveScope(org, config, {}).accounts).toEqual([]);
  });
});
