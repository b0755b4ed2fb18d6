import { describe, expect, it } from 'vitest';
import { preflight } from '../../src/app/preflight.js';
import type { AwsGateways, OrganizationInfo } from '../../src/aws/gateways.js';
import { AwsApiError, PreflightError } from '../../src/errors.js';

function gateways(callerAccount: string, org: OrganizationInfo | AwsApiError): AwsGateways {
  return {
    sts: {
      getCallerIdentity: async () => ({
        accountId: callerAccount,
        arn: `arn:aws:iam::${callerAccount}:user/admin`,
        userId: 'AIDA',
      }),
    },
    organizations: {
      describeOrganization: async () => {
        if (org instanceof AwsApiError) throw org;
        return org;
      },
    },
  } as unknown as AwsGateways;
}

const org = { id: 'o-1', managementAccountId: '111111111111', featureSet: 'ALL' };

describe('preflight', () => {
  it('passes for the management account and reports the identity', async () => {
    const events: unknown[] = [];
    const result = await preflight(gateways('111111111111', org), {
      host: { notify: (e) => events.push(e), ask: async () => false as never },
    });
    expect(result.organization).toEqual(org);
    expect(events).toEqual([
      expect.objectContaining({ type: 'preflight.identity', organizationId: 'o-1' }),
    ]);
  });

  it('names the caller, the management account and what is needed when they differ', async () => {
    const err = (await preflight(gateways('222222222201', org)).catch(
      (e: unknown) => e,
    )) as PreflightError;
    expect(err).toBeInstanceOf(PreflightError);
    expect(err.message).toBe(
      'These credentials belong to account 222222222201 (arn:aws:iam::222222222201:user/admin), but the management account of organization o-1 is 111111111111.',
    );
    expect(err.hint).toContain('SCPs never apply to the management account');
  });

  it('explains an account outside any organization', async () => {
    const notInUse = new AwsApiError(
      { service: 'organizations', operation: 'DescribeOrganization' },
      'AWSOrganizationsNotInUseException',
      'Your account is not a member of an organization.',
    );
    const err = (await preflight(gateways('333333333333', notInUse)).catch(
      (e: unknown) => e,
    )) as PreflightError;
    expect(err).toBeInstanceOf(PreflightError);
    expect(err.message).toContain('333333333333');
    expect(err.message).toContain('is not a member of an AWS Organization');
  });
});
