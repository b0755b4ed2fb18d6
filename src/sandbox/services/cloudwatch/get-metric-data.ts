import type { CallContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { regionWorkloads, type SbMetricSeries } from '../../state/workloads.js';
import type { JsonInput } from '../types.js';
import {
  aggregate,
  invalidParameter,
  matchesSearch,
  type Points,
  parseSearch,
  STATS,
  type Stat,
  sumPoints,
} from './series.js';

const MAX_QUERIES = 500;
const DEFAULT_MAX_DATAPOINTS = 100_800;
const ID = /^[a-z][a-zA-Z0-9_]*$/;

interface Dimension {
  Name?: unknown;
  Value?: unknown;
}

interface Query {
  Id?: unknown;
  Label?: unknown;
  ReturnData?: unknown;
  Expression?: unknown;
  MetricStat?: {
    Metric?: { Namespace?: unknown; MetricName?: unknown; Dimensions?: Dimension[] };
    Period?: unknown;
    Stat?: unknown;
  };
}

interface Result {
  Id: string;
  Label: string;
  points: Points;
}

function epoch(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new AwsError('MissingParameter', 400, `The parameter ${name} is required.`);
  }
  return value;
}

function period(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw invalidParameter('The parameter Period must be a positive integer.');
  }
  if (value >= 60 && value % 60 !== 0) {
    throw invalidParameter('The parameter Period must be a multiple of 60.');
  }
  return value;
}

function sameDimensions(series: SbMetricSeries, dims: Dimension[]): boolean {
  if (series.dimensions.length !== dims.length) return false;
  return dims.every((d) => series.dimensions.some((s) => s.name === d.Name && s.value === d.Value));
}

function evaluate(
  q: Query,
  metrics: SbMetricSeries[],
  now: number,
  start: number,
  end: number,
): Result[] {
  const id = String(q.Id);
  if (typeof q.Expression === 'string') {
    const call = parseSearch(q.Expression);
    period(call.period);
    const found = metrics.filter((m) => matchesSearch(m, call));
    const each = found.map((m) => ({
      Id: id,
      Label: m.dimensions.map((d) => d.value).join(' ') || m.metricName,
      points: aggregate(m, now, start, end, call.period, call.stat),
    }));
    if (!call.sum) return each;
    return [
      {
        Id: id,
        Label: typeof q.Label === 'string' ? q.Label : id,
        points: sumPoints(each.map((e) => e.points)),
      },
    ];
  }
  const stat = q.MetricStat;
  if (!stat?.Metric) {
    throw new AwsError(
      'InvalidParameterCombination',
      400,
      `The query ${id} must have exactly one of MetricStat and Expression.`,
    );
  }
  if (typeof stat.Stat !== 'string' || !STATS.includes(stat.Stat as Stat)) {
    throw invalidParameter(`The statistic ${String(stat.Stat)} of query ${id} is not valid.`);
  }
  const p = period(stat.Period);
  const metric = stat.Metric;
  const dims = metric.Dimensions ?? [];
  const series = metrics.find(
    (m) =>
      m.namespace === metric.Namespace &&
      m.metricName === metric.MetricName &&
      sameDimensions(m, dims),
  );
  const label = typeof q.Label === 'string' ? q.Label : String(metric.MetricName);
  return [
    {
      Id: id,
      Label: label,
      points: series
        ? aggregate(series, now, start, end, p, stat.Stat as Stat)
        : { timestamps: [], values: [] },
    },
  ];
}

/**
 * GetMetricData over the caller's seeded series: MetricStat queries (exact dimensions) and
 * SEARCH / SUM(SEARCH) expressions; up to 500 queries; `MaxDatapoints` pages the datapoints
 * of all results together (a cut result says PartialData; the next page continues it).
 */
export function getMetricData(ctx: CallContext, input: JsonInput): unknown {
  const queries = input.MetricDataQueries;
  if (!Array.isArray(queries) || queries.length === 0) {
    throw new AwsError('MissingParameter', 400, 'The parameter MetricDataQueries is required.');
  }
  if (queries.length > MAX_QUERIES) {
    throw invalidParameter(
      `The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`,
    );
  }
  const start = epoch(input.StartTime, 'StartTime');
  const end = epoch(input.EndTime, 'EndTime');
  if (end <= start) throw invalidParameter('The parameter StartTime must be less than EndTime.');
  const seen = new Set<string>();
  for (const q of queries as Query[]) {
    if (typeof q.Id !== 'string' || !ID.test(q.Id)) {
      throw new AwsError(
        'ValidationError',
        400,
        `The value ${String(q.Id)} for parameter MetricDataQueries.member.Id is not valid: it must start with a lowercase letter and contain only letters, digits and underscores.`,
      );
    }
    if (seen.has(q.Id)) throw invalidParameter(`The Id ${q.Id} is used more than once.`);
    seen.add(q.Id);
  }
  const max =
    typeof input.MaxDatapoints === 'number' ? input.MaxDatapoints : DEFAULT_MAX_DATAPOINTS;
  const descending = input.ScanBy !== 'TimestampAscending';
  const { metrics } = regionWorkloads(ctx.sandbox.world, ctx.identity.accountId, ctx.region);
  const results = (queries as Query[])
    .filter((q) => q.ReturnData !== false)
    .flatMap((q) => evaluate(q, metrics, ctx.sandbox.now(), start, end));
  const token =
    typeof input.NextToken === 'string' && input.NextToken !== '' ? input.NextToken : undefined;
  let offset = 0;
  if (token !== undefined) {
    offset = Number(Buffer.from(token, 'base64url').toString('utf8').split('|')[1]);
    if (!Number.isInteger(offset) || offset < 0) {
      throw new AwsError('InvalidNextToken', 400, 'The specified token is invalid.');
    }
  }
  const out: unknown[] = [];
  let position = 0;
  let budget = max;
  for (const r of results) {
    const count = r.points.timestamps.length;
    const from = Math.max(0, offset - position);
    position += count;
    if (from >= count && !(count === 0 && offset === 0)) continue;
    const take = Math.min(count - from, budget);
    if (take <= 0 && count > 0) break;
    const order = descending
      ? [...r.points.timestamps.keys()].reverse()
      : [...r.points.timestamps.keys()];
    const picked = order.slice(from, from + take);
    budget -= take;
    out.push({
      Id: r.Id,
      Label: r.Label,
      Timestamps: picked.map((i) => r.points.timestamps[i]),
      Values: picked.map((i) => r.points.values[i]),
      StatusCode: from + take < count ? 'PartialData' : 'Complete',
    });
    if (budget === 0) break;
  }
  const consumed = offset + (max - budget);
  const total = results.reduce((n, r) => n + r.points.timestamps.length, 0);
  const next = consumed < total ? Buffer.from(`gmd|${consumed}`).toString('base64url') : undefined;
  return { MetricDataResults: out, Messages: [], ...(next ? { NextToken: next } : {}) };
}
