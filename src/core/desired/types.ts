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

export interface DesiredState {
  /** Only the fields the config sets are managed; absent fields are left alone. */
  imds: ImdsDefaults;
  /** null when `scp.enabled` is false. */
  scp: DesiredScp | null;
  includeManagementAccount: boolean;
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
