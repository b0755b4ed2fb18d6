import { describe, expect, it } from 'vitest';
import { recognizeLauncher } from '../../../src/core/launch/launcher.js';
import { parseLaunchRecord } from '../../../src/core/launch/parse-event.js';
import { createLaunchTally } from '../../../src/core/launch/tally.js';
import type { LaunchEvent } from '../../../src/core/launch/types.js';
import { SEED_SCP } from '../../_fixtures/seed-scp.js';

const DENY = { name: 'DenyIMDSv1', content: SEED_SCP };

function launch(over: Partial<LaunchEvent> = {}): LaunchEvent {
  return {
    eventId: 'e1',
    time: '2026-12-01T10:00:00Z',
    accountId: '222222222208',
    region: 'us-east-1',
    principalType: 'IAMUser',
    principalArn: 'arn:aws:iam::222222222208:user/deployer',
    userAgent: 'aws-cli/2.17.0 md/command#ec2.run-instances',
    fromConsole: false,
    metadataOptions: {},
    dryRun: false,
    ...over,
  };
}

describe('parseLaunchRecord', () => {
  it('takes the role ARN from the session issuer, the request metadata as sent, dry runs from the error code', () => {
    const e = parseLaunchRecord(
      {
        eventName: 'RunInstances',
        eventID: 'id-1',
        eventTime: '2026-12-01T10:00:00Z',
        awsRegion: 'eu-west-1',
        userAgent: 'ua',
        errorCode: 'Client.DryRunOperation',
        userIdentity: {
          type: 'AssumedRole',
          arn: 'arn:aws:sts::222222222208:assumed-role/Karpenter/123',
          invokedBy: 'ec2fleet.amazonaws.com',
          sessionContext: {
            sessionIssuer: { arn: 'arn:aws:iam::222222222208:role/team/Karpenter' },
            ec2RoleDelivery: '2.0',
          },
        },
        requestParameters: {
          metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
          launchTemplate: { launchTemplateId: 'lt-1', version: 3 },
        },
      },
      { accountId: '222222222208', region: 'us-east-1' },
    );
    expect(e).toMatchObject({
      principalArn: 'arn:aws:iam::222222222208:role/team/Karpenter',
      sessionName: '123',
      invokedBy: 'ec2fleet.amazonaws.com',
      roleDelivery: '2.0',
      region: 'eu-west-1',
      dryRun: true,
      metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
      launchTemplate: { id: 'lt-1', version: '3' },
    });
    expect(
      parseLaunchRecord({ eventName: 'CreateLaunchTemplate' }, { accountId: '1', region: 'r' }),
    ).toBe(undefined);
  });

  it('reads a CreateFleet record as CloudTrail writes it: Type (default maintain), the first launch template, dry runs', () => {
    const where = { accountId: '222222222208', region: 'us-west-2' };
    // The shape quoted in kubernetes-sigs/karpenter#2813 (a list of one written as an object).
    const instant = parseLaunchRecord(
      {
        eventName: 'CreateFleet',
        eventID: 'f-1',
        userAgent: 'aws-sdk-go-v2/1.36.3 karpenter.sh-1.5.0 m/h',
        errorCode: 'Client.DryRunOperation',
        userIdentity: {
          type: 'AssumedRole',
          arn: 'arn:aws:sts::222222222208:assumed-role/abc-Karpenter-Role/1768825272022703283',
          sessionContext: {
            sessionIssuer: { arn: 'arn:aws:iam::222222222208:role/abc-Karpenter-Role' },
          },
        },
        requestParameters: {
          CreateFleetRequest: {
            TargetCapacitySpecification: { DefaultTargetCapacityType: 'on-demand' },
            Type: 'instant',
            LaunchTemplateConfigs: {
              LaunchTemplateSpecification: {
                LaunchTemplateName: 'karpenter.k8s.aws/1',
                Version: '$Latest',
              },
              Overrides: [{ InstanceType: 'm5.large', tag: 1 }],
              tag: 1,
            },
          },
        },
      },
      where,
    );
    expect(instant).toMatchObject({
      eventName: 'CreateFleet',
      fleetType: 'instant',
      principalArn: 'arn:aws:iam::222222222208:role/abc-Karpenter-Role',
      launchTemplate: { name: 'karpenter.k8s.aws/1', version: '$Latest' },
      metadataOptions: {},
      dryRun: true,
    });
    const maintain = parseLaunchRecord(
      {
        eventName: 'CreateFleet',
        userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::222222222208:user/batch' },
        requestParameters: {
          CreateFleetRequest: {
            LaunchTemplateConfigs: [{ LaunchTemplateSpecification: { LaunchTemplateId: 'lt-9' } }],
          },
        },
      },
      where,
    );
    expect(maintain).toMatchObject({
      fleetType: 'maintain',
      launchTemplate: { id: 'lt-9' },
      dryRun: false,
    });
  });
});

