// The SDK gateways against the sandbox (real wire protocols): pagination, access, regions, errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsGateways } from '../../src/aws/create-aws-gateways.js';
import type { AwsGateways } from '../../src/aws/gateways.js';
import { AwsApiError } from '../../src/errors.js';
import { readImdsDefaults } from '../../src/observe/read-imds-defaults.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';

let sb: SandboxHandle;
let gw: AwsGateways;
beforeAll(async () => {
  // Page size 1: every list call needs several pages.
  sb = await startSandbox({
    scenario: 'demo',
    port: 0,
    latencyMs: 0,
    seed: 1,
    pageSize: 1,
    // Single gateway calls read their own writes here; read-back retries are tested in execute/.
    consistency: 'strong',
  });
  gw = createAwsGateways({
    env: { ...sb.env },
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    toolVersion: '0.0.0-test',
    memberRole: {
      roleName: 'OrganizationAccountAccessRole',
      sessionName: 'org-guardrails',
      durationSeconds: 3600,
    },
  });
});
afterAll(async () => {
  gw.close?.();
  await sb.close();
});

describe('AWS gateways against the sandbox', () => {
  it('follow pagination to the last page', async () => {
    const [root] = await gw.organizations.listRoots();
    const ous = await gw.organizations.listOrganizationalUnitsForParent(root?.id ?? '');
    expect(ous.map((o) => o.name).sort()).toEqual([
      'Infrastructure',
      'Sandbox',
      'Security',
      'Workloads',
    ]);
    const scps = await gw.organizations.listPolicies('SERVICE_CONTROL_POLICY');
    expect(scps.map((p) => p.name).sort()).toEqual(['DenyIMDSv1', 'FullAWSAccess']);
  });

  it('read the caller, then member accounts through the assumed role', async () => {
    expect((await gw.sts.getCallerIdentity()).accountId).toBe('111111111111');
    const network = await gw.ec2('222222222203', 'eu-west-1');
    expect(await network.getInstanceMetadataDefaults()).toEqual({
      defaults: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
      managedBy: 'account',
    });
    const regions = await (await gw.ec2('222222222206', 'us-east-1')).describeRegions();
    expect(regions.find((r) => r.name === 'eu-south-1')?.optInStatus).toBe('opted-in');
  });

  it('raise a typed AccessDenied when the member role is missing', async () => {
    const err = (await gw.checkAccess('222222222210').catch((e: unknown) => e)) as AwsApiError;
    expect(err).toBeInstanceOf(AwsApiError);
    expect(err.awsCode).toBe('AccessDenied');
    expect(err.context).toMatchObject({
      service: 'sts',
      operation: 'AssumeRole',
      accountId: '222222222210',
    });
  });

  it('write with DryRun without changing anything, then for real', async () => {
    const ec2 = await gw.ec2('222222222209', 'us-west-2');
    await ec2.modifyInstanceMetadataDefaults({ httpTokens: 'required' }, { dryRun: true });
    expect((await ec2.getInstanceMetadataDefaults()).defaults).toEqual({});
    await ec2.modifyInstanceMetadataDefaults({
      httpTokens: 'required',
      httpPutResponseHopLimit: 2,
    });
    expect((await ec2.getInstanceMetadataDefaults()).defaults).toEqual({
      httpTokens: 'required',
      httpPutResponseHopLimit: 2,
    });
  });

  it('map AuthFailure in a disabled region to unreachable region-disabled', async () => {
    await sb.admin.disableRegion('222222222201', 'eu-north-1');
    const result = await readImdsDefaults({
      gateways: gw,
      targets: [{ accountId: '222222222201', regions: ['eu-north-1', 'us-east-1'] }],
      concurrency: 2,
      perAccountConcurrency: 2,
    });
    expect(result.get('222222222201')).toEqual([
      expect.objectContaining({
        region: 'eu-north-1',
        status: 'unreachable',
        reason: 'region-disabled',
      }),
      expect.objectContaining({ region: 'us-east-1', status: 'ok' }),
    ]);
  });
});
