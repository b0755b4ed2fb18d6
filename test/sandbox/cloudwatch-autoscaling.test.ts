import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  paginateDescribeAutoScalingGroups,
} from '@aws-sdk/client-auto-scaling';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  type MetricDataQuery,
  paginateGetMetricData,
  paginateListMetrics,
} from '@aws-sdk/client-cloudwatch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { assume, type Creds, failure } from './clients.js';

let sb: SandboxHandle;
let payments: Creds;
const NOW = Date.now();
const HOUR = Math.floor(NOW / 3_600_000) * 3600;

// A fresh sandbox per test: tests run shuffled and some of them change the workloads.
beforeEach(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1, throttling: 'off' });
  payments = await assume(sb, '222222222207');
});
afterEach(() => sb.close());

function cw(creds: Creds) {
  return new CloudWatchClient({
    endpoint: sb.url,
    region: 'us-east-1',
    credentials: creds,
    maxAttempts: 1,
  });
}

function perInstance(id: string, instanceId: string, metric = 'MetadataNoToken'): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/EC2',
        MetricName: metric,
        Dimensions: [{ Name: 'InstanceId', Value: instanceId }],
      },
      Period: 86_400,
      Stat: 'Sum',
    },
  };
}

const WINDOW = { StartTime: new Date((HOUR - 14 * 86_400) * 1000), EndTime: new Date(HOUR * 1000) };

describe('CloudWatch ListMetrics', () => {
  it('lists the seeded MetadataNoToken series page by page', async () => {
    const ids: string[] = [];
    for await (const page of paginateListMetrics(
      { client: cw(payments) },
      { Namespace: 'AWS/EC2', MetricName: 'MetadataNoToken' },
    )) {
      for (const m of page.Metrics ?? []) ids.push(m.Dimensions?.[0]?.Value ?? '');
    }
    expect(ids.sort()).toEqual([
      'i-0pd00000000000a01',
      'i-0pd00000000000a02',
      'i-0pd00000000000b01',
      'i-0pd00000000000c01',
      'i-0pd00000000000d01',
      'i-0pd00000000000e01',
    ]);
  });
});

describe('CloudWatch GetMetricData', () => {
  it('sums per instance over 14 days, daily periods, descending', async () => {
    const out = await cw(payments).send(
      new GetMetricDataCommand({
        ...WINDOW,
        MetricDataQueries: [
          perInstance('a1', 'i-0pd00000000000a01'),
          perInstance('e1', 'i-0pd00000000000e01'),
          perInstance('r1', 'i-0pd00000000000d01', 'MetadataNoTokenRejected'),
          perInstance('none', 'i-unknown'),
        ],
      }),
    );
    const by = new Map(out.MetricDataResults?.map((r) => [r.Id, r]));
    const sum = (id: string) => (by.get(id)?.Values ?? []).reduce((a, b) => a + b, 0);
    expect(sum('a1')).toBe(12 * 24 * 14);
    expect(by.get('a1')?.Timestamps?.length).toBe(14);
    const ts = by.get('a1')?.Timestamps ?? [];
    expect(ts[0]!.getTime()).toBeGreaterThan(ts[1]!.getTime());
    expect(sum('e1')).toBe(48);
    expect(sum('r1')).toBe(5 * 14);
    expect(by.get('none')).toMatchObject({ Values: [], StatusCode: 'Complete' });
  });

  it('answers SUM(SEARCH(...)) and SEARCH(...) expressions', async () => {
    const out = await cw(payments).send(
      new GetMetricDataCommand({
        ...WINDOW,
        MetricDataQueries: [
          {
            Id: 'total',
            Expression: `SUM(SEARCH('{AWS/EC2,InstanceId} MetricName="MetadataNoToken"', 'Sum', 86400))`,
          },
          {
            Id: 'each',
            Expression: `SEARCH('{AWS/EC2,InstanceId} MetricName="MetadataNoToken"', 'Sum', 1209600)`,
          },
        ],
      }),
    );
    const total = out.MetricDataResults?.find((r) => r.Id === 'total');
    expect((total?.Values ?? []).reduce((a, b) => a + b, 0)).toBe((12 + 3) * 24 * 14 + 48);
    const each = out.MetricDataResults?.filter((r) => r.Id === 'each') ?? [];
    expect(each).toHaveLength(6);
    expect(each.find((r) => r.Label === 'i-0pd00000000000a02')?.Values).toEqual([3 * 24 * 14]);
  });

  it('pages datapoints with MaxDatapoints and NextToken', async () => {
    const points: number[] = [];
    let pages = 0;
    for await (const page of paginateGetMetricData(
      { client: cw(payments) },
      {
        ...WINDOW,
        MaxDatapoints: 10,
        MetricDataQueries: [
          perInstance('a1', 'i-0pd00000000000a01'),
          perInstance('a2', 'i-0pd00000000000a02'),
        ],
      },
    )) {
      pages++;
      for (const r of page.MetricDataResults ?? []) points.push(...(r.Values ?? []));
    }
    expect(pages).toBe(3);
    expect(points.reduce((a, b) => a + b, 0)).toBe((12 + 3) * 24 * 14);
  });

  it('refuses more than 500 queries, and AccessDenied with x-amzn-query-error', async () => {
    const many = Array.from({ length: 501 }, (_, i) => perInstance(`q${i}`, `i-${i}`));
    expect(
      await failure(
        cw(payments).send(new GetMetricDataCommand({ ...WINDOW, MetricDataQueries: many })),
      ),
    ).toMatchObject({
      name: 'InvalidParameterValueException',
      status: 400,
    });
    const alice = await assume(sb, '222222222209');
    expect(
      await failure(
        cw(alice).send(
          new GetMetricDataCommand({
            ...WINDOW,
            MetricDataQueries: [perInstance('a', 'i-0sa00000000000a01')],
          }),
        ),
      ),
    ).toMatchObject({ name: 'AccessDenied', status: 403 });
  });
});

describe('Auto Scaling DescribeAutoScalingGroups', () => {
  it('returns the groups with their launch template version and instances', async () => {
    const asg = new AutoScalingClient({
      endpoint: sb.url,
      region: 'us-east-1',
      credentials: payments,
      maxAttempts: 1,
    });
    const groups = [];
    for await (const page of paginateDescribeAutoScalingGroups({ client: asg, pageSize: 1 }, {})) {
      groups.push(...(page.AutoScalingGroups ?? []));
    }
    expect(groups.map((g) => [g.AutoScalingGroupName, g.LaunchTemplate?.Version])).toEqual([
      ['payments-api-asg', '1'],
      ['payments-web-asg', '$Default'],
    ]);
    expect(groups[0]?.Instances?.map((i) => i.InstanceId)).toEqual([
      'i-0pd00000000000a01',
      'i-0pd00000000000a02',
    ]);
    expect(groups[0]?.CreatedTime).toBeInstanceOf(Date);
    const named = await asg.send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['payments-web-asg'] }),
    );
    expect(named.AutoScalingGroups?.map((g) => g.LaunchTemplate?.LaunchTemplateId)).toEqual([
      'lt-0pd0000000000d001',
    ]);
    expect(
      await failure(asg.send(new DescribeAutoScalingGroupsCommand({ MaxRecords: 500 }))),
    ).toMatchObject({
      name: 'ValidationError',
    });
  });
});
