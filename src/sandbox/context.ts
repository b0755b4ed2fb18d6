import { type ConsistencySettings, resolveConsistency, StaleReads } from './consistency.js';
import { Counters } from './counters.js';
import { type FaultSettings, initialFaults, type SandboxOptions } from './options.js';
import { createRng, type Rng } from './rng.js';
import { CredentialIssuer, type Identity } from './state/credentials.js';
import type { World } from './state/world.js';
import { TokenBuckets } from './throttle.js';

/** Everything the handlers share: the world, credentials, knobs, counters and randomness. */
export interface Sandbox {
  world: World;
  issuer: CredentialIssuer;
  faults: FaultSettings;
  counters: Counters;
  buckets: TokenBuckets;
  rng: Rng;
  pageSize: number;
  now: () => number;
  consistency: ConsistencySettings;
  /** Previous values of recently written targets (eventual consistency). */
  stale: StaleReads;
  /** Entities a write in progress is modifying (ConcurrentModificationException). */
  modifying: Set<string>;
}

export function createSandbox(world: World, options: SandboxOptions, pageSize: number): Sandbox {
  const now = options.now ?? Date.now;
  const consistency = resolveConsistency(options, process.env);
  return {
    consistency,
    stale: new StaleReads(consistency, now),
    world,
    issuer: new CredentialIssuer(now),
    faults: initialFaults(options),
    counters: new Counters(),
    buckets: new TokenBuckets(),
    rng: createRng(options.seed ?? 1),
    pageSize,
    now,
    modifying: new Set(),
  };
}

/** One AWS API call being served. */
export interface CallContext {
  sandbox: Sandbox;
  requestId: string;
  service: string;
  operation: string;
  region: string;
  /** Index in ALL_REGIONS, -1 for an unknown region. */
  regionIdx: number;
  identity: Identity;
  /** The caller's User-Agent header (CloudTrail records it). */
  userAgent?: string;
}
