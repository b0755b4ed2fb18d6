import {
  CreateLaunchTemplateVersionCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  type EC2Client,
  ModifyInstanceMetadataDefaultsCommand,
  ModifyInstanceMetadataOptionsCommand,
  ModifyLaunchTemplateCommand,
  paginateDescribeInstances,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { assume, clients, failure } from './clients.js';

const PAYMENTS_DEV = '222222222207';
let sb: SandboxHandle;
let ec2: EC2Client;

// A fresh sandbox per test: tests run shuffled and some of them change the workloads.
beforeEach(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1, throttling: 'off' });
  ec2 = clients(sb, await assume(sb, PAYMENTS_DEV)).ec2;
});
afterEach(() => sb.close());

async function allInstances(filters: { Name: string; Values: string[] }[] = []) {
  const out = [];
  for await (const page of paginateDescribeInstances(
    { client: ec2, pageSize: 5 },
    { Filters: filters },
  )) {
    for (const r of page.Reservations ?? []) out.push(...(r.Instances ?? []));
  }
  return out;
}

describe('DescribeInstances', () => {
  it('pages through the seeded fleet and filters by http-tokens, state and tag', async () => {
    // Given payments-dev's seven seeded instances, when listed 5 per page
    const all = await allInstances();
    expect(all).toHaveLength(7);
    // Then metadata options, state and tags come back as the SDK models them
    const api = all.find((i) => i.InstanceId === 'i-0pd00000000000a01');
    expect(api?.State).toEqual({ Code: 16, Name: 'running' });
    expect(api?.MetadataOptions).toMatchObject({
      HttpTokens: 'optional',
      HttpPutResponseHopLimit: 1,
    });
    expect(api?.Tags).toContainEqual({ Key: 'Name', Value: 'payments-api' });

    const optionalRunning = await allInstances([
      { Name: 'metadata-options.http-tokens', Values: ['optional'] },
      { Name: 'instance-state-name', Values: ['running'] },
    ]);
    expect(optionalRunning.map((i) => i.InstanceId).sort()).toEqual([
      'i-0pd00000000000a01',
      'i-0pd00000000000a02',
      'i-0pd00000000000b01',
      'i-0pd00000000000e01',
    ]);
    const ecs = await allInstances([{ Name: 'tag-key', Values: ['AmazonECSManaged'] }]);
    expect(ecs.map((i) => i.InstanceId)).toEqual(['i-0pd00000000000c01']);
    const named = await allInstances([{ Name: 'tag:Name', Values: ['payments-*'] }]);
    expect(named).toHaveLength(5);
  });

  it('refuses unknown ids, unknown filters and InstanceId with MaxResults', async () => {
    expect(
      await failure(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-nope'] }))),
    ).toMatchObject({
      name: 'InvalidInstanceID.NotFound',
      status: 400,
    });
    expect(
      await failure(
        ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'bogus', Values: ['x'] }] })),
      ),
    ).toMatchObject({ name: 'InvalidParameterValue' });
    expect(
      await failure(
        ec2.send(
          new DescribeInstancesCommand({ InstanceIds: ['i-0pd00000000000a01'], MaxResults: 5 }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidParameterCombination' });
  });
});

