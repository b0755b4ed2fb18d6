/**
 * Eventual consistency, AWS's way: "a read right after a write may return the previous value"
 * (EC2 developer guide, "Eventual consistency in the Amazon EC2 API"; Organizations changes also
 * take time to take effect, aws-behaviour.md §9). After a write, reads of that target answer the
 * value from before the write until `windowMs` has passed (choice: always the old value within
 * the window, the unkindest case). `strong` mode reads the current value at once.
 *
 * EnablePolicyType is asynchronous (`PENDING_ENABLE`, botocore operation doc): the type reads
 * PENDING_ENABLE for `policyTypePendingMs`, and attaches of that type are refused meanwhile.
 */
import type { ScenarioName } from './options.js';

export type ConsistencyMode = 'eventual' | 'strong';
export const CONSISTENCY_ENV = 'GUARDRAILS_SANDBOX_CONSISTENCY';

export interface ConsistencySettings {
  mode: ConsistencyMode;
  /** How long a read may still see the previous value after a write. */
  windowMs: number;
  /** How long EnablePolicyType stays PENDING_ENABLE. */
  policyTypePendingMs: number;
}

/** Fast enough for the test suite, long enough that a read-back right after a write is stale. */
export const DEFAULT_WINDOW_MS = 300;

export function resolveConsistency(
  options: {
    scenario?: ScenarioName;
    consistency?: ConsistencyMode;
    consistencyWindowMs?: number;
    policyTypePendingMs?: number;
  },
  env: Record<string, string | undefined>,
): ConsistencySettings {
  // Precedence: an explicit option (a test of eventual behaviour itself), then the environment
  // (a whole suite run in strong mode), then the scenario's default.
  const fromEnv = env[CONSISTENCY_ENV];
  const byScenario = (options.scenario ?? 'demo') === 'empty' ? 'strong' : 'eventual';
  const mode: ConsistencyMode =
    options.consistency ?? (fromEnv === 'strong' || fromEnv === 'eventual' ? fromEnv : byScenario);
  const strong = mode === 'strong';
  return {
    mode,
    windowMs: strong ? 0 : (options.consistencyWindowMs ?? DEFAULT_WINDOW_MS),
    policyTypePendingMs: strong ? 0 : (options.policyTypePendingMs ?? DEFAULT_WINDOW_MS),
  };
}

interface Stale {
  value: unknown;
  until: number;
}

/** The previous value of each recently written target, for as long as reads may still see it. */
export class StaleReads {
  private readonly stale = new Map<string, Stale>();

  constructor(
    private readonly settings: ConsistencySettings,
    private readonly now: () => number,
  ) {}

  /** Call before a write with the value readers saw until now. Keeps the oldest in the window. */
  wrote(key: string, previous: unknown): void {
    if (this.settings.windowMs <= 0) return;
    const t = this.now();
    const existing = this.stale.get(key);
    if (existing && existing.until > t) return;
    this.stale.set(key, { value: structuredClone(previous), until: t + this.settings.windowMs });
    if (this.stale.size > 50_000) this.sweep(t);
  }

  /** What a read of `key` answers now: the previous value within the window, else `current`. */
  read<T>(key: string, current: T): T {
    const entry = this.stale.get(key);
    if (!entry) return current;
    if (entry.until <= this.now()) {
      this.stale.delete(key);
      return current;
    }
    return entry.value as T;
  }

  private sweep(t: number): void {
    for (const [key, entry] of this.stale) if (entry.until <= t) this.stale.delete(key);
  }
}
