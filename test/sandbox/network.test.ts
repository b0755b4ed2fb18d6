import {
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  RunInstancesCommand,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { assume, clients, failure } from './clients.js';

const SECURITY_AUDIT = '222222222201';
const NETWORK = '222222222203';
const PAYMENTS_DEV = '222222222207';

let sb: SandboxHandle;
beforeEach(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1, throttling: 'off' });
});
afterEach(async () => {
  await sb.close();
});

async function memberEc2(accountId: string, region = 'us-east-1') {
  return clients(sb, await assume(sb, accountId), region).ec2;
}

function dryRun(extra: Partial<RunInstancesCommandInput> = {}): RunInstancesCommand {
  return new RunInstancesCommand({
    ImageId: 'ami-0abcdef1234567890',
    MinCount: 1,
    MaxCount: 1,
    DryRun: true,
    MetadataOptions: { HttpTokens: 'required' },
    ...extra,
  });
}

describe('default VPCs and subnets (aws-behaviour.md §9)', () => {
  it('a subnet-less launch where the region has no default VPC fails with VPCIdNotSpecified, as on AWS', async () => {
    // Given network, a landing-zone account whose default VPCs were deleted
    const ec2 = await memberEc2(NETWORK);
    const vpcs = await ec2.send(new DescribeVpcsCommand({}));
    expect(vpcs.Vpcs?.map((v) => v.IsDefault)).toEqual([false]);
    // When it launches without naming a subnet
    expect(await failure(ec2.send(dryRun()))).toMatchObject({
      name: 'VPCIdNotSpecified',
      status: 400,
      message: 'No default VPC for this user',
    });
    // Then naming one of its subnets reaches DryRunOperation
    const subnets = await ec2.send(new DescribeSubnetsCommand({}));
    const subnet = subnets.Subnets?.[0];
    expect(subnet).toMatchObject({ DefaultForAz: false, State: 'available' });
    expect(await failure(ec2.send(dryRun({ SubnetId: subnet?.SubnetId })))).toMatchObject({
      name: 'DryRunOperation',
      status: 412,
    });
  });

  it('a region with a default VPC lists default subnets and takes subnet-less launches', async () => {
    const ec2 = await memberEc2(PAYMENTS_DEV, 'eu-west-1');
    const defaults = await ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }),
    );
    expect(defaults.Subnets?.length).toBeGreaterThan(0);
    expect(defaults.Subnets?.every((s) => s.AvailabilityZone?.startsWith('eu-west-1'))).toBe(true);
    expect(await failure(ec2.send(dryRun()))).toMatchObject({ name: 'DryRunOperation' });
  });

  it('a region without any VPC lists no subnets; unknown subnets and filters are refused', async () => {
    // security-audit has no VPC at all in sa-east-1 (demo)
    const ec2 = await memberEc2(SECURITY_AUDIT, 'sa-east-1');
    expect((await ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? []).toEqual([]);
    expect(await failure(ec2.send(dryRun()))).toMatchObject({ name: 'VPCIdNotSpecified' });
    expect(await failure(ec2.send(dryRun({ SubnetId: 'subnet-0nothere' })))).toMatchObject({
      name: 'InvalidSubnetID.NotFound',
      status: 400,
    });
    expect(
      await failure(
        ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })),
      ),
    ).toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('the admin API sets a layout per account × region', async () => {
    await sb.admin.setNetwork(PAYMENTS_DEV, 'us-east-1', 'none');
    const ec2 = await memberEc2(PAYMENTS_DEV);
    expect(await failure(ec2.send(dryRun()))).toMatchObject({ name: 'VPCIdNotSpecified' });
    const back = await sb.admin.setNetwork(PAYMENTS_DEV, 'us-east-1', 'default');
    expect(back.vpcs).toMatchObject([{ isDefault: true }]);
    expect(await failure(ec2.send(dryRun()))).toMatchObject({ name: 'DryRunOperation' });
  });
});
