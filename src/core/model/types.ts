/**
 * Plain data the whole tool passes around: what was observed in the organization, per account
 * and region. JSON-serialisable, no classes, no SDK types.
 */

export type AccountId = string;
export type RegionName = string;

export type HttpTokens = 'optional' | 'required';
export type Toggle = 'enabled' | 'disabled';

/** The EC2 account-level instance metadata defaults of one account in one region. Absent = no preference. */
export interface ImdsDefaults {
  httpTokens?: HttpTokens;
  httpPutResponseHopLimit?: number;
  httpEndpoint?: Toggle;
  instanceMetadataTags?: Toggle;
  httpTokensEnforced?: Toggle;
}

export const IMDS_FIELDS = [
  'httpTokens',
  'httpPutResponseHopLimit',
  'httpEndpoint',
  'instanceMetadataTags',
  'httpTokensEnforced',
] as const satisfies readonly (keyof ImdsDefaults)[];
export type ImdsField = (typeof IMDS_FIELDS)[number];

/**
 * What ModifyInstanceMetadataDefaults is asked to set: a value, or the API's "clear" value
 * (`no-preference`, or -1 for the hop limit). Rollback uses the clear value for fields that were unset.
 */
export type ImdsSetting = {
  httpTokens?: HttpTokens | 'no-preference';
  httpPutResponseHopLimit?: number;
  httpEndpoint?: Toggle | 'no-preference';
  instanceMetadataTags?: Toggle | 'no-preference';
  httpTokensEnforced?: Toggle | 'no-preference';
};

export type ManagedBy = 'account' | 'declarative-policy';

/** What GetInstanceMetadataDefaults said. */
export interface ObservedImds {
  defaults: ImdsDefaults;
  managedBy: ManagedBy;
  managedExceptionMessage?: string;
}

export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';

export interface OrgAccount {
  id: AccountId;
  name: string;
  email: string;
  status: AccountStatus;
  /** Id of the root or OU directly above. */
  parentId: string;
  /** Human path of the parent, e.g. `Root/Workloads/Prod`. */
  parentPath: string;
}

export interface OrgUnit {
  id: string;
  name: string;
  /** `Root/Workloads/Prod` for an OU named Prod under Workloads. */
  path: string;
  parentId: string;
}

export interface PolicyTypeStatus {
  type: string;
  status: 'ENABLED' | 'PENDING_ENABLE' | 'PENDING_DISABLE';
}

export interface OrgRoot {
  id: string;
  name: string;
  policyTypes: PolicyTypeStatus[];
}

export interface PolicySummary {
  id: string;
  name: string;
  arn: string;
  awsManaged: boolean;
  type: string;
}

export interface OrgTree {
  organizationId: string;
  managementAccountId: AccountId;
  root: OrgRoot;
  /** Every OU, parents before children. */
  ous: OrgUnit[];
  accounts: OrgAccount[];
  /** SCPs attached directly to each target (root, OU or account id). */
  scpAttachments: Record<string, PolicySummary[]>;
}

export type UnreachableReason =
  | 'role-denied'
  | 'suspended'
  | 'region-disabled'
  | 'not-in-scope'
  | 'error';

export type AccountAccess =
  | { status: 'reachable'; via: 'caller' | 'assumed-role' }
  | { status: 'unreachable'; reason: UnreachableReason; message: string };

export type RegionObservation =
  | { region: RegionName; status: 'ok'; imds: ObservedImds }
  | { region: RegionName; status: 'unreachable'; reason: UnreachableReason; message: string }
  | { region: RegionName; status: 'error'; code: string; message: string };

export interface AccountObservation {
  accountId: AccountId;
  access: AccountAccess;
  /** Regions enabled for this account (opt-in regions differ per account). Empty if unreachable. */
  enabledRegions: RegionName[];
  regions: RegionObservation[];
}

/** The content of a named customer-managed policy as it exists now. */
export interface ObservedPolicy {
  summary: PolicySummary;
  content: string;
  /** Targets (root, OU or account ids) it is attached to. */
  targets: string[];
}

export interface CallerIdentity {
  accountId: AccountId;
  arn: string;
  userId: string;
}

export interface ObservedState {
  caller: CallerIdentity;
  org: OrgTree;
  /** The guardrail policies found by name (absent when they do not exist yet). */
  policies: ObservedPolicy[];
  /** One entry per in-scope account, in org order. */
  accounts: AccountObservation[];
}
