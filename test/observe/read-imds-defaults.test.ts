import { describe, expect, it } from 'vitest';
import type { AwsGateways, Ec2Gateway } from '../../src/aws/gateways.js';
import { AwsApiError } from '../../src/errors.js';
import { readImdsDefaults } from '../../src/observe/read-imds-defaults.js';

function fakeGateways(failures: Record<string, string>) {
  let inFlight = 0;
  let maxInFlight = 0;
  const perAccount = new Map<string, number>();
  let maxPerAccount = 0;
  const ec2 = async (accountId: string, region: string): Promise<Ec2Gateway> => ({
    accountId,
    region,
    describeRegions: async () => [],
    modifyInstanceMetadataDefaults: async () => undefined,
    getInstanceMetadataDefaults: async () => {
      inFlight += 1;
      perAccount.set(accountId, (perAccount.get(accountId) ?? 0) + 1);
      maxInFlight = Math.max(maxInFlight, inFlight);
      maxPerAccount = Math.max(maxPerAccount, perAccount.get(accountId) ?? 0);
      await new Promise((r) => setTimeout(r, 2));
      inFlight -= 1;
      perAccount.set(accountId, (perAccount.get(accountId) ?? 1) - 1);
      const code = failures[`${accountId}/${region}`];
      if (code) {
        throw new AwsApiError(
          { service: 'ec2', operation: 'GetInstanceMetadataDefaults', accountId, region },
          code,
          'nope',
        );
      }
      return {
        defaults: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
        managedBy: 'account',
      };
    },
  });
  const gateways = { ec2 } as unknown as AwsGateways;
  return { gateways, stats: () => ({ maxInFlight, maxPerAccount }) };
}

describe('readImdsDefaults', () => {
  it('sweeps every target within the global and per-account bounds, turning failures into observations', async () => {
    // Given 3 accounts × 5 regions, one region throttled out and one not enabled
    const regions = ['eu-west-1', 'eu-west-2', 'us-east-1', 'us-east-2', 'us-west-2'];
    const { gateways, stats } = fakeGateways({
      'a1/us-east-2': 'RequestLimitExceeded',
      'a2/eu-west-2': 'AuthFailure',
    });
    const progress: Array<[number, number]> = [];
    // When sweeping with concurrency 4, 2 per account
    const result = await readImdsDefaults({
      gateways,
      targets: ['a1', 'a2', 'a3'].map((accountId) => ({
        accountId,
        regions: [...regions].reverse(),
      })),
      concurrency: 4,
      perAccountConcurrency: 2,
      onProgress: (done, total) => progress.push([done, total]),
    });
    // Then every target has an observation, sorted by region
    expect([...result.keys()].sort()).toEqual(['a1', 'a2', 'a3']);
    expect(result.get('a3')?.map((r) => r.region)).toEqual(regions);
    expect(result.get('a1')?.find((r) => r.region === 'us-east-2')).toEqual({
      region: 'us-east-2',
      status: 'error',
      code: 'RequestLimitExceeded',
      message: 'ec2:GetInstanceMetadataDefaults (a1 us-east-2) failed: RequestLimitExceeded: nope',
    });
    expect(result.get('a2')?.find((r) => r.region === 'eu-west-2')).toMatchObject({
      status: 'unreachable',
      reason: 'region-disabled',
    });
    expect(result.get('a3')?.every((r) => r.status === 'ok')).toBe(true);
    // And the bounds held
    expect(stats().maxInFlight).toBeLessThanOrEqual(4);
    expect(stats().maxPerAccount).toBeLessThanOrEqual(2);
    // And progress counted up to the total
    expect(progress[0]).toEqual([0, 15]);
    expect(progress.at(-1)).toEqual([15, 15]);
  });
});

describe('readImdsDefaults on a large organization', () => {
  it('keeps the global slots full while only a window of accounts is in flight', async () => {
    // Given 200 accounts × 17 regions, concurrency 8 and 2 calls per account
    const regions = Array.from({ length: 17 }, (_, i) => `region-${String(i).padStart(2, '0')}`);
    const { gateways, stats } = fakeGateways({});
    const readsPerAccount = new Map<string, number>();
    let active = 0;
    let maxActive = 0;
    const counting = {
      ...gateways,
      ec2: async (accountId: string, region: string) => {
        const seen = readsPerAccount.get(accountId) ?? 0;
        if (seen === 0) maxActive = Math.max(maxActive, ++active);
        readsPerAccount.set(accountId, seen + 1);
        const inner = await gateways.ec2(accountId, region);
        return {
          ...inner,
          getInstanceMetadataDefaults: async () => {
            const out = await inner.getInstanceMetadataDefaults();
            if (seen + 1 === regions.length) active -= 1;
            return out;
          },
        };
      },
    } as AwsGateways;
    // When sweeping
    const result = await readImdsDefaults({
      gateways: counting,
      targets: Array.from({ length: 200 }, (_, i) => ({ accountId: `a${i}`, regions })),
      concurrency: 8,
      perAccountConcurrency: 2,
    });
    // Then every target was read once, the global slots were used in full, and at most the
    // accounts needed to fill twice those slots (8 accounts × 2 calls = 16) were in flight
    expect(result.size).toBe(200);
    expect([...readsPerAccount.values()].every((n) => n === 17)).toBe(true);
    expect(stats().maxInFlight).toBe(8);
    expect(maxActive).toBeLessThanOrEqual(8);
  });
});
