/**
 * AWS's answers at the edges that the other sandbox tests do not reach, one per row of the
 * conformance table in src/sandbox/SPEC.md: unsigned requests, an expired token on
 * Organizations, request ids, HttpTokensEnforced, Organizations limits and not-found errors,
 * and a foreign authorization message.
 */
import {
  GetInstanceMetadataDefaultsCommand,
  ModifyInstanceMetadataDefaultsCommand,
  ModifyInstanceMetadataOptionsCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DisablePolicyTypeCommand,
  EnablePolicyTypeCommand,
  ListAccountsCommand,
  ListParentsCommand,
  ListPoliciesForTargetCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { DecodeAuthorizationMessageCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { assume, clients, failure } from './clients.js';

const PAYMENTS_DEV = '222222222207';
let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1, throttling: 'off' });
});
afterAll(() => sb.close());

/** A request with no Authorization header at all, as a misconfigured client would send. */
async function unsigned(headers: Record<string, string>, body: string) {
  const res = await fetch(sb.url, { method: 'POST', headers, body });
  return { status: res.status, body: await res.text() };
}

describe('requests without credentials', () => {
  it('answers MissingAuthenticationToken on every protocol', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const sts = await unsigned(form, 'Action=GetCallerIdentity&Version=2011-06-15');
    expect(sts.status).toBe(403);
    expect(sts.body).toContain('<Code>MissingAuthenticationToken</Code>');
    const ec2 = await unsigned(form, 'Action=DescribeRegions&Version=2016-11-15');
    expect(ec2.status).toBe(401);
    expect(ec2.body).toContain('<Code>MissingAuthenticationToken</Code>');
    const org = await unsigned(
      {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSOrganizationsV20161128.ListRoots',
      },
      '{}',
    );
    expect(org.status).toBe(400);
    expect(JSON.parse(org.body)).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
  });
});

describe('expired credentials on Organizations', () => {
  it('answers ExpiredTokenException 400 once the session has expired', async () => {
    const own = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    try {
      const creds = await assume(own, '222222222203');
      await own.admin.expireCredentials();
      const org = new OrganizationsClient({
        region: 'us-east-1',
        endpoint: own.url,
        credentials: creds,
        maxAttempts: 1,
      });
      expect(await failure(org.send(new ListAccountsCommand({})))).toMatchObject({
        name: 'ExpiredTokenException',
        status: 400,
      });
    } finally {
      await own.close();
    }
  });
});

describe('request ids', () => {
  it('gives every answer, success or error, an x-amzn-RequestId', async () => {
    const c = clients(sb);
    const ok = await c.ec2.send(new GetInstanceMetadataDefaultsCommand({}));
    expect(ok.$metadata.requestId).toMatch(/\S{8,}/);
    try {
      await c.org.send(new ListParentsCommand({ ChildId: '999999999999' }));
      expect.unreachable('ListParents of an unknown child must fail');
    } catch (err) {
      expect((err as { $metadata: { requestId?: string } }).$metadata.requestId).toMatch(/\S{8,}/);
    }
  });
});

describe('HttpTokensEnforced', () => {
  it('refuses an IMDSv1 launch and an opt-out with UnsupportedOperation, before DryRun', async () => {
    // Given payments-dev with IMDSv2 enforced in us-east-1
    const ec2 = clients(sb, await assume(sb, PAYMENTS_DEV)).ec2;
    await ec2.send(
      new ModifyInstanceMetadataDefaultsCommand({
        HttpTokens: 'required',
        HttpTokensEnforced: 'enabled',
      }),
    );
    try {
      const launch = (HttpTokens: 'optional' | 'required', DryRun: boolean) =>
        ec2.send(
          new RunInstancesCommand({
            ImageId: 'ami-1',
            MinCount: 1,
            MaxCount: 1,
            MetadataOptions: { HttpTokens },
            DryRun,
          }),
        );
      // When an IMDSv1 launch is asked for, even as a dry run, then EC2 refuses it
      for (const dryRun of [true, false]) {
        expect(await failure(launch('optional', dryRun))).toMatchObject({
          name: 'UnsupportedOperation',
          status: 400,
        });
      }
      // And an IMDSv2 launch passes (DryRun answers DryRunOperation)
      expect(await failure(launch('required', true))).toMatchObject({ name: 'DryRunOperation' });
      // When an existing instance is switched back to optional, then EC2 refuses that too
      expect(
        await failure(
          ec2.send(
            new ModifyInstanceMetadataOptionsCommand({
              InstanceId: 'i-0pd00000000000c01',
              HttpTokens: 'optional',
            }),
          ),
        ),
      ).toMatchObject({ name: 'UnsupportedOperation', status: 400 });
    } finally {
      await ec2.send(
        new ModifyInstanceMetadataDefaultsCommand({ HttpTokensEnforced: 'no-preference' }),
      );
    }
  });
});

