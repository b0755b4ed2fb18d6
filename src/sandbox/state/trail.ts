import type { World } from './world.js';

/**
 * CloudTrail event history per account × region (management events, 90 days). Seeded records
 * are kept by age, so they stay inside any test's lookback window whatever its clock; records
 * the sandbox's own calls add (RunInstances) carry the time they were made. Kept beside the
 * World like the workloads state.
 */
export interface SbTrailEvent {
  eventId: string;
  eventName: string;
  eventSource: string;
  /** Epoch ms of the call (records the sandbox wrote). */
  at?: number;
  /** Age in ms when the scenario was built (seeded records). */
  ageMs?: number;
  username?: string;
  accessKeyId?: string;
  readOnly: boolean;
  resources: { type: string; name: string }[];
  /** The record (`CloudTrailEvent`), without eventTime, eventID, awsRegion and recipientAccountId. */
  record: Record<string, unknown>;
}

export interface Trail {
  /** `account/region` → records, oldest first. */
  regions: Map<string, SbTrailEvent[]>;
  /** Accounts whose member role may not call cloudtrail:LookupEvents (AccessDeniedException). */
  denied: Set<string>;
  nextId: number;
  /** The clock reading seeded ages count back from: fixed on first read, so pages stay stable. */
  anchor?: number;
}

const ALL = new WeakMap<World, Trail>();

export function trailOf(world: World): Trail {
  let found = ALL.get(world);
  if (!found) {
    found = { regions: new Map(), denied: new Set(), nextId: 1 };
    ALL.set(world, found);
  }
  return found;
}

export function trailEvents(world: World, accountId: string, region: string): SbTrailEvent[] {
  const trail = trailOf(world);
  const key = `${accountId}/${region}`;
  let list = trail.regions.get(key);
  if (!list) {
    list = [];
    trail.regions.set(key, list);
  }
  return list;
}

/** A stable, UUID-shaped event id (CloudTrail's `eventID`). */
export function nextEventId(world: World): string {
  const trail = trailOf(world);
  const n = (trail.nextId++).toString(16).padStart(12, '0');
  return `0e5c7a1d-7f3b-4c2a-9d1e-${n}`;
}

/** The time of a record (seeded records count back from the first time the trail is read). */
export function eventTime(world: World, e: SbTrailEvent, now: number): number {
  if (e.at !== undefined) return e.at;
  const trail = trailOf(world);
  trail.anchor ??= now;
  return trail.anchor - (e.ageMs ?? 0);
}
