import { setTimeout as sleep } from 'node:timers/promises';
import type { CallContext } from './context.js';
import type { AwsError } from './errors.js';
import type { ServiceDef } from './services/types.js';

/** Waits the configured latency plus seeded jitter (nothing at all when both are 0). */
export async function injectLatency(ctx: CallContext): Promise<void> {
  const { latencyMs, jitterMs } = ctx.sandbox.faults;
  const delay = latencyMs + (jitterMs > 0 ? ctx.sandbox.rng() * jitterMs : 0);
  if (delay > 0) await sleep(delay);
}

/** `lenient` throttling multiplies AWS's bucket sizes and refill rates by this. */
const LENIENCY = 5;

/**
 * Throttling and failures, in the order AWS would apply them: random throttling, the token
 * bucket of this account × region × API, then a random 5xx. Undefined = serve the call.
 */
export function injectFault(ctx: CallContext, service: ServiceDef<never>): AwsError | undefined {
  const { faults, rng, buckets } = ctx.sandbox;
  const key = `${service.name}:${ctx.operation}`;
  const targeted = faults.faultOperations.length === 0 || faults.faultOperations.includes(key);
  if (targeted && faults.throttleRate > 0 && rng() < faults.throttleRate) {
    return service.throttleError(ctx);
  }
  if (faults.throttling !== 'off') {
    const base = service.bucket(ctx.operation);
    const scale = faults.throttling === 'aws' ? 1 : LENIENCY;
    const region = service.regionalBuckets ? ctx.region : '*';
    const bucketKey = `${ctx.identity.accountId}|${region}|${key}|${scale}`;
    const rate = base && {
      capacity: base.capacity * scale,
      refillPerSecond: base.refillPerSecond * scale,
    };
    if (rate && !buckets.take(bucketKey, rate, ctx.sandbox.now())) {
      return service.throttleError(ctx);
    }
  }
  if (targeted && faults.failRate > 0 && rng() < faults.failRate) {
    return service.failureError(rng());
  }
  return undefined;
}
