import {
  DescribeInstancesCommand,
  type EC2Client,
  RunInstancesCommand,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DetachPolicyCommand,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';
import { DecodeAuthorizationMessageCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { assume, clients, failure } from './clients.js';

const WEB_PROD = '222222222206';
const PAYMENTS_DEV = '222222222207';
const DEV_OU = 'ou-gr01-workloadsdev';
const SEED_STATEMENT = {
  Sid: 'DenyIMDSv1',
  Effect: 'Deny',
  Action: 'ec2:RunInstances',
  Resource: 'arn:aws:ec2:*:*:instance/*',
  Condition: { StringNotEquals: { 'ec2:MetadataHttpTokens': 'required' } },
};

let sb: SandboxHandle;
beforeEach(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1, throttling: 'off' });
});
afterEach(async () => {
  await sb.close();
});

async function memberEc2(accountId: string, region = 'us-east-1'): Promise<EC2Client> {
  return clients(sb, await assume(sb, accountId), region).ec2;
}

function launch(
  tokens: 'optional' | 'required' | undefined,
  extra: Partial<RunInstancesCommandInput> = {},
): RunInstancesCommand {
  return new RunInstancesCommand({
    ImageId: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
    MinCount: 1,
    MaxCount: 1,
    DryRun: true,
    ...(tokens ? { MetadataOptions: { HttpTokens: tokens } } : {}),
    ...extra,
  });
}

