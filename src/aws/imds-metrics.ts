/**
 * IMDSv1 usage from CloudWatch: which instances report `MetadataNoToken` /
 * `MetadataNoTokenRejected` (ListMetrics), then their sums over the window with GetMetricData
 * — one MetricStat query per instance and metric, 500 queries per call (the API's limit),
 * following NextToken until every result is complete.
 */
import {
  type CloudWatchClient,
  GetMetricDataCommand,
  type MetricDataQuery,
  paginateListMetrics,
} from '@aws-sdk/client-cloudwatch';
import type { InstanceMetricSums } from '../core/readiness/types.js';

export const NO_TOKEN = 'MetadataNoToken';
export const REJECTED = 'MetadataNoTokenRejected';
export const MAX_QUERIES_PER_CALL = 500;
const DAY = 86_400;

type Metric = typeof NO_TOKEN | typeof REJECTED;

/** Instance ids that report a metric in the region. */
export async function instancesReporting(
  client: CloudWatchClient,
  metric: Metric,
): Promise<string[]> {
  const ids = new Set<string>();
  for await (const page of paginateListMetrics(
    { client },
    { Namespace: 'AWS/EC2', MetricName: metric, Dimensions: [{ Name: 'InstanceId' }] },
  )) {
    for (const m of page.Metrics ?? []) {
      const dims = m.Dimensions ?? [];
      const id = dims.find((d) => d.Name === 'InstanceId')?.Value;
      if (id && dims.length === 1) ids.add(id);
    }
  }
  return [...ids].sort();
}

interface Wanted {
  id: string;
  instanceId: string;
  metric: Metric;
}

function query(w: Wanted, period: number): MetricDataQuery {
  return {
    Id: w.id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/EC2',
        MetricName: w.metric,
        Dimensions: [{ Name: 'InstanceId', Value: w.instanceId }],
      },
      Period: period,
      Stat: 'Sum',
    },
    ReturnData: true,
  };
}

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Sums of both metrics per instance over the window, in daily periods. */
export async function sumImdsMetrics(
  client: CloudWatchClient,
  window: { start: Date; end: Date },
): Promise<InstanceMetricSums[]> {
  const noToken = await instancesReporting(client, NO_TOKEN);
  const rejected = await instancesReporting(client, REJECTED);
  const wanted: Wanted[] = [
    ...noToken.map((instanceId, i) => ({ id: `n${i}`, instanceId, metric: NO_TOKEN as Metric })),
    ...rejected.map((instanceId, i) => ({ id: `r${i}`, instanceId, metric: REJECTED as Metric })),
  ];
  const sums = new Map<string, InstanceMetricSums>();
  const lastSeen = new Map<string, number>();
  for (const id of [...noToken, ...rejected]) {
    sums.set(id, { instanceId: id, noToken: 0, rejected: 0 });
  }
  const byId = new Map(wanted.map((w) => [w.id, w]));
  for (const batch of chunk(wanted, MAX_QUERIES_PER_CALL)) {
    let nextToken: string | undefined;
    do {
      const out = await client.send(
        new GetMetricDataCommand({
          MetricDataQueries: batch.map((w) => query(w, DAY)),
          StartTime: window.start,
          EndTime: window.end,
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      );
      for (const result of out.MetricDataResults ?? []) {
        const w = result.Id ? byId.get(result.Id) : undefined;
        const entry = w ? sums.get(w.instanceId) : undefined;
        if (!w || !entry) continue;
        const values = result.Values ?? [];
        const total = values.reduce((a, b) => a + b, 0);
        if (w.metric === NO_TOKEN) {
          entry.noToken += total;
          (result.Timestamps ?? []).forEach((t, i) => {
            if ((values[i] ?? 0) > 0) {
              const ms = t.getTime() + DAY * 1000;
              lastSeen.set(w.instanceId, Math.max(lastSeen.get(w.instanceId) ?? 0, ms));
            }
          });
        } else entry.rejected += total;
      }
      nextToken = out.NextToken || undefined;
    } while (nextToken);
  }
  return [...sums.values()].map((s) => {
    const seen = lastSeen.get(s.instanceId);
    // A period's end is the latest a call could have happened; never later than the window.
    return seen === undefined
      ? s
      : { ...s, lastSeen: new Date(Math.min(seen, window.end.getTime())).toISOString() };
  });
}
