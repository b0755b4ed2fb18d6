import type { PrincipalDeny } from './iam/scp-evaluator.js';

export type ScenarioName = 'demo' | 'large' | 'empty';
export const SCENARIOS: readonly ScenarioName[] = ['demo', 'large', 'empty'];
export type ThrottlingMode = 'aws' | 'lenient' | 'off';
export const THROTTLING_MODES: readonly ThrottlingMode[] = ['aws', 'lenient', 'off'];

/** Options of startSandbox (and of `guardrails sandbox`). Everything is optional. */
export interface SandboxOptions {
  scenario?: ScenarioName;
  /** Member accounts of the `large` scenario (default 100). */
  accounts?: number;
  /** Enabled regions per account in the `large` scenario: the first N default regions (≤ 17, default 17). */
  regions?: number;
  /** 127.0.0.1 unless told otherwise: the admin API can rewrite every account. */
  host?: string;
  /**
   * Required to listen on a non-loopback address: admin requests must then send
   * `Authorization: Bearer <adminToken>`. Optional (and then enforced) on loopback.
   */
  adminToken?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Added to every AWS API call (not to the admin API). */
  latencyMs?: number;
  /** Extra random latency, uniform in [0, jitterMs). */
  jitterMs?: number;
  /** Probability (0..1) that a call is throttled regardless of the token buckets. */
  throttleRate?: number;
  /** Probability (0..1) that a call fails with a retryable 5xx. */
  failRate?: number;
  /** Accounts whose AssumeRole is always refused with AccessDenied. */
  deniedAccounts?: string[];
  /** Caps the lifetime of AssumeRole credentials (tests use 1–2 s to see them expire). */
  credentialTtlSeconds?: number;
  /**
   * Share (0..1) of `large` member accounts whose CloudTrail history holds a launch the SCP
   * would refuse (a CI role launching without MetadataOptions). Default 0.05.
   */
  refusedLaunchShare?: number;
  /** Page size of every paginated operation (default 5; 20 for `large`). */
  pageSize?: number;
  /**
   * Token buckets per account × region × API like AWS: `aws` uses AWS's documented rates
   * (ModifyInstanceMetadataDefaults 2 burst, 2/s), `lenient` (default) five times those, `off` none.
   */
  throttling?: ThrottlingMode;
  /**
   * Explicit denies in an identity-based policy or a permissions boundary of an account's
   * principals (SCP denies come from the organization's policies), e.g.
   * `[{accountId, kind: 'permissions-boundary', action: 'ec2:RunInstances'}]`.
   */
  principalDenies?: PrincipalDeny[];
  /**
   * `eventual` (default in `demo` and `large`): reads may return the previous value for
   * `consistencyWindowMs` after a write, EnablePolicyType stays PENDING_ENABLE for
   * `policyTypePendingMs`. `strong` (default in `empty`; env GUARDRAILS_SANDBOX_CONSISTENCY=strong
   * makes it the default of every scenario): every read sees the last write. An explicit value
   * here wins over the environment. See consistency.ts.
   */
  consistency?: 'eventual' | 'strong';
  /** Default 300 ms. */
  consistencyWindowMs?: number;
  /** Default 300 ms. */
  policyTypePendingMs?: number;
  /** Seed for faults, jitter, generated ids and the `large` scenario (default 1). */
  seed?: number;
  /** Clock in epoch ms (tests may inject one). */
  now?: () => number;
}

/** Fault knobs that the admin API may change at run time. */
export interface FaultSettings {
  latencyMs: number;
  jitterMs: number;
  throttleRate: number;
  failRate: number;
  deniedAccounts: string[];
  throttling: ThrottlingMode;
  /** When non-empty, random throttling/failures hit only these operations (e.g. `ec2:ModifyInstanceMetadataDefaults`). */
  faultOperations: string[];
  credentialTtlSeconds: number | null;
  principalDenies: PrincipalDeny[];
}

export function initialFaults(options: SandboxOptions): FaultSettings {
  return {
    latencyMs: options.latencyMs ?? 0,
    jitterMs: options.jitterMs ?? 0,
    throttleRate: options.throttleRate ?? 0,
    failRate: options.failRate ?? 0,
    deniedAccounts: options.deniedAccounts ?? [],
    throttling: options.throttling ?? 'lenient',
    faultOperations: [],
    credentialTtlSeconds: options.credentialTtlSeconds ?? null,
    principalDenies: options.principalDenies ?? [],
  };
}
