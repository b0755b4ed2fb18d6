/** Capacity and refill per second of one token bucket. */
export interface BucketRate {
  capacity: number;
  refillPerSecond: number;
}

interface Bucket {
  tokens: number;
  last: number;
}

/**
 * Token buckets keyed by account × region × API, created on first use. A bucket that has been
 * idle long enough to refill completely equals a fresh one, so those are swept when the map grows.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket & BucketRate>();

  take(key: string, rate: BucketRate, now: number): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= 100_000) this.sweep(now);
      bucket = { tokens: rate.capacity, last: now, ...rate };
      this.buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, now - bucket.last) / 1000;
    bucket.tokens = Math.min(rate.capacity, bucket.tokens + elapsed * rate.refillPerSecond);
    bucket.last = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  clear(): void {
    this.buckets.clear();
  }

  private sweep(now: number): void {
    for (const [key, b] of this.buckets) {
      const refilled = b.tokens + ((now - b.last) / 1000) * b.refillPerSecond;
      if (refilled >= b.capacity) this.buckets.delete(key);
    }
  }
}
