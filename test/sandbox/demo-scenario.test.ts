import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ENABLED_REGIONS } from '../../src/core/model/regions.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { SEED_DOCUMENT } from '../_fixtures/seed-scp.js';

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo' });
});
afterAll(() => sb.close());

const R2 = { httpTokens: 'required', httpPutResponseHopLimit: 2 };

describe('demo scenario (src/sandbox/scenarios/demo.ts)', () => {
  it('has the accounts, OU paths and statuses of the brief', async () => {
    const accounts = await sb.admin.accounts();
    const byName = Object.fromEntries(accounts.map((a) => [a.name, a]));
    expect(accounts.map((a) => [a.name, a.id, a.path])).toEqual([
      ['management', '111111111111', 'Root'],
      ['security-audit', '222222222201', 'Root/Security'],
      ['log-archive', '222222222202', 'Root/Security'],
      ['network', '222222222203', 'Root/Infrastructure'],
      ['shared-services', '222222222204', 'Root/Infrastructure'],
      ['payments-prod', '222222222205', 'Root/Workloads/Prod'],
      ['web-prod', '222222222206', 'Root/Workloads/Prod'],
      ['data-platform', '222222222212', 'Root/Workloads/Prod'],
      ['payments-dev', '222222222207', 'Root/Workloads/Dev'],
      ['web-dev', '222222222208', 'Root/Workloads/Dev'],
      ['sandbox-alice', '222222222209', 'Root/Sandbox'],
      ['sandbox-bob', '222222222210', 'Root/Sandbox'],
      ['legacy-closed', '222222222211', 'Root/Sandbox'],
    ]);
    expect(byName['legacy-closed']?.status).toBe('SUSPENDED');
    expect(byName['sandbox-bob']?.roles).toEqual([]);
    expect(byName.network?.roles).toEqual([{ name: 'OrganizationAccountAccessRole' }]);
    expect(byName['web-prod']?.enabledRegions).toHaveLength(18);
    expect(byName['web-prod']?.enabledRegions).toContain('eu-south-1');
    expect(byName.network?.enabledRegions.sort()).toEqual([...DEFAULT_ENABLED_REGIONS].sort());
  });

  it('seeds the IMDS drift of the table', async () => {
    const own = async (account: string, region: string) =>
      (await sb.admin.getImds(account, region)).account;
    expect(await own('111111111111', 'us-east-1')).toEqual({});
    expect(await own('222222222201', 'sa-east-1')).toEqual(R2);
    expect(await own('222222222202', 'eu-west-1')).toEqual({
      httpTokens: 'optional',
      httpPutResponseHopLimit: 2,
    });
    expect(await own('222222222202', 'eu-west-2')).toEqual(R2);
    expect(await own('222222222203', 'us-east-1')).toEqual({
      httpTokens: 'required',
      httpPutResponseHopLimit: 1,
    });
    expect(await own('222222222204', 'us-west-2')).toEqual(R2);
    expect(await own('222222222204', 'eu-west-1')).toEqual({});
    expect(await own('222222222205', 'us-east-1')).toEqual({});
    expect(await own('222222222206', 'ap-northeast-3')).toEqual(R2);
    expect(await own('222222222206', 'eu-south-1')).toEqual({});
    expect(await own('222222222207', 'us-east-2')).toEqual({
      httpTokens: 'optional',
      httpPutResponseHopLimit: 1,
    });
    expect((await sb.admin.getImds('222222222212', 'us-east-1')).effective).toEqual({
      defaults: R2,
      managedBy: 'declarative-policy',
    });
  });

  it('has FullAWSAccess everywhere, DenyIMDSv1 on Prod and the declarative policy on data-platform', async () => {
    const policies = Object.fromEntries((await sb.admin.policies()).map((p) => [p.name, p]));
    expect(policies.FullAWSAccess?.targets).toHaveLength(1 + 6 + 13);
    expect(policies.DenyIMDSv1?.targets).toEqual(['ou-gr01-workloadsprod']);
    expect(JSON.parse(policies.DenyIMDSv1?.content ?? '')).toEqual(SEED_DOCUMENT);
    expect(policies['ec2-imds-baseline']).toMatchObject({
      type: 'DECLARATIVE_POLICY_EC2',
      targets: ['222222222212'],
    });
  });
});
