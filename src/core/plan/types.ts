/**
 * The plan model: plain, JSON-serialisable data with deterministic ordering and ids, saved with
 * `plan --out`, applied exactly, refused if the world changed (Terraform saved plans).
 */
import type {
  AccountId,
  CallerIdentity,
  ImdsDefaults,
  ImdsField,
  ImdsSetting,
  RegionName,
  UnreachableReason,
} from '../model/types.js';
import type { HoldReason } from '../reach/reach.js';
import type { RemediationChange, RemediationNotes } from './remediation-types.js';

/** relaxing = removes protection (needs approval); restricting = adds it; neutral = neither. */
export type Risk = 'relaxing' | 'restricting' | 'neutral';

export interface TargetRef {
  type: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
  id: string;
  /** Display name: `Root`, the OU path `Root/Workloads/Prod`, or `web-prod (222222222206)`. */
  label: string;
}

interface ChangeBase {
  /** Deterministic: a hash of kind + target, so the same plan always has the same ids. */
  id: string;
  risk: Risk;
  /** Ids of changes that must succeed first (create the policy before attaching it). */
  dependsOn: string[];
}

export interface EnablePolicyTypeChange extends ChangeBase {
  kind: 'policyType.enable';
  rootId: string;
  policyType: string;
}

export interface CreatePolicyChange extends ChangeBase {
  kind: 'policy.create';
  policyName: string;
  policyType: string;
  description: string;
  content: string;
}

export interface UpdatePolicyChange extends ChangeBase {
  kind: 'policy.update';
  policyId: string;
  policyName: string;
  before: { content: string };
  after: { content: string };
  /**
   * Where the policy is attached when planning: the update reaches every account below, so it
   * runs in the wave of the most sensitive of them (absent in plans made before).
   */
  attachedTo?: string[];
}

/**
 * The end of a canaried content update (src/core/plan/scp-canary.ts): the policy gets the new
 * content its canary carried, then the canary is detached from every target and deleted. Also
 * what cleans up a canary an interrupted run left behind.
 */
export interface SwapPolicyChange extends ChangeBase {
  kind: 'policy.swap';
  policyId: string;
  policyName: string;
  /** The second policy that carried the new content wave by wave (`DenyIMDSv1-next`). */
  canaryName: string;
  /** Absent when the canary is created by this same plan (found by name at run time). */
  canaryId?: string;
  before: { content: string };
  after: { content: string };
  /** The canary's content when planning (absent: created by this plan with `after`). */
  canaryContent?: string;
  /** Where the policy and its canary are attached when planning (placed like an update). */
  attachedTo: string[];
}

export interface DeletePolicyChange extends ChangeBase {
  kind: 'policy.delete';
  policyId: string;
  policyName: string;
  /** The content at deletion time (rollback evidence). */
  before: { content: string };
}

export interface AttachPolicyChange extends ChangeBase {
  kind: 'attachment.add';
  policyName: string;
  /** Absent = SERVICE_CONTROL_POLICY (plans made before other types were managed). */
  policyType?: string;
  /** Absent when the policy is created by this same plan (resolved at run time by name). */
  policyId?: string;
  target: TargetRef;
}

export interface DetachPolicyChange extends ChangeBase {
  kind: 'attachment.remove';
  policyName: string;
  /** Absent = SERVICE_CONTROL_POLICY. */
  policyType?: string;
  policyId: string;
  target: TargetRef;
}

export interface SetImdsDefaultsChange extends ChangeBase {
  kind: 'imds.set';
  accountId: AccountId;
  accountName: string;
  /** Parent path of the account, e.g. `Root/Workloads/Prod` (grouping in output). */
  ouPath: string;
  region: RegionName;
  /** The defaults observed when planning (the staleness check compares against these). */
  before: ImdsDefaults;
  /** Exactly what ModifyInstanceMetadataDefaults will be sent. */
  after: ImdsSetting;
  /** The fields that differ. */
  fields: ImdsField[];
}

export type Change =
  | EnablePolicyTypeChange
  | CreatePolicyChange
  | UpdatePolicyChange
  | SwapPolicyChange
  | DeletePolicyChange
  | AttachPolicyChange
  | DetachPolicyChange
  | SetImdsDefaultsChange
  | RemediationChange;

