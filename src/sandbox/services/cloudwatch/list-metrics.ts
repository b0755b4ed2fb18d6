import type { CallContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { regionWorkloads } from '../../state/workloads.js';
import type { JsonInput } from '../types.js';
import { invalidParameter } from './series.js';

interface DimensionFilter {
  Name?: unknown;
  Value?: unknown;
}

/**
 * ListMetrics of the caller's account × region: Namespace, MetricName, Dimensions filters
 * (a filter without Value matches any value), `RecentlyActive: PT3H` (a sample within the last
 * three hours), paginated by NextToken with the sandbox page size.
 */
export function listMetrics(ctx: CallContext, input: JsonInput): unknown {
  const dims = (Array.isArray(input.Dimensions) ? input.Dimensions : []) as DimensionFilter[];
  if (input.RecentlyActive !== undefined && input.RecentlyActive !== 'PT3H') {
    throw invalidParameter('The parameter RecentlyActive must be PT3H.');
  }
  const { metrics } = regionWorkloads(ctx.sandbox.world, ctx.identity.accountId, ctx.region);
  const matching = metrics.filter(
    (m) =>
      (input.Namespace === undefined || m.namespace === input.Namespace) &&
      (input.MetricName === undefined || m.metricName === input.MetricName) &&
      dims.every((d) =>
        m.dimensions.some(
          (s) => s.name === d.Name && (d.Value === undefined || s.value === d.Value),
        ),
      ) &&
      (input.RecentlyActive === undefined || m.hourly.length >= 1),
  );
  const scope = `ListMetrics:${JSON.stringify([input.Namespace, input.MetricName, dims, input.RecentlyActive])}`;
  let offset = 0;
  if (typeof input.NextToken === 'string' && input.NextToken !== '') {
    const text = Buffer.from(input.NextToken, 'base64url').toString('utf8');
    const bar = text.lastIndexOf('|');
    offset = Number(text.slice(bar + 1));
    if (text.slice(0, bar) !== scope || !Number.isInteger(offset) || offset < 0) {
      throw new AwsError('InvalidNextToken', 400, 'The specified token is invalid.');
    }
  }
  const size = ctx.sandbox.pageSize;
  const page = matching.slice(offset, offset + size);
  const next = offset + size < matching.length ? offset + size : undefined;
  return {
    Metrics: page.map((m) => ({
      Namespace: m.namespace,
      MetricName: m.metricName,
      Dimensions: m.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
    })),
    ...(next !== undefined
      ? { NextToken: Buffer.from(`${scope}|${next}`).toString('base64url') }
      : {}),
  };
}
