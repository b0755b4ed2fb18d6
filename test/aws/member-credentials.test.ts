import { describe, expect, it } from 'vitest';
import { MemberCredentials } from '../../src/aws/member-credentials.js';
import type { AssumeRoleInput, StsGatewayImpl } from '../../src/aws/sts-gateway.js';
import { AwsApiError } from '../../src/errors.js';

function fakeSts(lifetimeMs: number, clock: { t: number }, denied: string[] = []) {
  const calls: AssumeRoleInput[] = [];
  const sts: StsGatewayImpl = {
    getCallerIdentity: async () => ({ accountId: '111111111111', arn: 'arn', userId: 'u' }),
    assumeRole: async (input) => {
      calls.push(input);
      if (denied.includes(input.accountId)) {
        throw new AwsApiError(
          { service: 'sts', operation: 'AssumeRole', accountId: input.accountId },
          'AccessDenied',
          'not authorized',
          { cause: new Error('User: x is not authorized to perform: sts:AssumeRole') },
        );
      }
      return {
        accessKeyId: `AK${calls.length}`,
        secretAccessKey: 's',
        sessionToken: 't',
        expiration: new Date(clock.t + lifetimeMs),
      };
    },
  };
  return { sts, calls };
}

const role = {
  roleName: 'OrganizationAccountAccessRole',
  sessionName: 'org-guardrails',
  durationSeconds: 3600,
  externalId: 'ext-1',
};

describe('MemberCredentials', () => {
  it('assumes once per account with role, external id and session name, then serves the cache', async () => {
    const clock = { t: 0 };
    const { sts, calls } = fakeSts(3_600_000, clock);
    const creds = new MemberCredentials({ ...role, sts, now: () => clock.t });
    const [a, b] = await Promise.all([creds.get('222222222201'), creds.get('222222222201')]);
    expect(a).toBe(b);
    expect(calls).toEqual([
      {
        accountId: '222222222201',
        roleArn: 'arn:aws:iam::222222222201:role/OrganizationAccountAccessRole',
        sessionName: 'org-guardrails',
        durationSeconds: 3600,
        externalId: 'ext-1',
      },
    ]);
    clock.t = 3_600_000 - 6 * 60_000; // still outside the 5-minute refresh window
    await creds.get('222222222201');
    expect(calls).toHaveLength(1);
  });

  it('refreshes before expiry', async () => {
    const clock = { t: 0 };
    const { sts, calls } = fakeSts(3_600_000, clock);
    const creds = new MemberCredentials({ ...role, sts, now: () => clock.t });
    await creds.get('222222222201');
    clock.t = 3_600_000 - 4 * 60_000; // inside the refresh window
    const fresh = await creds.get('222222222201');
    expect(calls).toHaveLength(2);
    expect(fresh.accessKeyId).toBe('AK2');
  });

  it('raises AccessDenied with a hint naming the role, and does not cache the failure', async () => {
    const clock = { t: 0 };
    const { sts, calls } = fakeSts(3_600_000, clock, ['222222222210']);
    const creds = new MemberCredentials({ ...role, sts, now: () => clock.t });
    const err = (await creds.get('222222222210').catch((e: unknown) => e)) as AwsApiError;
    expect(err.awsCode).toBe('AccessDenied');
    expect(err.hint).toContain('OrganizationAccountAccessRole');
    expect(err.message).toContain('is not authorized to perform: sts:AssumeRole');
    await creds.get('222222222210').catch(() => undefined);
    expect(calls).toHaveLength(2);
  });
});
