import { AwsError } from '../../errors.js';
import type { SbMetricSeries } from '../../state/workloads.js';

export type Stat = 'Sum' | 'Average' | 'Maximum' | 'Minimum' | 'SampleCount';
export const STATS: readonly Stat[] = ['Sum', 'Average', 'Maximum', 'Minimum', 'SampleCount'];

export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterValue', 400, message);
}

export interface Points {
  /** Epoch seconds of each period's start, ascending. */
  timestamps: number[];
  values: number[];
}

/**
 * Aggregates a series' hourly samples into periods starting at `start` (epoch s), keeping
 * only periods that hold at least one sample (CloudWatch returns no point for empty periods).
 */
export function aggregate(
  series: SbMetricSeries,
  nowMs: number,
  start: number,
  end: number,
  period: number,
  stat: Stat,
): Points {
  const nowHour = Math.floor(nowMs / 3_600_000) * 3600;
  const buckets = new Map<number, number[]>();
  series.hourly.forEach((value, i) => {
    const t = nowHour - (i + 1) * 3600;
    if (t < start || t >= end) return;
    const bucket = start + Math.floor((t - start) / period) * period;
    const list = buckets.get(bucket);
    if (list) list.push(value);
    else buckets.set(bucket, [value]);
  });
  const timestamps = [...buckets.keys()].sort((a, b) => a - b);
  return {
    timestamps,
    values: timestamps.map((t) => reduce(buckets.get(t) ?? [], stat)),
  };
}

function reduce(samples: number[], stat: Stat): number {
  const sum = samples.reduce((a, b) => a + b, 0);
  switch (stat) {
    case 'Sum':
      return sum;
    case 'Average':
      return samples.length === 0 ? 0 : sum / samples.length;
    case 'Maximum':
      return Math.max(...samples);
    case 'Minimum':
      return Math.min(...samples);
    default:
      return samples.length;
  }
}

/** Adds several series' points period by period (SUM(SEARCH(…))). */
export function sumPoints(all: Points[]): Points {
  const totals = new Map<number, number>();
  for (const p of all) {
    p.timestamps.forEach((t, i) => {
      totals.set(t, (totals.get(t) ?? 0) + (p.values[i] ?? 0));
    });
  }
  const timestamps = [...totals.keys()].sort((a, b) => a - b);
  return { timestamps, values: timestamps.map((t) => totals.get(t) ?? 0) };
}

export interface SearchCall {
  sum: boolean;
  namespace: string;
  /** The schema's dimension names, exactly (`{AWS/EC2,InstanceId}`). */
  dimensionNames: string[];
  /** `Key="Value"` terms (MetricName or a dimension). */
  terms: { key: string; value: string }[];
  /** Free-text terms, matched against names and values. */
  words: string[];
  stat: Stat;
  period: number;
}

const SEARCH =
  /^\s*(SUM\(\s*)?SEARCH\(\s*'([^']*)'\s*,\s*'([A-Za-z]+)'\s*,\s*(\d+)\s*\)\s*(\)\s*)?$/;

/**
 * The subset of metric math the sandbox understands: `SEARCH('{Ns,Dim…} Key="v" word', 'Stat',
 * period)`, optionally wrapped in `SUM(…)`. Anything else is refused with a ValidationError.
 */
export function parseSearch(expression: string): SearchCall {
  const m = SEARCH.exec(expression);
  if (!m || Boolean(m[1]) !== Boolean(m[5])) {
    throw new AwsError(
      'ValidationError',
      400,
      `The sandbox supports only SEARCH(...) and SUM(SEARCH(...)) expressions: ${expression}`,
    );
  }
  const stat = m[3] as Stat;
  if (!STATS.includes(stat)) throw invalidParameter(`Invalid statistic ${m[3]} in expression.`);
  const text = m[2] ?? '';
  const schema = /\{([^}]*)\}/.exec(text);
  const parts = (schema?.[1] ?? '').split(',').map((p) => p.trim());
  const rest = text.replace(/\{[^}]*\}/, '');
  const terms: { key: string; value: string }[] = [];
  const withoutTerms = rest.replace(
    /([\w.:/-]+)\s*=\s*"([^"]*)"/g,
    (_all, key: string, value: string) => {
      terms.push({ key, value });
      return ' ';
    },
  );
  return {
    sum: Boolean(m[1]),
    namespace: parts[0] ?? '',
    dimensionNames: parts.slice(1).filter((p) => p !== ''),
    terms,
    words: withoutTerms.split(/\s+/).filter((w) => w !== ''),
    stat,
    period: Number(m[4]),
  };
}

export function matchesSearch(series: SbMetricSeries, call: SearchCall): boolean {
  if (call.namespace !== '' && series.namespace !== call.namespace) return false;
  const names = series.dimensions.map((d) => d.name).sort();
  if (call.namespace !== '' && names.join(',') !== [...call.dimensionNames].sort().join(',')) {
    return false;
  }
  const lookup = (key: string) =>
    key === 'MetricName' ? series.metricName : series.dimensions.find((d) => d.name === key)?.value;
  if (!call.terms.every((t) => lookup(t.key) === t.value)) return false;
  const haystack = [series.metricName, ...series.dimensions.map((d) => d.value)];
  return call.words.every((w) => haystack.some((h) => h.includes(w.replace(/"/g, ''))));
}
