import { DEFAULT_ENABLED_REGIONS, KNOWN_REGIONS } from '../core/model/regions.js';

/**
 * Every region the sandbox knows, default regions first so that region index < DEFAULT_COUNT
 * means "enabled by default, no opt-in". Per-account state is indexed by this order.
 */
export const ALL_REGIONS: readonly string[] = [
  ...DEFAULT_ENABLED_REGIONS,
  ...KNOWN_REGIONS.filter((r) => !(DEFAULT_ENABLED_REGIONS as readonly string[]).includes(r)),
];

export const DEFAULT_REGION_COUNT = DEFAULT_ENABLED_REGIONS.length;

const INDEX = new Map(ALL_REGIONS.map((name, i) => [name, i]));

/** Index of a region in ALL_REGIONS, or -1 when the sandbox does not know it. */
export function regionIndex(name: string): number {
  return INDEX.get(name) ?? -1;
}

export function isOptInRegion(index: number): boolean {
  return index >= DEFAULT_REGION_COUNT;
}

/**
 * A set of enabled regions as one byte per region. Accounts with the same regions share one
 * instance (copy-on-write), which keeps 10,000 accounts cheap.
 */
export type RegionSet = Uint8Array;

const interned = new Map<string, RegionSet>();

export function regionSet(names: readonly string[]): RegionSet {
  const set = new Uint8Array(ALL_REGIONS.length);
  for (const name of names) {
    const i = regionIndex(name);
    if (i >= 0) set[i] = 1;
  }
  return intern(set);
}

export function withRegion(set: RegionSet, index: number, enabled: boolean): RegionSet {
  if ((set[index] === 1) === enabled) return set;
  const copy = new Uint8Array(set);
  copy[index] = enabled ? 1 : 0;
  return intern(copy);
}

export function regionNames(set: RegionSet): string[] {
  return ALL_REGIONS.filter((_, i) => set[i] === 1);
}

function intern(set: RegionSet): RegionSet {
  const key = set.join('');
  const existing = interned.get(key);
  if (existing) return existing;
  interned.set(key, set);
  return set;
}