describe('ModifyInstanceMetadataOptions', () => {
  it('answers DryRun, then sets required and DescribeInstances shows it', async () => {
    const dry = await failure(
      ec2.send(
        new ModifyInstanceMetadataOptionsCommand({
          InstanceId: 'i-0pd00000000000b01',
          HttpTokens: 'required',
          DryRun: true,
        }),
      ),
    );
    expect(dry).toMatchObject({ name: 'DryRunOperation', status: 412 });
    const out = await ec2.send(
      new ModifyInstanceMetadataOptionsCommand({
        InstanceId: 'i-0pd00000000000b01',
        HttpTokens: 'required',
      }),
    );
    expect(out.InstanceMetadataOptions).toMatchObject({
      State: 'pending',
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 2,
    });
    const [after] =
      (await ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0pd00000000000b01'] })))
        .Reservations?.[0]?.Instances ?? [];
    expect(after?.MetadataOptions).toMatchObject({ State: 'applied', HttpTokens: 'required' });
    expect(
      await failure(
        ec2.send(
          new ModifyInstanceMetadataOptionsCommand({
            InstanceId: 'i-0pd00000000000b01',
            HttpTokens: 'bogus' as never,
          }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidParameterValue' });
  });
});

describe('launch templates', () => {
  it('lists templates and resolves $Default / $Latest versions, with AWS errors', async () => {
    const list = await ec2.send(new DescribeLaunchTemplatesCommand({ MaxResults: 10 }));
    expect(
      list.LaunchTemplates?.map((t) => [
        t.LaunchTemplateName,
        t.DefaultVersionNumber,
        t.LatestVersionNumber,
      ]),
    ).toEqual([
      ['payments-api', 2, 2],
      ['batch-worker', 1, 1],
      ['reporting', 1, 1],
      ['payments-web', 2, 2],
    ]);
    const defaults = await ec2.send(
      new DescribeLaunchTemplateVersionsCommand({ Versions: ['$Default'] }),
    );
    const batch = defaults.LaunchTemplateVersions?.find(
      (v) => v.LaunchTemplateName === 'batch-worker',
    );
    expect(batch?.DefaultVersion).toBe(true);
    expect(batch?.LaunchTemplateData?.MetadataOptions).toBeUndefined();
    const v1 = await ec2.send(
      new DescribeLaunchTemplateVersionsCommand({
        LaunchTemplateName: 'payments-api',
        Versions: ['1'],
      }),
    );
    expect(v1.LaunchTemplateVersions?.[0]?.LaunchTemplateData).toMatchObject({
      ImageId: 'ami-0abcdef1234567890',
      MetadataOptions: { HttpTokens: 'optional', HttpPutResponseHopLimit: 1 },
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Team', Value: 'payments' }] }],
    });
    expect(
      await failure(ec2.send(new DescribeLaunchTemplateVersionsCommand({ Versions: ['1'] }))),
    ).toMatchObject({ name: 'MissingParameter' });
    expect(
      await failure(
        ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'web' })),
      ),
    ).toMatchObject({
      name: 'InvalidLaunchTemplateName.NotFoundException',
      message: 'The specified launch template, with template name web, does not exist.',
    });
  });

  it('creates a version from a source, keeping other fields, and makes it the default', async () => {
    const created = await ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: 'lt-0pd0000000000c001',
        SourceVersion: '1',
        VersionDescription: 'IMDSv2 required',
        LaunchTemplateData: {
          MetadataOptions: {
            HttpTokens: 'required',
            HttpPutResponseHopLimit: 1,
            HttpEndpoint: 'enabled',
          },
        },
      }),
    );
    expect(created.LaunchTemplateVersion).toMatchObject({
      VersionNumber: 2,
      DefaultVersion: false,
      LaunchTemplateData: {
        KeyName: 'reporting',
        InstanceType: 't3.medium',
        MetadataOptions: { HttpTokens: 'required' },
      },
    });
    const modified = await ec2.send(
      new ModifyLaunchTemplateCommand({
        LaunchTemplateId: 'lt-0pd0000000000c001',
        DefaultVersion: '2',
      }),
    );
    expect(modified.LaunchTemplate?.DefaultVersionNumber).toBe(2);
    expect(
      await failure(
        ec2.send(
          new ModifyLaunchTemplateCommand({
            LaunchTemplateId: 'lt-0pd0000000000c001',
            DefaultVersion: '9',
          }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidLaunchTemplateId.VersionNotFound' });
  });
});

describe('RunInstances', () => {
  it('honours request, then template, then the account defaults, and DryRun', async () => {
    // Given payments-dev's account default (optional, hop 1) switched to required, hop 2
    await ec2.send(
      new ModifyInstanceMetadataDefaultsCommand({
        HttpTokens: 'required',
        HttpPutResponseHopLimit: 2,
      }),
    );
    expect(
      await failure(
        ec2.send(
          new RunInstancesCommand({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1, DryRun: true }),
        ),
      ),
    ).toMatchObject({ name: 'DryRunOperation', status: 412 });
    // When an instance launches without metadata options, then it inherits the defaults
    const plain = await ec2.send(
      new RunInstancesCommand({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1 }),
    );
    expect(plain.Instances?.[0]?.MetadataOptions).toMatchObject({
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 2,
    });
    // When launched from a template version that says optional, the template wins
    const fromLt = await ec2.send(
      new RunInstancesCommand({
        MinCount: 1,
        MaxCount: 1,
        LaunchTemplate: { LaunchTemplateName: 'payments-api', Version: '1' },
      }),
    );
    const launched = fromLt.Instances?.[0];
    expect(launched?.MetadataOptions).toMatchObject({
      HttpTokens: 'optional',
      HttpPutResponseHopLimit: 1,
    });
    expect(launched?.Tags).toContainEqual({ Key: 'Team', Value: 'payments' });
    expect(launched?.State?.Name).toBe('pending');
    const seen = await ec2.send(
      new DescribeInstancesCommand({ InstanceIds: [launched?.InstanceId ?? ''] }),
    );
    expect(seen.Reservations?.[0]?.Instances?.[0]?.State?.Name).toBe('running');
    expect(
      await failure(ec2.send(new RunInstancesCommand({ MinCount: 1, MaxCount: 1 }))),
    ).toMatchObject({ name: 'MissingParameter' });
  });
});
