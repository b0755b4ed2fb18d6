import { GetInstanceMetadataDefaultsCommand } from '@aws-sdk/client-ec2';
import { ListRootsCommand } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { assume, clients, failure } from './clients.js';

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
});
afterAll(() => sb.close());

const roleArn = (account: string) => `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`;

describe('STS', () => {
  it('identifies the management admin and an assumed-role session', async () => {
    // Given the management keys / When GetCallerIdentity / Then the IAM user of 111111111111
    const me = await clients(sb).sts.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({
      Account: '111111111111',
      Arn: 'arn:aws:iam::111111111111:user/sandbox-admin',
    });
    const out = await clients(sb).sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn('222222222203'),
        RoleSessionName: 'guardrails',
        DurationSeconds: 900,
      }),
    );
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA222222222203[0-9A-Z]{4}$/);
    expect(out.Credentials?.SessionToken).toBeTruthy();
    expect(out.Credentials?.Expiration).toBeInstanceOf(Date);
    expect(out.AssumedRoleUser?.Arn).toBe(
      'arn:aws:sts::222222222203:assumed-role/OrganizationAccountAccessRole/guardrails',
    );
    const creds = {
      accessKeyId: out.Credentials?.AccessKeyId ?? '',
      secretAccessKey: out.Credentials?.SecretAccessKey ?? '',
      sessionToken: out.Credentials?.SessionToken ?? '',
    };
    const member = await clients(sb, creds).sts.send(new GetCallerIdentityCommand({}));
    expect(member).toMatchObject({ Account: '222222222203', Arn: out.AssumedRoleUser?.Arn });
  });

  it('refuses unknown keys and a forged session token with InvalidClientTokenId 403', async () => {
    const unknown = clients(sb, { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' }).sts;
    expect(await failure(unknown.send(new GetCallerIdentityCommand({})))).toEqual({
      name: 'InvalidClientTokenId',
      status: 403,
      message: 'The security token included in the request is invalid.',
    });
    const forged = clients(sb, {
      accessKeyId: 'ASIA2222222222030001',
      secretAccessKey: 'x',
      sessionToken: 'SBX1.e30.bad',
    }).sts;
    expect(await failure(forged.send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
    });
    const orgs = clients(sb, { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' }).org;
    expect(await failure(orgs.send(new ListRootsCommand({})))).toMatchObject({
      name: 'UnrecognizedClientException',
    });
  });

  it('denies a missing role, a suspended account and a non-management caller', async () => {
    const sts = clients(sb).sts;
    const denied = (account: string) => ({
      name: 'AccessDenied',
      status: 403,
      message: `User: arn:aws:iam::111111111111:user/sandbox-admin is not authorized to perform: sts:AssumeRole on resource: ${roleArn(account)}`,
    });
    expect(
      await failure(
        sts.send(
          new AssumeRoleCommand({ RoleArn: roleArn('222222222210'), RoleSessionName: 's' + 'x' }),
        ),
      ),
    ).toEqual(denied('222222222210'));
    expect(
      await failure(
        sts.send(
          new AssumeRoleCommand({ RoleArn: roleArn('222222222211'), RoleSessionName: 'sx' }),
        ),
      ),
    ).toEqual(denied('222222222211'));
    expect(
      await failure(
        sts.send(
          new AssumeRoleCommand({ RoleArn: roleArn('999999999999'), RoleSessionName: 'sx' }),
        ),
      ),
    ).toMatchObject({ name: 'AccessDenied' });
    const member = clients(sb, await assume(sb, '222222222201')).sts;
    expect(
      await failure(
        member.send(
          new AssumeRoleCommand({ RoleArn: roleArn('222222222202'), RoleSessionName: 'sx' }),
        ),
      ),
    ).toMatchObject({
      name: 'AccessDenied',
      status: 403,
    });
  });

  it('validates DurationSeconds, role chaining and required parameters', async () => {
    const sts = clients(sb).sts;
    const call = (input: object) =>
      sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn('222222222203'),
          RoleSessionName: 'sx',
          ...input,
        }),
      );
    expect(await failure(call({ DurationSeconds: 899 }))).toMatchObject({
      name: 'ValidationError',
      status: 400,
    });
    expect(await failure(call({ DurationSeconds: 7200 }))).toEqual({
      name: 'ValidationError',
      status: 400,
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
    const chained = clients(sb, await assume(sb, '222222222203')).sts;
    expect(
      await failure(
        chained.send(
          new AssumeRoleCommand({
            RoleArn: roleArn('222222222203'),
            RoleSessionName: 'sx',
            DurationSeconds: 3601,
          }),
        ),
      ),
    ).toEqual({
      name: 'ValidationError',
      status: 400,
      message:
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    });
    expect(
      await failure(sts.send(new AssumeRoleCommand({ RoleArn: roleArn('222222222203') } as never))),
    ).toMatchObject({ name: 'ValidationError' });
    expect(
      await failure(
        sts.send(new AssumeRoleCommand({ RoleArn: 'not-an-arn', RoleSessionName: 'sx' })),
      ),
    ).toMatchObject({ name: 'ValidationError' });
  });

  it('refuses STS in a region the caller has not enabled', async () => {
    const optIn = clients(sb, sb.credentials, 'af-south-1').sts;
    expect(await failure(optIn.send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
      status: 403,
    });
  });
});

describe('credential expiry', () => {
  it('expires temporary credentials after credentialTtlSeconds: ExpiredToken (STS), RequestExpired (EC2)', async () => {
    const now = { t: Date.parse('2026-11-26T10:00:00Z') };
    const own = await startSandbox({
      scenario: 'demo',
      credentialTtlSeconds: 60,
      now: () => now.t,
    });
    try {
      const creds = await assume(own, '222222222203');
      const c = clients(own, creds);
      await c.ec2.send(new GetInstanceMetadataDefaultsCommand({}));
      now.t += 61_000;
      expect(await failure(c.sts.send(new GetCallerIdentityCommand({})))).toEqual({
        name: 'ExpiredToken',
        status: 403,
        message: 'The security token included in the request is expired',
      });
      expect(await failure(c.ec2.send(new GetInstanceMetadataDefaultsCommand({})))).toMatchObject({
        name: 'RequestExpired',
        status: 400,
      });
    } finally {
      await own.close();
    }
  });

  it('expires every issued credential through the admin API', async () => {
    const creds = await assume(sb, '222222222204');
    await sb.admin.expireCredentials();
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: sb.url,
      credentials: creds,
      maxAttempts: 1,
    });
    expect(await failure(sts.send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'ExpiredToken',
    });
    // New sessions still work.
    const fresh = clients(sb, await assume(sb, '222222222204')).sts;
    expect((await fresh.send(new GetCallerIdentityCommand({}))).Account).toBe('222222222204');
  });
});
