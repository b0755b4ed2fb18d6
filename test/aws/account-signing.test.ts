// One EC2 client per region shared by every account: each call must land in its own account.
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientFactory } from '../../src/aws/client-factory.js';
import { createAwsGateways } from '../../src/aws/create-aws-gateways.js';
import type { AwsGateways } from '../../src/aws/gateways.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';

let sb: SandboxHandle;
let gw: AwsGateways;
beforeAll(async () => {
  sb = await startSandbox({
    scenario: 'demo',
    port: 0,
    latencyMs: 0,
    seed: 1,
    // Reads its own writes directly (no read-back retry at this layer).
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

describe('shared regional clients', () => {
  it('sign each concurrent call with its own account, so writes land where they were meant', async () => {
    const region = 'eu-west-1';
    const accounts = ['222222222201', '222222222203', '222222222206', '111111111111'];
    const before = await Promise.all(accounts.map((a) => sb.admin.getImds(a, region)));
    const hop = (i: number) => 10 + i;
    await Promise.all(
      accounts.map(async (a, i) =>
        (await gw.ec2(a, region)).modifyInstanceMetadataDefaults({
          httpPutResponseHopLimit: hop(i),
        }),
      ),
    );
    for (const [i, a] of accounts.entries()) {
      const after = await sb.admin.getImds(a, region);
      expect(after.account.httpPutResponseHopLimit).toBe(hop(i));
      // Nothing else moved in that account.
      expect({ ...after.account, httpPutResponseHopLimit: 0 }).toEqual({
        ...before[i]?.account,
        httpPutResponseHopLimit: 0,
      });
    }
    const reads = await Promise.all(
      accounts.map(async (a) => (await gw.ec2(a, region)).getInstanceMetadataDefaults()),
    );
    expect(reads.map((r) => r.defaults.httpPutResponseHopLimit)).toEqual(
      accounts.map((_, i) => hop(i)),
    );
  });

  it('refuse to send a call that carries no account credentials', async () => {
    const factory = new ClientFactory({ env: { ...sb.env }, toolVersion: '0.0.0-test' });
    try {
      const bound = factory.ec2('us-east-1');
      expect((await bound.send(new DescribeRegionsCommand({}))).Regions?.length).toBeGreaterThan(0);
      // The shared client underneath, used directly, has no identity to sign with.
      const shared = Object.getPrototypeOf(bound) as typeof bound;
      await expect(shared.send(new DescribeRegionsCommand({}))).rejects.toThrow(
        /without account credentials/,
      );
    } finally {
      factory.destroy();
    }
  });
});