describe('Organizations limits and not-found errors', () => {
  it('bounds MaxResults, name length and the number of policies of a type', async () => {
    const { org } = clients(sb);
    expect(await failure(org.send(new ListAccountsCommand({ MaxResults: 0 })))).toMatchObject({
      name: 'InvalidInputException',
      Reason: 'MIN_VALUE_EXCEEDED',
    });
    expect(await failure(org.send(new ListAccountsCommand({ MaxResults: 21 })))).toMatchObject({
      name: 'InvalidInputException',
      Reason: 'MAX_VALUE_EXCEEDED',
    });
    const create = (Name: string) =>
      org.send(
        new CreatePolicyCommand({
          Name,
          Description: 'd',
          Type: 'AISERVICES_OPT_OUT_POLICY',
          Content: '{"services":{}}',
        }),
      );
    expect(await failure(create('n'.repeat(129)))).toMatchObject({
      name: 'InvalidInputException',
      Reason: 'MAX_LENGTH_EXCEEDED',
    });
    // 1,000 policies of a non-SCP type fit (orgs_reference_limits); the next one does not
    for (let batch = 0; batch < 1000; batch += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => create(`opt-out-${batch + i}`)));
    }
    expect(await failure(create('opt-out-1000'))).toMatchObject({
      name: 'ConstraintViolationException',
      Reason: 'POLICY_NUMBER_LIMIT_EXCEEDED',
    });
  });

  it('answers ChildNotFoundException for an unknown child', async () => {
    const { org } = clients(sb);
    expect(
      await failure(org.send(new ListParentsCommand({ ChildId: '999999999999' }))),
    ).toMatchObject({ name: 'ChildNotFoundException', status: 400 });
  });

  it('detaches every policy of a type when the type is disabled', async () => {
    const own = await startSandbox({ scenario: 'empty', port: 0 });
    try {
      const { org } = clients(own);
      await org.send(
        new EnablePolicyTypeCommand({ RootId: 'r-gr01', PolicyType: 'SERVICE_CONTROL_POLICY' }),
      );
      const created = await org.send(
        new CreatePolicyCommand({
          Name: 'deny-all-ec2',
          Description: 'd',
          Type: 'SERVICE_CONTROL_POLICY',
          Content:
            '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:*","Resource":"*"}]}',
        }),
      );
      const id = created.Policy?.PolicySummary?.Id ?? '';
      await org.send(new AttachPolicyCommand({ PolicyId: id, TargetId: 'r-gr01' }));
      await org.send(
        new DisablePolicyTypeCommand({ RootId: 'r-gr01', PolicyType: 'SERVICE_CONTROL_POLICY' }),
      );
      await org.send(
        new EnablePolicyTypeCommand({ RootId: 'r-gr01', PolicyType: 'SERVICE_CONTROL_POLICY' }),
      );
      const attached = await org.send(
        new ListPoliciesForTargetCommand({ TargetId: 'r-gr01', Filter: 'SERVICE_CONTROL_POLICY' }),
      );
      expect(attached.Policies?.map((p) => p.Id)).toEqual(['p-FullAWSAccess']);
    } finally {
      await own.close();
    }
  });
});

describe('DecodeAuthorizationMessage', () => {
  it('refuses a message the sandbox did not encode', async () => {
    const { sts } = clients(sb);
    expect(
      await failure(
        sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'bm90IG91cnM=' })),
      ),
    ).toMatchObject({ name: 'InvalidAuthorizationMessageException', status: 400 });
  });
});