describe('RunInstances under service control policies', () => {
  it('refuses an IMDSv1 launch under DenyIMDSv1 with an encoded SCP denial, and lets IMDSv2 through', async () => {
    // Given web-prod, under Root/Workloads/Prod where DenyIMDSv1 is attached
    const ec2 = await memberEc2(WEB_PROD, 'eu-west-1');
    // When it asks for HttpTokens=optional, then the SCP refuses like AWS
    const denied = await failure(ec2.send(launch('optional')));
    expect(denied).toMatchObject({ name: 'UnauthorizedOperation', status: 403 });
    expect(denied.message).toContain('explicit deny in a service control policy');
    const encoded = /Encoded authorization failure message: (\S+)$/.exec(denied.message)?.[1];
    expect(encoded).toBeDefined();
    // And STS decodes which statement denied it
    const { sts } = clients(sb, await assume(sb, WEB_PROD));
    const decoded = await sts.send(
      new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }),
    );
    const body = JSON.parse(decoded.DecodedMessage ?? '{}');
    expect(body).toMatchObject({
      allowed: false,
      explicitDeny: true,
      matchedStatements: { items: [{ statementId: 'DenyIMDSv1', policyId: 'p-denyimdsv1' }] },
      context: { action: 'ec2:RunInstances' },
    });
    // When it asks for required, then the dry run would succeed
    expect(await failure(ec2.send(launch('required')))).toMatchObject({
      name: 'DryRunOperation',
      status: 412,
    });
    // And a launch that relies on the account default alone carries no condition key: refused
    expect(await failure(ec2.send(launch(undefined)))).toMatchObject({
      name: 'UnauthorizedOperation',
    });
  });

  it('does not launch anything when the SCP denies a real (non-DryRun) launch', async () => {
    const ec2 = await memberEc2(WEB_PROD);
    const before = await ec2.send(new DescribeInstancesCommand({}));
    const denied = await failure(ec2.send(launch('optional', { DryRun: false })));
    expect(denied.name).toBe('UnauthorizedOperation');
    const after = await ec2.send(new DescribeInstancesCommand({}));
    expect(after.Reservations?.length).toBe(before.Reservations?.length);
  });

  it('lets accounts outside DenyIMDSv1 launch IMDSv1, and never restricts the management account', async () => {
    // Given payments-dev (Dev OU, no DenyIMDSv1): optional passes the dry run
    expect(await failure((await memberEc2(PAYMENTS_DEV)).send(launch('optional')))).toMatchObject({
      name: 'DryRunOperation',
    });
    // When DenyIMDSv1 is attached to the root
    const { org, ec2: mgmtEc2 } = clients(sb);
    await org.send(new AttachPolicyCommand({ PolicyId: 'p-denyimdsv1', TargetId: 'r-gr01' }));
    // Then payments-dev is refused, the management account is not (SCPs never apply to it)
    expect(await failure((await memberEc2(PAYMENTS_DEV)).send(launch('optional')))).toMatchObject({
      name: 'UnauthorizedOperation',
    });
    expect(await failure(mgmtEc2.send(launch('optional')))).toMatchObject({
      name: 'DryRunOperation',
    });
  });

  it('exempts principals named in ArnNotLike aws:PrincipalArn, and checks companions', async () => {
    const { org } = clients(sb);
    await org.send(
      new UpdatePolicyCommand({
        PolicyId: 'p-denyimdsv1',
        Content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              ...SEED_STATEMENT,
              Condition: {
                ...SEED_STATEMENT.Condition,
                ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/BreakGlass'] },
              },
            },
            {
              Sid: 'DenyIMDSHopLimitAboveMax',
              Effect: 'Deny',
              Action: 'ec2:RunInstances',
              Resource: 'arn:aws:ec2:*:*:instance/*',
              Condition: { NumericGreaterThan: { 'ec2:MetadataHttpPutResponseHopLimit': '2' } },
            },
            {
              Sid: 'DenyRoleDeliveryBelowMin',
              Effect: 'Deny',
              Action: '*',
              Resource: '*',
              Condition: { NumericLessThan: { 'ec2:RoleDelivery': '2.0' } },
            },
          ],
        }),
      }),
    );
    const ec2 = await memberEc2(WEB_PROD);
    // A hop limit above the maximum is refused even with IMDSv2
    expect(
      await failure(
        ec2.send(
          launch(undefined, {
            MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 3 },
          }),
        ),
      ),
    ).toMatchObject({ name: 'UnauthorizedOperation' });
    // RoleDelivery exists only for instance-profile credentials: an assumed role is not affected
    expect(await failure(ec2.send(launch('required')))).toMatchObject({ name: 'DryRunOperation' });
    // When the member role itself is exempt, then IMDSv1 launches pass
    await org.send(
      new UpdatePolicyCommand({
        PolicyId: 'p-denyimdsv1',
        Content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              ...SEED_STATEMENT,
              Condition: {
                ...SEED_STATEMENT.Condition,
                ArnNotLike: {
                  'aws:PrincipalArn': 'arn:aws:iam::*:role/OrganizationAccountAccessRole',
                },
              },
            },
          ],
        }),
      }),
    );
    expect(await failure(ec2.send(launch('optional')))).toMatchObject({ name: 'DryRunOperation' });
  });

  it('needs every level to allow: a level without FullAWSAccess denies implicitly', async () => {
    // Given Dev has only an SCP that allows nothing for EC2 (FullAWSAccess detached)
    const { org } = clients(sb);
    const created = await org.send(
      new CreatePolicyCommand({
        Name: 'OnlyS3',
        Description: 'allows S3 only',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
        }),
      }),
    );
    await org.send(
      new AttachPolicyCommand({ PolicyId: created.Policy!.PolicySummary!.Id!, TargetId: DEV_OU }),
    );
    await org.send(new DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: DEV_OU }));
    // Then even an IMDSv2 launch in payments-dev is refused, without an explicit deny
    const denied = await failure((await memberEc2(PAYMENTS_DEV)).send(launch('required')));
    expect(denied.name).toBe('UnauthorizedOperation');
    expect(denied.message).toContain('no service control policy allows');
    // And Prod is untouched
    expect(await failure((await memberEc2(WEB_PROD)).send(launch('required')))).toMatchObject({
      name: 'DryRunOperation',
    });
  });
});
