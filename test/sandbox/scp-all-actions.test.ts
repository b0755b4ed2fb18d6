/**
 * The sandbox evaluates SCPs on every action the template names, with the condition keys AWS
 * populates: ModifyInstanceMetadataOptions (instance keys = the instance now, ec2:Attribute/* =
 * the request), ModifyInstanceMetadataDefaults (request keys, Resource "*"), RunInstances
 * (request keys only, never a launch template's), and names the kind of each explicit deny.
 */
import {
  ModifyInstanceMetadataDefaultsCommand,
  ModifyInstanceMetadataOptionsCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { AttachPolicyCommand, UpdatePolicyCommand } from '@aws-sdk/client-organizations';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderScp } from '../../src/core/desired/render-scp.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { demoConfig, TEMPLATES } from '../core/_fixtures/demo.js';
import { assume, clients, dryRunLaunchCommand, failure } from './clients.js';

const PAYMENTS_DEV = '222222222207';
const OPTIONAL_INSTANCE = 'i-0pd00000000000a01';
const REQUIRED_INSTANCE = 'i-0pd00000000000c01';

const SCP = renderScp(
  TEMPLATES.scp,
  demoConfig({
    scp: {
      companions: {
        maxHopLimit: { enabled: true, max: 2 },
        denyMetadataOptionsRelaxing: { enabled: true },
        requireRoleDelivery: { enabled: true, minVersion: 2 },
        protectDefaults: {
          enabled: true,
          adminRoleArns: ['arn:aws:iam::*:role/OrganizationAccountAccessRole'],
        },
      },
    },
  }).scp,
);

let sb: SandboxHandle;
beforeEach(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1, throttling: 'off' });
  const { org } = clients(sb);
  await org.send(new UpdatePolicyCommand({ PolicyId: 'p-denyimdsv1', Content: SCP }));
  await org.send(new AttachPolicyCommand({ PolicyId: 'p-denyimdsv1', TargetId: 'r-gr01' }));
});
afterEach(async () => {
  await sb.close();
});

const toolRole = async () => clients(sb, await assume(sb, PAYMENTS_DEV)).ec2;
/** The account's own IAM user: not the role protectDefaults exempts. */
const otherPrincipal = () => clients(sb, sb.credentialsFor(PAYMENTS_DEV)).ec2;

const modify = (InstanceId: string, HttpTokens?: 'optional' | 'required', hop?: number) =>
  new ModifyInstanceMetadataOptionsCommand({
    InstanceId,
    DryRun: true,
    ...(HttpTokens ? { HttpTokens } : {}),
    ...(hop ? { HttpPutResponseHopLimit: hop } : {}),
  });

describe('SCPs on every action the template names', () => {
  it('ModifyInstanceMetadataOptions: remediation allowed, opt-out denied, hop-only allowed', async () => {
    const ec2 = await toolRole();
    expect(await failure(ec2.send(modify(OPTIONAL_INSTANCE, 'required')))).toMatchObject({
      name: 'DryRunOperation',
    });
    const optOut = await failure(ec2.send(modify(REQUIRED_INSTANCE, 'optional')));
    expect(optOut).toMatchObject({ name: 'UnauthorizedOperation', status: 403 });
    expect(optOut.message).toContain('ec2:ModifyInstanceMetadataOptions');
    expect(optOut.message).toContain('with an explicit deny in a service control policy');
    expect(await failure(ec2.send(modify(OPTIONAL_INSTANCE, undefined, 2)))).toMatchObject({
      name: 'DryRunOperation',
    });
  });

  it('ModifyInstanceMetadataDefaults: the tool’s role is exempt, another principal is denied', async () => {
    const call = new ModifyInstanceMetadataDefaultsCommand({
      HttpTokens: 'required',
      DryRun: true,
    });
    expect(await failure((await toolRole()).send(call))).toMatchObject({
      name: 'DryRunOperation',
    });
    const denied = await failure(otherPrincipal().send(call));
    expect(denied).toMatchObject({ name: 'UnauthorizedOperation', status: 403 });
    expect(denied.message).toContain('ec2:ModifyInstanceMetadataDefaults on resource: *');
  });

  it('RunInstances: a launch template’s MetadataOptions do not fill the request keys', async () => {
    // payments-web v2 says required/2, but the request itself carries no MetadataOptions.
    const launch = (extra: object) =>
      new RunInstancesCommand({
        MinCount: 1,
        MaxCount: 1,
        DryRun: true,
        LaunchTemplate: { LaunchTemplateName: 'payments-web', Version: '2' },
        ...extra,
      });
    const ec2 = await toolRole();
    expect(await failure(ec2.send(launch({})))).toMatchObject({ name: 'UnauthorizedOperation' });
    expect(
      await failure(ec2.send(launch({ MetadataOptions: { HttpTokens: 'required' } }))),
    ).toMatchObject({ name: 'DryRunOperation' });
  });

  it('names identity-policy and permissions-boundary denies as such (principalDenies knob)', async () => {
    await sb.admin.setFaults({
      principalDenies: [
        { accountId: PAYMENTS_DEV, kind: 'permissions-boundary', action: 'ec2:RunInstances' },
        {
          accountId: PAYMENTS_DEV,
          kind: 'identity-policy',
          action: 'ec2:ModifyInstanceMetadataOptions',
        },
      ],
    });
    const ec2 = await toolRole();
    const run = await failure(ec2.send(dryRunLaunchCommand({ HttpTokens: 'required' })));
    expect(run.message).toContain('with an explicit deny in a permissions boundary');
    const mod = await failure(ec2.send(modify(OPTIONAL_INSTANCE, 'required')));
    expect(mod.message).toContain('with an explicit deny in an identity-based policy');
  });
});
