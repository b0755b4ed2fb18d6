import {
  DescribeRegionsCommand,
  GetInstanceMetadataDefaultsCommand,
  ModifyInstanceMetadataDefaultsCommand,
} from '@aws-sdk/client-ec2';
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DetachPolicyCommand,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ENABLED_REGIONS } from '../../src/core/model/regions.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { assume, type Creds, clients, failure } from './clients.js';

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({
    scenario: 'demo',
    port: 0,
    seed: 1,
    throttling: 'off',
    // These cases test what a read shows after a write; consistency.test.ts tests the delay.
    consistency: 'strong',
  });
});
afterAll(() => sb.close());

async function ec2For(account: string, region = 'us-east-1') {
  const creds: Creds = await assume(sb, account);
  return clients(sb, creds, region).ec2;
}

describe('DescribeRegions', () => {
  it('lists enabled regions by default, all with AllRegions, filtered by opt-in status and name', async () => {
    const ec2 = await ec2For('222222222206'); // web-prod has eu-south-1 opted in
    const enabled = (await ec2.send(new DescribeRegionsCommand({}))).Regions ?? [];
    expect(enabled.map((r) => r.RegionName).sort()).toEqual(
      [...DEFAULT_ENABLED_REGIONS, 'eu-south-1'].sort(),
    );
    expect(enabled.find((r) => r.RegionName === 'eu-south-1')).toEqual({
      RegionName: 'eu-south-1',
      Endpoint: 'ec2.eu-south-1.amazonaws.com',
      OptInStatus: 'opted-in',
    });
    const all = (await ec2.send(new DescribeRegionsCommand({ AllRegions: true }))).Regions ?? [];
    expect(all.length).toBe(34);
    expect(all.find((r) => r.RegionName === 'af-south-1')?.OptInStatus).toBe('not-opted-in');
    const notOptedIn = await ec2.send(
      new DescribeRegionsCommand({
        AllRegions: true,
        Filters: [{ Name: 'opt-in-status', Values: ['not-opted-in'] }],
      }),
    );
    expect(notOptedIn.Regions?.length).toBe(34 - 18);
    const named = await ec2.send(
      new DescribeRegionsCommand({ RegionNames: ['af-south-1', 'us-east-1'] }),
    );
    expect(named.Regions?.map((r) => r.RegionName)).toEqual(['af-south-1', 'us-east-1']);
    const byName = await ec2.send(
      new DescribeRegionsCommand({ Filters: [{ Name: 'region-name', Values: ['eu-west-1'] }] }),
    );
    expect(byName.Regions?.map((r) => r.RegionName)).toEqual(['eu-west-1']);
    expect(
      await failure(
        ec2.send(new DescribeRegionsCommand({ Filters: [{ Name: 'bogus', Values: ['x'] }] })),
      ),
    ).toMatchObject({
      name: 'InvalidParameterValue',
      status: 400,
    });
  });
});