export type ChangeKind = Change['kind'];

export type SkipReason = UnreachableReason | 'declarative-policy' | 'exception' | 'held';

/** The config exception that keeps a target out of the plan. */
export interface SkipException {
  owner: string;
  reason: string;
  expires: string;
}

/** A target the plan leaves alone, with why. */
export interface SkippedTarget {
  accountId: AccountId;
  accountName: string;
  ouPath: string;
  /** Absent when the whole account is skipped. */
  region?: RegionName;
  reason: SkipReason;
  message: string;
  /** For reason `exception`: who owns it, why, and until when. */
  exception?: SkipException;
}

/** An account the run holds out: no change of any lane reaches it (the reach model). */
export interface PlanHeld {
  accountId: AccountId;
  accountName: string;
  reason: HoldReason;
  /** The evidence or the exception that holds it, in words. */
  detail?: string;
}

/** Where a guardrail policy reaches once the plan is applied (src/core/reach). */
export interface PolicyReach {
  policyName: string;
  policyType: string;
  /** The attachment targets the plan keeps or adds (labels). */
  targets: string[];
  /** Accounts the policy reaches (the management account never counts). */
  accounts: number;
  /** Held accounts below the configured targets the policy does not reach. */
  held: PlanHeld[];
  /** Held accounts it still reaches through an attachment made before (guardrails never detaches). */
  alreadyReached: { accountId: AccountId; accountName: string; via: string }[];
  /** Accounts outside the run's scope it reaches (only with --include-org-changes). */
  outsideScope: number;
}

/**
 * How a content update of an attached SCP goes out: canaried under a second policy widened wave
 * by wave and swapped in the last, or (with why) updated in place in one wave.
 */
export interface ScpCanary {
  policyName: string;
  canaryName: string;
  /** false: the update runs in place in `swapWave`; `reason` says why it is not canaried. */
  staged: boolean;
  reason?: string;
  /** The waves that attach the canary (in order) and how many accounts each adds. */
  stages: { wave: string; accounts: number }[];
  /** The wave where the policy gets the new content (and the canary goes). */
  swapWave: string;
}

/** An organization-level change a narrowed run leaves out: it would reach outside the scope. */
export interface LeftOutChange {
  change: Change;
  /** How many accounts outside the scope it would reach. */
  outsideScope: number;
}

export interface PlanSummary {
  toChange: number;
  /** Account × region targets and org-level items already as desired. */
  unchanged: number;
  skipped: number;
  byKind: Partial<Record<ChangeKind, number>>;
  /** Changes that loosen a protection (absent: none): applying them needs their own approval. */
  relaxing?: number;
}

export interface Plan {
  version: 1;
  toolVersion: string;
  createdAt: string;
  /** sha256 of the resolved config the plan was made from. */
  configHash: string;
  /** sha256 of the ObservedState the plan was made from. */
  observedHash: string;
  caller: CallerIdentity;
  organizationId: string;
  managementAccountId: AccountId;
  /** Topologically valid and otherwise sorted by (kind order, target) for stable output. */
  changes: Change[];
  skipped: SkippedTarget[];
  summary: PlanSummary;
  /** Present in remediation plans (`plan --remediate`): what is listed but not changed. */
  remediation?: RemediationNotes;
  /** The enforcement ring the plan was made for (absent in plans made before rings). */
  stage?: 1 | 2 | 3;
  /** Absent = scp-and-defaults. */
  strategy?: 'scp-and-defaults' | 'declarative-policy' | 'both';
  /** Every account the run holds out, with why (absent when none). */
  held?: PlanHeld[];
  /** Per guardrail policy: the accounts it will reach and the held ones it will not. */
  reach?: PolicyReach[];
  /** Organization-level changes left out of a narrowed run (`--include-org-changes` adds them). */
  leftOut?: LeftOutChange[];
  /** Content updates of attached SCPs: canaried wave by wave or not, and why (absent: none). */
  canaries?: ScpCanary[];
  /** The --accounts / --ous / --regions the plan was made with (absent: none); apply needs the same. */
  scopeFlags?: ScopeFlags;
}

export interface ScopeFlags {
  accounts?: string[];
  ous?: string[];
  regions?: string[];
}
