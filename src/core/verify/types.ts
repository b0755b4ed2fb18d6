/** The verification sweep's result: one entry per account × region and one per account SCP. */
import type { AccountId, ImdsDefaults, ImdsField, ManagedBy, RegionName } from '../model/types.js';

export type TargetStatus =
  | 'compliant'
  | 'drift'
  | 'managed-by-declarative-policy'
  | 'unreachable'
  | 'error'
  /** Left alone on purpose: an active config exception (owner, reason, expiry) covers it. */
  | 'excepted'
  /**
   * The account is SUSPENDED (closed, kept ~90 days): nothing can change or launch there, so it
   * is information, not a finding.
   */
  | 'suspended';

export interface FieldDiff {
  field: ImdsField;
  expected: string | number | undefined;
  actual: string | number | undefined;
}

interface ResultBase {
  accountId: AccountId;
  accountName: string;
  ouPath: string;
  status: TargetStatus;
  /** Why: the unreachable reason, the error, or a one-line description of the drift. */
  detail?: string;
}

export interface ImdsResult extends ResultBase {
  kind: 'imds';
  /** `*` when the whole account is unreachable (no regions could be listed). */
  region: RegionName;
  diffs: FieldDiff[];
  observed?: ImdsDefaults;
  managedBy?: ManagedBy;
  /** For `managed-by-declarative-policy`: whether its values meet the desired state. */
  declarativeCompliant?: boolean;
}

export type ScpCoverage =
  | 'direct'
  | 'inherited'
  | 'missing'
  | 'content-differs'
  | 'management-account';

export interface ScpResult extends ResultBase {
  kind: 'scp';
  coverage: ScpCoverage;
  /** Where the covering policy is attached (`Root`, `Root/Workloads`, the account). */
  via?: string;
}

export type VerifyResult = ImdsResult | ScpResult;

/** `excepted` is optional so reports written before exceptions existed still type-check. */
export type StatusCounts = Record<Exclude<TargetStatus, 'excepted' | 'suspended'>, number> & {
  excepted?: number;
  /** Present when a suspended account is in scope. */
  suspended?: number;
  total: number;
};

export interface VerifyReport {
  schemaVersion: 1;
  toolVersion: string;
  generatedAt: string;
  caller: { accountId: AccountId; arn: string };
  organizationId: string;
  managementAccountId: AccountId;
  scope: { accounts: number; regions: 'enabled' | RegionName[] };
  desired: {
    imds: ImdsDefaults;
    scpName: string | null;
    /** The enforcement ring verified against (absent in reports made before rings). */
    stage?: 1 | 2 | 3;
    strategy?: 'scp-and-defaults' | 'declarative-policy' | 'both';
    declarativePolicyName?: string;
  };
  counts: StatusCounts;
  /** Per in-scope account: the highest enforcement ring it fully satisfies. */
  rings?: AccountRing[];
  /** Every configured exception; expired ones are findings. */
  exceptions?: ExceptionStatus[];
  /** Every target, sorted by OU path, account, then kind (scp first) and region. */
  results: VerifyResult[];
}

/**
 * The highest ring an account fully satisfies (every checked region and the SCP as that ring
 * wants them): 0 = not even ring 1; null = could not be told (unreachable, suspended, errors).
 */
export interface AccountRing {
  accountId: AccountId;
  accountName: string;
  ouPath: string;
  ring: 0 | 1 | 2 | 3 | null;
  detail?: string;
}

export interface ExceptionStatus {
  kind: 'account' | 'ou' | 'principal';
  /** The account, OU path or principal ARN pattern. */
  target: string;
  owner: string;
  reason: string;
  expires: string;
  status: 'active' | 'expired';
}
