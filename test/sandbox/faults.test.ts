import {
  GetInstanceMetadataDefaultsCommand,
  ModifyInstanceMetadataDefaultsCommand,
} from '@aws-sdk/client-ec2';
import { ListRootsCommand } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';
import { assume, clients, failure } from './clients.js';

const open: SandboxHandle[] = [];
afterEach(async () => {
  for (const sb of open.splice(0)) await sb.close();
});

async function sandbox(options: SandboxOptions): Promise<SandboxHandle> {
  const sb = await startSandbox({ scenario: 'demo', ...options });
  open.push(sb);
  return sb;
}

describe('fault knobs', () => {
  it('throttles every service with its AWS code and status', async () => {
    // Given throttleRate 1 / When each service is called / Then each answers its throttling error
    const sb = await sandbox({ throttling: 'off' });
    const member = await assume(sb, '222222222203');
    await sb.admin.setFaults({ throttleRate: 1 });
    const c = clients(sb, member);
    expect(await failure(c.ec2.send(new GetInstanceMetadataDefaultsCommand({})))).toEqual({
      name: 'RequestLimitExceeded',
      status: 503,
      message: 'Request limit exceeded.',
    });
    expect(await failure(c.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'Throttling',
      status: 400,
    });
    expect(await failure(clients(sb).org.send(new ListRootsCommand({})))).toMatchObject({
      name: 'TooManyRequestsException',
      status: 400,
    });
    const { operations } = await sb.admin.counters();
    expect(operations['ec2:GetInstanceMetadataDefaults']?.errors).toEqual({
      RequestLimitExceeded: 1,
    });
  });

  it('fails with retryable 5xx at failRate, and the SDK retries them', async () => {
    const sb = await sandbox({ failRate: 1, seed: 7 });
    const c = clients(sb);
    const err = await failure(c.org.send(new ListRootsCommand({})));
    expect(err).toMatchObject({ name: 'ServiceException', status: 500 });
    const ec2 = await failure(c.ec2.send(new GetInstanceMetadataDefaultsCommand({})));
    expect(['InternalError', 'Unavailable']).toContain(ec2.name);
    expect([500, 503]).toContain(ec2.status);
    await sb.admin.setFaults({ failRate: 0.5 });
    const { OrganizationsClient } = await import('@aws-sdk/client-organizations');
    const retrying = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: sb.url,
      credentials: sb.credentials,
      maxAttempts: 10,
    });
    for (let i = 0; i < 3; i++) await retrying.send(new ListRootsCommand({}));
    const counted = (await sb.admin.counters()).operations['organizations:ListRoots'];
    expect(counted?.ok).toBe(3);
    expect(counted?.errors.ServiceException).toBeGreaterThanOrEqual(1);
  });

  it('is deterministic for a seed', async () => {
    const outcomes = async () => {
      const sb = await sandbox({ throttleRate: 0.5, seed: 42, throttling: 'off' });
      const org = clients(sb).org;
      const out: string[] = [];
      for (let i = 0; i < 12; i++)
        out.push(
          await org.send(new ListRootsCommand({})).then(
            () => 'ok',
            (e: Error) => e.name,
          ),
        );
      return out;
    };
    const first = await outcomes();
    expect(first).toContain('ok');
    expect(first).toContain('TooManyRequestsException');
    expect(await outcomes()).toEqual(first);
  });

  it('adds latency plus jitter', async () => {
    const sb = await sandbox({ latencyMs: 120, jitterMs: 40 });
    const sts = clients(sb).sts;
    const started = performance.now();
    await sts.send(new GetCallerIdentityCommand({}));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(115);
    expect(elapsed).toBeLessThan(1000);
  });

  it('denies AssumeRole for deniedAccounts', async () => {
    const sb = await sandbox({ deniedAccounts: ['222222222203'] });
    expect(await failure(assume(sb, '222222222203'))).toMatchObject({
      name: 'AccessDenied',
      status: 403,
    });
    await assume(sb, '222222222204');
  });

  it('models the ModifyInstanceMetadataDefaults bucket (2 burst, 2/s) per account × region in aws mode', async () => {
    const now = { t: 1_800_000_000_000 };
    const sb = await sandbox({ throttling: 'aws', now: () => now.t });
    const creds = await assume(sb, '222222222209');
    const east = clients(sb, creds, 'us-east-1').ec2;
    const modify = () =>
      east.send(new ModifyInstanceMetadataDefaultsCommand({ HttpTokens: 'required' }));
    await modify();
    await modify();
    expect(await failure(modify())).toMatchObject({ name: 'RequestLimitExceeded', status: 503 });
    // Another region has its own bucket; time refills this one.
    await clients(sb, creds, 'us-west-2').ec2.send(
      new ModifyInstanceMetadataDefaultsCommand({ HttpTokens: 'required' }),
    );
    now.t += 500;
    await modify();
    expect((await sb.admin.counters()).imdsWrites).toEqual({
      '222222222209/us-east-1': 3,
      '222222222209/us-west-2': 1,
    });
  });

  it('limits random faults to faultOperations', async () => {
    const sb = await sandbox({ throttling: 'off' });
    await sb.admin.setFaults({
      failRate: 1,
      faultOperations: ['ec2:ModifyInstanceMetadataDefaults'],
    });
    const ec2 = clients(sb, await assume(sb, '222222222209')).ec2;
    await ec2.send(new GetInstanceMetadataDefaultsCommand({}));
    const err = await failure(
      ec2.send(new ModifyInstanceMetadataDefaultsCommand({ HttpTokens: 'required' })),
    );
    expect(err.status).toBeGreaterThanOrEqual(500);
    expect((await sb.admin.counters()).imdsWrites).toEqual({});
  });
});
