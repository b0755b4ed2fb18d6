/** `guardrails prove`: what a dry-run launch answered, per account × region. */
import type { AccountId, RegionName } from '../model/types.js';

/** The answer to one `RunInstances` with `DryRun=true`. */
export type LaunchProbe =
  | { outcome: 'allowed' }
  /** `UnauthorizedOperation`: an SCP (or an IAM policy) refused the launch. */
  | {
      outcome: 'denied';
      explicitDeny: boolean;
      /** The kind of policy AWS's message names for an explicit deny (absent when it names none). */
      denyKind?: DenyKind;
      message: string;
    }
  /**
   * Refused by EC2 itself, not by authorization: `UnsupportedOperation` when the account enforces
   * IMDSv2 (`HttpTokensEnforced=enabled`) and the launch asks for IMDSv1.
   */
  | { outcome: 'refused'; code: string; message: string }
  /** Anything else (throttled after retries, an unexpected error code). */
  | { outcome: 'error'; code: string; message: string };

/** The kinds of policy an explicit-deny message names (aws-behaviour.md §9). */
export type DenyKind =
  | 'service-control-policy'
  | 'resource-control-policy'
  | 'permissions-boundary'
  | 'identity-based-policy'
  | 'session-policy';

export type ProveStatus =
  /** IMDSv1 launch refused, IMDSv2 launch would succeed: the SCP works here. */
  | 'proven'
  /** An IMDSv1 launch would succeed: nothing enforces IMDSv2 at launch. */
  | 'not-enforced'
  /** Even the IMDSv2 launch is refused: something else denies RunInstances. */
  | 'blocked'
  | 'unreachable'
  /** SCPs never apply to the management account (by design of AWS Organizations). */
  | 'management-account'
  /**
   * The dry runs could not show whether the SCP works: no subnet to launch into (no default VPC
   * and none listed), or the IMDSv1 launch was denied by another kind of policy first.
   */
  | 'inconclusive'
  | 'error'
  /** The account is SUSPENDED or closing: nothing can launch there, so nothing to prove. */
  | 'suspended';

export const PROVE_STATUSES: readonly ProveStatus[] = [
  'proven',
  'not-enforced',
  'blocked',
  'unreachable',
  'management-account',
  'inconclusive',
  'error',
  'suspended',
];

export interface ProveResult {
  accountId: AccountId;
  accountName: string;
  ouPath: string;
  /** `*` when the whole account could not be reached. */
  region: RegionName;
  status: ProveStatus;
  /** The dry run asking for `HttpTokens=optional` (absent when not run). */
  optional?: LaunchProbe;
  /** The dry run asking for `HttpTokens=required` (absent when not run). */
  required?: LaunchProbe;
  /**
   * The subnet the dry runs named, when the region has no default VPC (a subnet-less launch
   * there fails with VPCIdNotSpecified).
   */
  subnet?: ProbeSubnet;
  /** One line: why this status. */
  detail: string;
  /** Set when the status rests on AWS behaviour nobody has confirmed: what that behaviour is. */
  unconfirmed?: string;
}

export interface ProbeSubnet {
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
}

export type ProveCounts = Record<ProveStatus, number> & { total: number };

export interface ProveReport {
  schemaVersion: 1;
  toolVersion: string;
  generatedAt: string;
  organizationId: string;
  managementAccountId: AccountId;
  caller: { accountId: AccountId; arn: string };
  counts: ProveCounts;
  /** Sorted by OU path, account name, region. */
  results: ProveResult[];
}
