import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { assume, clients, failure } from './clients.js';

const SANDBOX_ALICE = '222222222209'; // no account-level defaults in the demo
const V2_AMI = 'ami-0b2c3d4e5f6a7b8c9';
const LEGACY_AMI = 'ami-0abcdef1234567890';

let sb: SandboxHandle;
beforeEach(async () => {
  sb = await startSandbox({
    scenario: 'demo',
    port: 0,
    seed: 1,
    throttling: 'off',
    consistency: 'strong',
  });
});
afterEach(async () => {
  await sb.close();
});

async function launched(
  imageId: string,
  metadata?: { HttpTokens: 'optional' | 'required' },
): Promise<{ tokens?: string; hop?: number }> {
  const { ec2 } = clients(sb, await assume(sb, SANDBOX_ALICE), 'eu-west-1');
  const out = await ec2.send(
    new RunInstancesCommand({
      ImageId: imageId,
      MinCount: 1,
      MaxCount: 1,
      ...(metadata ? { MetadataOptions: metadata } : {}),
    }),
  );
  const id = out.Instances?.[0]?.InstanceId;
  const read = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id ?? ''] }));
  const m = read.Reservations?.[0]?.Instances?.[0]?.MetadataOptions;
  return { tokens: m?.HttpTokens, hop: m?.HttpPutResponseHopLimit };
}

describe('AMIs with ImdsSupport (order of precedence for instance metadata options)', () => {
  it('DescribeImages answers ImdsSupport; an unknown id is InvalidAMIID.NotFound', async () => {
    const { ec2 } = clients(sb, await assume(sb, SANDBOX_ALICE), 'eu-west-1');
    const out = await ec2.send(new DescribeImagesCommand({ ImageIds: [V2_AMI, LEGACY_AMI] }));
    const support = Object.fromEntries((out.Images ?? []).map((i) => [i.ImageId, i.ImdsSupport]));
    expect(support).toEqual({ [V2_AMI]: 'v2.0', [LEGACY_AMI]: undefined });
    expect(
      await failure(ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-0000000000000dead'] }))),
    ).toMatchObject({ name: 'InvalidAMIID.NotFound', status: 400 });
  });

  it('a launch from a v2.0 AMI that says nothing requires IMDSv2 with hop limit 2; the request and the account default still win', async () => {
    expect(await launched(V2_AMI)).toEqual({ tokens: 'required', hop: 2 });
    expect(await launched(LEGACY_AMI)).toEqual({ tokens: 'optional', hop: 1 });
    expect(await launched(V2_AMI, { HttpTokens: 'optional' })).toMatchObject({
      tokens: 'optional',
    });
    await sb.admin.setImds(SANDBOX_ALICE, 'eu-west-1', { httpTokens: 'optional' });
    expect(await launched(V2_AMI)).toEqual({ tokens: 'optional', hop: 2 });
  });

  it('the AL2023 image behind resolve:ssm: has ImdsSupport v2.0', async () => {
    expect(
      await launched(
        'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
      ),
    ).toEqual({ tokens: 'required', hop: 2 });
  });
});
