import type { AccountStatus, ImdsDefaults } from '../../core/model/types.js';
import type { RoleSpec } from '../state/world.js';

export interface AdminAccount {
  id: string;
  name: string;
  email: string;
  status: AccountStatus;
  parentId: string;
  /** e.g. `Root/Workloads/Prod`. */
  path: string;
  enabledRegions: string[];
  roles: RoleSpec[];
}

export interface AdminImds {
  /** What the account itself set (ModifyInstanceMetadataDefaults). */
  account: ImdsDefaults;
  /** What GetInstanceMetadataDefaults answers (a declarative policy may override). */
  effective: {
    defaults: ImdsDefaults;
    managedBy?: 'account' | 'declarative-policy';
    message?: string;
  };
}

export interface AdminPolicy {
  id: string;
  name: string;
  type: string;
  description: string;
  awsManaged: boolean;
  content: string;
  targets: string[];
}

export interface AdminCounters {
  operations: Record<string, { calls: number; ok: number; errors: Record<string, number> }>;
  /** `account/region` → successful ModifyInstanceMetadataDefaults calls. */
  imdsWrites: Record<string, number>;
  /**
   * Authenticated calls (answered or refused) per operation, by who signed them: a principal of
   * the management account or of a member account (`guardrails permissions` is tested on it).
   */
  callers: Partial<Record<'management' | 'member', Record<string, number>>>;
}
