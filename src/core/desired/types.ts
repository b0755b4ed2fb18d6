/**
 * The desired state the plan and the verify sweep compare the world against, built once from the
 * resolved config and the SCP template (src/core/desired/build-desired-state.ts).
 */
import type { ImdsDefaults, OrgAccount, RegionName } from '../model/types.js';
import type { TargetRef } from '../plan/types.js';

export interface DesiredScp {
  name: string;
  description: string;
  /** Canonical minified JSON, exactly what CreatePolicy/UpdatePolicy is sent. */
  content: string;
  attachTo: TargetRef[];
}

/** Enforcement ring: 1 = account defaults, 2 = + the SCP, 3 = + HttpTokensEnforced=enabled. */
export type Stage = 1 | 2 | 3;
export const STAGES: readonly Stage[] = [1, 2, 3];

export type Strategy = 'scp-and-defaults' | 'declarative-policy' | 'both';

export const DECLARATIVE_EC2_TYPE = 'DECLARATIVE_POLICY_EC2';

/** The EC2 declarative policy (strategy declarative-policy or both). */
export interface DesiredDeclarative {
  name: string;
  description: string;
  /** Canonical minified JSON, exactly what CreatePolicy/UpdatePolicy is sent. */
  content: string;
  attachTo: TargetRef[];
}

/** A config exception, resolved against the org tree and the run's clock. */
export interface DesiredException {
  kind: 'account' | 'ou' | 'principal';
  /** What the config names: the account id, the OU selector or the ARN pattern. */
  selector: string;
  /** Display label: `web-dev (222222222208)`, `Root/Sandbox` or the ARN pattern. */
  label: string;
  /** For `ou`: its id (root or OU); accounts under it are excepted. */
  targetId?: string;
  owner: string;
  reason: string;
  /** As written in the config. */
  expires: string;
  /** Past its expiry at the run's clock: no longer exempts, and is a finding. */
  expired: boolean;
}

export interface DesiredState {
  /** Only the fields the config sets are managed; absent fields are left alone. */
  imds: ImdsDefaults;
  /** null when `scp.enabled` is false, the stage is 1 or the strategy is declarative-policy. */
  scp: DesiredScp | null;
  includeManagementAccount: boolean;
  /** The enforcement ring this desired state is for (absent in hand-built test states = 2). */
  stage?: Stage;
  strategy?: Strategy;
  /** null (or absent) unless the strategy is declarative-policy or both. */
  declarative?: DesiredDeclarative | null;
  /** Every configured exception, active and expired. */
  exceptions?: DesiredException[];
}

/** The switchable companion statements, keyed like `scp.companions` in the config. */
export const COMPANION_IDS = [
  'maxHopLimit',
  'denyMetadataOptionsRelaxing',
  'requireRoleDelivery',
  'protectDefaults',
] as const;
export type CompanionId = (typeof COMPANION_IDS)[number];

/** A JSON value as found in a policy document. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * One statement of the SCP template. String values of the form `{{param}}` are replaced when
 * rendering (`{{max}}`, `{{minVersion}}`, `{{adminRoleArns}}`).
 */
export interface TemplateStatement {
  /** `base` for the seed statement (always rendered), else a CompanionId. */
  id: 'base' | CompanionId;
  /** Why the statement exists; shown in docs and `plan` output. */
  why: string;
  statement: JsonObject;
}

export interface ScpTemplate {
  version: string;
  statements: TemplateStatement[];
}

/** Templates loaded from `templates/` by src/config/load-templates.ts and handed to the core. */
export interface TemplateSet {
  scp: ScpTemplate;
  /** templates/declarative/ec2-imds.json; needed only by the declarative strategies. */
  declarative?: DeclarativeTemplate;
}

/**
 * The EC2 declarative policy as data: `document` with `{{field}}` placeholders (IMDS default
 * fields and `exceptionMessage`); an attribute whose value is not configured is left out.
 */
export interface DeclarativeTemplate {
  document: JsonObject;
}

/** --accounts / --ous / --regions: narrow the config's scope for one run (never widen it). */
export interface ScopeOverrides {
  accounts?: string[] | undefined;
  ous?: string[] | undefined;
  regions?: string[] | undefined;
}

export interface ResolvedScope {
  /** In-scope accounts in org order (suspended ones included: they are reported, not skipped). */
  accounts: OrgAccount[];
  /** Narrows one account's enabled regions to the in-scope ones, keeping their order. */
  regionFilter: (enabled: readonly string[]) => string[];
  /** The effective region selection, for reports: 'enabled' or an explicit list. */
  regions: 'enabled' | RegionName[];
}