describe('instance metadata defaults', () => {
  it('reads the demo drift per account and region', async () => {
    const log = await ec2For('222222222202', 'eu-west-1');
    expect((await log.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel).toEqual({
      HttpTokens: 'optional',
      HttpPutResponseHopLimit: 2,
      ManagedBy: 'account',
    });
    const logUs = await ec2For('222222222202', 'us-east-1');
    expect(
      (await logUs.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel?.HttpTokens,
    ).toBe('required');
    const empty = await ec2For('222222222205');
    expect((await empty.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel).toEqual({});
    const webProdOptIn = await ec2For('222222222206', 'eu-south-1');
    expect(
      (await webProdOptIn.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel,
    ).toEqual({});
  });

  it('sets every field, clears with no-preference and -1, and keeps accounts and regions apart', async () => {
    const ec2 = await ec2For('222222222208', 'eu-north-1');
    await ec2.send(
      new ModifyInstanceMetadataDefaultsCommand({
        HttpTokens: 'required',
        HttpPutResponseHopLimit: 2,
        HttpEndpoint: 'enabled',
        InstanceMetadataTags: 'disabled',
        HttpTokensEnforced: 'enabled',
      }),
    );
    expect((await ec2.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel).toEqual({
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 2,
      HttpEndpoint: 'enabled',
      InstanceMetadataTags: 'disabled',
      HttpTokensEnforced: 'enabled',
      ManagedBy: 'account',
    });
    // Isolation: another region of the same account and the same region of another account.
    const otherRegion = await ec2For('222222222208', 'eu-west-2');
    expect(
      (await otherRegion.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel,
    ).toEqual({});
    const otherAccount = await ec2For('222222222209', 'eu-north-1');
    expect(
      (await otherAccount.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel,
    ).toEqual({});
    await ec2.send(
      new ModifyInstanceMetadataDefaultsCommand({
        HttpPutResponseHopLimit: -1,
        HttpEndpoint: 'no-preference',
        InstanceMetadataTags: 'no-preference',
        HttpTokensEnforced: 'no-preference',
      }),
    );
    expect((await ec2.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel).toEqual({
      HttpTokens: 'required',
      ManagedBy: 'account',
    });
    await ec2.send(new ModifyInstanceMetadataDefaultsCommand({ HttpTokens: 'no-preference' }));
    expect((await ec2.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel).toEqual({});
    expect((await sb.admin.counters()).imdsWrites['222222222208/eu-north-1']).toBe(3);
  });

  it('validates parameters with InvalidParameterValue and answers DryRun with DryRunOperation 412', async () => {
    const ec2 = await ec2For('222222222209');
    const modify = (input: object) => ec2.send(new ModifyInstanceMetadataDefaultsCommand(input));
    expect(await failure(modify({ HttpTokens: 'bogus' }))).toMatchObject({
      name: 'InvalidParameterValue',
      status: 400,
    });
    for (const hop of [0, 65, 1000, -2]) {
      expect(await failure(modify({ HttpPutResponseHopLimit: hop }))).toMatchObject({
        name: 'InvalidParameterValue',
      });
    }
    expect(await failure(modify({ HttpTokensEnforced: 'on' }))).toMatchObject({
      name: 'InvalidParameterValue',
    });
    expect(await failure(modify({}))).toMatchObject({ name: 'MissingParameter', status: 400 });
    expect(await failure(modify({ HttpTokens: 'required', DryRun: true }))).toEqual({
      name: 'DryRunOperation',
      status: 412,
      message: 'Request would have succeeded, but DryRun flag is set.',
    });
    expect((await ec2.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel).toEqual({});
  });

  it('answers AuthFailure 401 in a region the account has not enabled', async () => {
    const ec2 = await ec2For('222222222205', 'eu-south-1');
    expect(await failure(ec2.send(new GetInstanceMetadataDefaultsCommand({})))).toEqual({
      name: 'AuthFailure',
      status: 401,
      message: 'AWS was not able to validate the provided access credentials',
    });
    const unknownKey = clients(sb, { accessKeyId: 'AKIANOPE', secretAccessKey: 'x' }).ec2;
    expect(await failure(unknownKey.send(new DescribeRegionsCommand({})))).toMatchObject({
      name: 'AuthFailure',
      status: 401,
    });
  });
});

describe('declarative policies', () => {
  it('reports data-platform as managed by the declarative policy and refuses Modify (DryRun still passes)', async () => {
    const ec2 = await ec2For('222222222212', 'ap-south-1');
    expect((await ec2.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel).toEqual({
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 2,
      ManagedBy: 'declarative-policy',
    });
    expect(
      await failure(
        ec2.send(new ModifyInstanceMetadataDefaultsCommand({ HttpTokens: 'optional' })),
      ),
    ).toEqual({
      name: 'OperationNotPermitted',
      status: 400,
      message: 'This action is denied due to an organizational policy in effect',
    });
    expect(
      await failure(
        ec2.send(
          new ModifyInstanceMetadataDefaultsCommand({ HttpTokens: 'optional', DryRun: true }),
        ),
      ),
    ).toMatchObject({
      name: 'DryRunOperation',
    });
  });

  it('follows attachments through OUs, with the custom exception message, until detached', async () => {
    const org = clients(sb).org;
    const content = JSON.stringify({
      ec2_attributes: {
        instance_metadata_defaults: {
          http_tokens: { '@@assign': 'required' },
          http_put_response_hop_limit: { '@@assign': 1 },
          http_tokens_enforced: { '@@assign': 'enabled' },
        },
        exception_message: { '@@assign': 'Ask the platform team' },
      },
    });
    const created = await org.send(
      new CreatePolicyCommand({
        Name: 'dev-imds',
        Description: 'd',
        Type: 'DECLARATIVE_POLICY_EC2',
        Content: content,
      }),
    );
    const id = created.Policy?.PolicySummary?.Id ?? '';
    await org.send(new AttachPolicyCommand({ PolicyId: id, TargetId: 'ou-gr01-workloadsdev' }));
    const ec2 = await ec2For('222222222207', 'us-west-1'); // payments-dev: optional/1 of its own
    expect((await ec2.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel).toEqual({
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 1,
      HttpTokensEnforced: 'enabled',
      ManagedBy: 'declarative-policy',
      ManagedExceptionMessage: 'Ask the platform team',
    });
    expect(
      await failure(
        ec2.send(new ModifyInstanceMetadataDefaultsCommand({ HttpTokens: 'required' })),
      ),
    ).toMatchObject({
      message: 'Ask the platform team',
    });
    await org.send(new DetachPolicyCommand({ PolicyId: id, TargetId: 'ou-gr01-workloadsdev' }));
    expect((await ec2.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel).toEqual({
      HttpTokens: 'optional',
      HttpPutResponseHopLimit: 1,
      ManagedBy: 'account',
    });
  });
});
