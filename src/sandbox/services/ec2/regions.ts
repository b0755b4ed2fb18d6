import type { CallContext } from '../../context.js';
import { el, wrap } from '../../protocol/xml.js';
import { ALL_REGIONS, isOptInRegion, regionIndex } from '../../regions.js';
import type { QueryInput } from '../types.js';
import { boolParam, filtersParam, invalidValue, listParam } from './params.js';

const FILTERS = new Set(['endpoint', 'opt-in-status', 'region-name']);

function optInStatus(enabled: boolean, index: number): string {
  if (!enabled) return 'not-opted-in';
  return isOptInRegion(index) ? 'opted-in' : 'opt-in-not-required';
}

/**
 * DescribeRegions for the calling account: enabled regions by default, every region with
 * AllRegions=true, exactly the named ones with RegionName.N; filters endpoint, opt-in-status
 * and region-name.
 */
export function describeRegions(ctx: CallContext, params: QueryInput): string {
  const all = boolParam(params, 'AllRegions') ?? false;
  const named = listParam(params, 'RegionName');
  const filters = filtersParam(params);
  for (const f of filters) {
    if (!FILTERS.has(f.name)) throw invalidValue(`The filter '${f.name}' is invalid`);
  }
  for (const name of named) {
    if (regionIndex(name) < 0) throw invalidValue(`Invalid region: ${name}`);
  }
  const account = ctx.sandbox.world.accounts.get(ctx.identity.accountId);
  const rows = ALL_REGIONS.map((name, index) => {
    const enabled = account?.regions[index] === 1;
    return {
      name,
      enabled,
      endpoint: `ec2.${name}.amazonaws.com`,
      status: optInStatus(enabled, index),
    };
  })
    .filter((r) => (named.length > 0 ? named.includes(r.name) : all || r.enabled))
    .filter((r) =>
      filters.every((f) => {
        const value =
          f.name === 'endpoint' ? r.endpoint : f.name === 'opt-in-status' ? r.status : r.name;
        return f.values.length === 0 || f.values.includes(value);
      }),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
  const items = rows
    .map(
      (r) =>
        `<item>${el('regionName', r.name)}${el('regionEndpoint', r.endpoint)}${el('optInStatus', r.status)}</item>`,
    )
    .join('');
  return wrap('regionInfo', items);
}
