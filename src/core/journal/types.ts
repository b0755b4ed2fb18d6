/**
 * What the apply journal records about each target, before and after a write. Plain data
 * (JSON lines on disk, see src/execute/journal-store.ts); rollback turns (change, before, after)
 * into an inverse change (src/core/journal/inverse.ts) after re-reading the target.
 * Never holds credentials: only ids, names, policy documents and IMDS values.
 */
import type { AccountId, ImdsDefaults, RegionName } from '../model/types.js';
import type { RemediationImage } from '../plan/remediation-types.js';
import type { Change } from '../plan/types.js';

/** The state of one target at one moment (before-image or read-back after-image). */
export type TargetImage =
  | { kind: 'imds'; accountId: AccountId; region: RegionName; defaults: ImdsDefaults }
  | {
      kind: 'policy';
      policyName: string;
      /** Absent when the policy does not exist. */
      policyId?: string;
      exists: boolean;
      content?: string;
      description?: string;
      /** Absent = SERVICE_CONTROL_POLICY. */
      policyType?: string;
    }
  | {
      kind: 'attachment';
      policyName: string;
      policyId?: string;
      targetId: string;
      attached: boolean;
      /** Absent = SERVICE_CONTROL_POLICY. */
      policyType?: string;
    }
  | { kind: 'policyType'; rootId: string; policyType: string; enabled: boolean }
  | RemediationImage;

export type JournalStatus = 'in-flight' | 'done' | 'failed';

/** One change as rebuilt from the journal: the first before-image, the last outcome. */
export interface JournaledChange {
  changeId: string;
  change: Change;
  /** The before-image of the FIRST intent for this change (the state before the run). */
  before: TargetImage;
  status: JournalStatus;
  /** The read-back after-image of the last `done` record. */
  after?: TargetImage;
  error?: { code: string; message: string };
  /** Order of the first intent (rollback undoes in reverse). */
  sequence: number;
}