describe('recognizeLauncher', () => {
  it('tells launchers apart by user agent, calling service and principal, each with its fix', () => {
    const ua = (userAgent: string, over: Partial<LaunchEvent> = {}) =>
      recognizeLauncher(launch({ userAgent, ...over }));
    expect(ua('aws-sdk-go-v2/1.36.3 api/ec2#1.215.0 karpenter.sh-1.5.0 m/h')).toMatchObject({
      id: 'karpenter',
      label: 'Karpenter 1.5.0',
    });
    expect(ua('x').fix).toContain('principal exception');
    expect(
      ua('ec2fleet.amazonaws.com', {
        invokedBy: 'ec2fleet.amazonaws.com',
        principalArn: 'arn:aws:iam::1:role/KarpenterControllerRole-x',
      }).id,
    ).toBe('karpenter');
    expect(ua('ec2fleet.amazonaws.com', { invokedBy: 'ec2fleet.amazonaws.com' }).id).toBe(
      'ec2-fleet',
    );
    const tf = ua(
      'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 terraform-provider-aws/5.80.0 aws-sdk-go-v2/1',
    );
    expect(tf).toMatchObject({ id: 'terraform', label: 'Terraform (AWS provider 5.80.0)' });
    expect(tf.fix).toContain('metadata_options { http_tokens = "required" }');
    expect(ua('console.ec2.amazonaws.com').id).toBe('console');
    expect(ua('autoscaling.amazonaws.com').id).toBe('auto-scaling');
    expect(ua('cloudformation.amazonaws.com').id).toBe('cloudformation');
    expect(
      ua('aws-sdk-go-v2/1.30', { principalArn: 'arn:aws:iam::1:role/runs-on-RunsOnServiceRole-x' })
        .id,
    ).toBe('github-actions-runner');
    expect(ua('aws-cli/2.17.0 md/command#ec2.run-instances')).toMatchObject({
      id: 'aws-cli',
      label: 'AWS CLI 2.17.0',
    });
    expect(ua('something-else').id).toBe('unknown');
  });
});

describe('launch tally', () => {
  it('counts per account and principal, keeps the worst example, and tells refused from already refused', () => {
    const tally = createLaunchTally({
      policies: [DENY],
      lookbackDays: 14,
      window: { start: 's', end: 'e' },
    });
    tally.add(launch({ eventId: 'ok', metadataOptions: { httpTokens: 'required' } }));
    tally.add(launch({ eventId: 'bad-old', time: '2026-11-30T10:00:00Z' }));
    tally.add(launch({ eventId: 'bad-new', time: '2026-12-01T11:00:00Z', region: 'eu-west-1' }));
    tally.add(
      launch({
        eventId: 'refused',
        accountId: '222222222205',
        principalArn: 'arn:aws:iam::222222222205:role/ci',
        principalType: 'AssumedRole',
        errorCode: 'Client.UnauthorizedOperation',
      }),
    );
    tally.unread('222222222209', 'us-east-1', 'AccessDeniedException');
    const preview = tally.finish([
      { accountId: '222222222208', accountName: 'web-dev' },
      { accountId: '222222222205', accountName: 'payments-prod' },
      { accountId: '222222222209', accountName: 'sandbox-alice' },
    ]);
    expect(preview.summary).toMatchObject({
      accounts: 3,
      accountsWithRefusals: 1,
      launches: 4,
      refused: 2,
      alreadyRefused: 1,
      unreadRegions: 1,
    });
    const [first, second] = preview.principals;
    expect(first).toMatchObject({
      accountName: 'web-dev',
      verdict: 'refused',
      launches: 3,
      refused: 2,
      regions: ['eu-west-1', 'us-east-1'],
      example: { eventId: 'bad-new', region: 'eu-west-1' },
      deniedBy: { policyName: 'DenyIMDSv1', statement: 'DenyIMDSv1' },
      launcher: { id: 'aws-cli' },
    });
    expect(second).toMatchObject({ verdict: 'already-refused', alreadyRefused: 1, refused: 0 });
    expect(preview.accounts.find((a) => a.accountId === '222222222209')?.unread).toEqual([
      'us-east-1 (AccessDeniedException)',
    ]);
  });

  it('counts an instant fleet once (its CreateFleet), maintain fleets as unaffected, and LookupEvents denials per account', () => {
    const tally = createLaunchTally({
      policies: [DENY],
      lookbackDays: 14,
      window: { start: 's', end: 'e' },
    });
    const karpenter = {
      principalType: 'AssumedRole',
      principalArn: 'arn:aws:iam::222222222208:role/KarpenterControllerRole-web-dev',
      launchTemplate: { id: 'lt-1', version: '1' },
    };
    tally.add(
      launch({ ...karpenter, eventId: 'fleet', eventName: 'CreateFleet', fleetType: 'instant' }),
    );
    // The fleet's own RunInstances record (same request): not counted again.
    tally.add(
      launch({
        ...karpenter,
        eventId: 'fleet-ri',
        invokedBy: 'ec2fleet.amazonaws.com',
        userAgent: 'ec2fleet.amazonaws.com',
      }),
    );
    tally.add(
      launch({
        eventId: 'batch',
        eventName: 'CreateFleet',
        fleetType: 'maintain',
        launchTemplate: { id: 'lt-2' },
      }),
    );
    tally.unread(
      '222222222208',
      'us-east-1',
      'AccessDeniedException on cloudtrail:LookupEvents',
      true,
    );
    tally.unread(
      '222222222208',
      'eu-west-1',
      'AccessDeniedException on cloudtrail:LookupEvents',
      true,
    );
    const preview = tally.finish([{ accountId: '222222222208', accountName: 'web-dev' }]);
    expect(preview.summary).toMatchObject({
      launches: 2,
      unknown: 1,
      refused: 0,
      unreadRegions: 2,
    });
    const [fleet, batch] = preview.principals;
    expect(fleet).toMatchObject({ launches: 1, verdict: 'unknown', example: { eventId: 'fleet' } });
    expect(fleet?.reason).toContain('CreateFleet has no request-level MetadataOptions');
    expect(batch).toMatchObject({ verdict: 'not-subject' });
    expect(batch?.reason).toContain('AWSServiceRoleForEC2Fleet');
    expect(preview.accounts[0]).toMatchObject({
      unread: [],
      lookupDenied: ['eu-west-1', 'us-east-1'],
    });
  });
});
