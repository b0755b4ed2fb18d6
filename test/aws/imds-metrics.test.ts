import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  ListMetricsCommand,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { chunk, sumImdsMetrics } from '../../src/aws/imds-metrics.js';

const cw = mockClient(CloudWatchClient);
afterEach(() => cw.reset());
// The mock replaces send() on the client class itself: put it back for the files that share this worker.
afterAll(() => cw.restore());

const WINDOW = { start: new Date('2026-11-12T00:00:00Z'), end: new Date('2026-11-26T00:00:00Z') };

describe('sumImdsMetrics', () => {
  it('batches 500 queries per GetMetricData call, follows NextToken and sums per instance', async () => {
    // Given 600 instances reporting MetadataNoToken and one reporting refusals
    const ids = Array.from({ length: 600 }, (_, i) => `i-${String(i).padStart(4, '0')}`);
    cw.on(ListMetricsCommand, { MetricName: 'MetadataNoToken' }).resolves({
      Metrics: ids.map((id) => ({
        Namespace: 'AWS/EC2',
        MetricName: 'MetadataNoToken',
        Dimensions: [{ Name: 'InstanceId', Value: id }],
      })),
    });
    cw.on(ListMetricsCommand, { MetricName: 'MetadataNoTokenRejected' }).resolves({
      Metrics: [
        {
          Namespace: 'AWS/EC2',
          MetricName: 'MetadataNoTokenRejected',
          Dimensions: [{ Name: 'InstanceId', Value: 'i-0001' }],
        },
      ],
    });
    const day = new Date('2026-11-20T00:00:00Z');
    cw.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
      const queries = input.MetricDataQueries ?? [];
      // The first page of each call answers half, the second page the rest.
      const half = Math.ceil(queries.length / 2);
      const page = input.NextToken ? queries.slice(half) : queries.slice(0, half);
      return {
        MetricDataResults: page.map((q) => ({
          Id: q.Id,
          Timestamps: [day],
          Values: [q.Id === 'n1' ? 5 : 1],
          StatusCode: 'Complete',
        })),
        ...(input.NextToken ? {} : { NextToken: 'more' }),
      };
    });

    // When the sums are read
    const sums = await sumImdsMetrics(new CloudWatchClient({ region: 'us-east-1' }), WINDOW);

    // Then 601 queries went out as 500 + 101, two pages each, every query a per-instance Sum
    const calls = cw.commandCalls(GetMetricDataCommand);
    const sizes = calls
      .filter((c) => !c.args[0].input.NextToken)
      .map((c) => c.args[0].input.MetricDataQueries?.length);
    expect(sizes).toEqual([500, 101]);
    expect(calls).toHaveLength(4);
    expect(calls[0]?.args[0].input.MetricDataQueries?.[0]).toEqual({
      Id: 'n0',
      MetricStat: {
        Metric: {
          Namespace: 'AWS/EC2',
          MetricName: 'MetadataNoToken',
          Dimensions: [{ Name: 'InstanceId', Value: 'i-0000' }],
        },
        Period: 86_400,
        Stat: 'Sum',
      },
      ReturnData: true,
    });
    expect(sums).toHaveLength(600);
    expect(sums.find((s) => s.instanceId === 'i-0001')).toEqual({
      instanceId: 'i-0001',
      noToken: 5,
      rejected: 1,
      lastSeen: '2026-11-21T00:00:00.000Z',
    });
    expect(sums.reduce((n, s) => n + s.noToken, 0)).toBe(599 + 5);
  });

  it('chunks lists', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 500)).toEqual([]);
  });
});
