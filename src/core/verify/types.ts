/** The verification sweep's result: one entry per account × region and one per account SCP. */
import type { AccountId, ImdsDefaults, ImdsField, ManagedBy, RegionName } from '../model/types.js';

export type TargetStatus =
  | 'compliant'
  | 'drift'
  | 'managed-by-declarative-policy'
  | 'unreachable'
  | 'error';

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

export type StatusCounts = Record<TargetStatus, number> & { total: number };

export interface VerifyReport {
  schemaVersion: 1;
  toolVersion: string;
  generatedAt: string;
  caller: { accountId: AccountId; arn: string };
  organizationId: string;
  managementAccountId: AccountId;
  scope: { accounts: number; regions: 'enabled' | RegionName[] };
  desired: { imds: ImdsDefaults; scpName: string | null };
  counts: StatusCounts;
  /** Every target, sorted by OU path, account, then kind (scp first) and region. */
  results: VerifyResult[];
}
