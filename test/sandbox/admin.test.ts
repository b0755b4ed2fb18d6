import { GetInstanceMetadataDefaultsCommand } from '@aws-sdk/client-ec2';
import { ListRootsCommand } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { assume, clients, failure } from './clients.js';

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', throttling: 'off' });
});
afterAll(() => sb.close());

describe('admin API', () => {
  it('sets IMDS defaults that the SDK then reads', async () => {
    // Given drift created through the admin API / When read with the SDK / Then it is visible
    await sb.admin.setImds('222222222205', 'eu-west-3', {
      httpTokens: 'optional',
      httpPutResponseHopLimit: 3,
    });
    const ec2 = clients(sb, await assume(sb, '222222222205'), 'eu-west-3').ec2;
    expect((await ec2.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel).toEqual({
      HttpTokens: 'optional',
      HttpPutResponseHopLimit: 3,
      ManagedBy: 'account',
    });
    await sb.admin.setImds('222222222205', 'eu-west-3', {});
    expect((await ec2.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel).toEqual({});
  });

  it('disables and re-enables a region for one account', async () => {
    const creds = await assume(sb, '222222222204');
    const ec2 = clients(sb, creds, 'us-west-2').ec2;
    await sb.admin.disableRegion('222222222204', 'us-west-2');
    expect(await failure(ec2.send(new GetInstanceMetadataDefaultsCommand({})))).toMatchObject({
      name: 'AuthFailure',
      status: 401,
    });
    expect((await sb.admin.account('222222222204')).enabledRegions).not.toContain('us-west-2');
    await sb.admin.enableRegion('222222222204', 'us-west-2');
    expect(
      (await ec2.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel?.HttpTokens,
    ).toBe('required');
  });

  it('suspends an account and removes roles', async () => {
    await sb.admin.updateAccount('222222222209', { status: 'SUSPENDED' });
    expect(await failure(assume(sb, '222222222209'))).toMatchObject({ name: 'AccessDenied' });
    await sb.admin.updateAccount('222222222209', { status: 'ACTIVE', roles: [] });
    expect(await failure(assume(sb, '222222222209'))).toMatchObject({ name: 'AccessDenied' });
    await sb.admin.updateAccount('222222222209', {
      roles: [{ name: 'OrganizationAccountAccessRole' }],
    });
    await assume(sb, '222222222209');
  });

  it('checks the ExternalId of a role and refuses PENDING_CLOSURE accounts', async () => {
    await sb.admin.updateAccount('222222222208', {
      roles: [{ name: 'OrganizationAccountAccessRole', externalId: 'ext-1' }],
    });
    const sts = clients(sb).sts;
    const arn = 'arn:aws:iam::222222222208:role/OrganizationAccountAccessRole';
    const assumeWith = (ExternalId?: string) =>
      sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'ext', ExternalId }));
    expect(await failure(assumeWith())).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(await failure(assumeWith('wrong'))).toMatchObject({ name: 'AccessDenied' });
    expect((await assumeWith('ext-1')).Credentials?.AccessKeyId).toMatch(/^ASIA222222222208/);
    await sb.admin.updateAccount('222222222208', { status: 'PENDING_CLOSURE' });
    expect(await failure(assumeWith('ext-1'))).toMatchObject({ name: 'AccessDenied' });
    await sb.admin.updateAccount('222222222208', {
      status: 'ACTIVE',
      roles: [{ name: 'OrganizationAccountAccessRole' }],
    });
  });

  it('counts requests per operation and resets the counters', async () => {
    await sb.admin.resetCounters();
    await clients(sb).org.send(new ListRootsCommand({}));
    const counters = await sb.admin.counters();
    expect(counters.operations['organizations:ListRoots']).toEqual({ calls: 1, ok: 1, errors: {} });
    await sb.admin.resetCounters();
    expect((await sb.admin.counters()).operations).toEqual({});
  });

  it('reads policies, attachments and faults, and rejects unknown routes and settings', async () => {
    const attachments = await sb.admin.attachments();
    expect(attachments['ou-gr01-workloadsprod']).toEqual(['p-FullAWSAccess', 'p-denyimdsv1']);
    expect((await sb.admin.faults()).throttling).toBe('off');
    await expect(sb.admin.setFaults({ nonsense: 1 } as never)).rejects.toThrow(
      /Unknown fault setting/,
    );
    const res = await fetch(`${sb.url}/_sandbox/nothing`);
    expect(res.status).toBe(404);
    await expect(sb.admin.account('000000000000')).rejects.toThrow(/404/);
  });
});
