/**
 * Names in the config that only mean something against the organization — rollout waves' OUs
 * and accounts, readiness.allowAtRisk — checked as soon as the organization is read, by every
 * command that reads it. Without this a typo'd wave OU passed `plan` and failed `apply` after the
 * whole sweep. (scope.* is checked by resolveScope, attach targets by the desired state.)
 */
import type { ResolvedConfig } from '../../config/schema.js';
import type { OrgTree } from '../model/types.js';
import { resolveWave } from '../plan/waves.js';
import { requireAccount } from './org-lookup.js';

export function validateConfigReferences(
  org: OrgTree,
  config: {
    rollout?: Pick<ResolvedConfig['rollout'], 'waves'>;
    readiness?: Pick<ResolvedConfig['readiness'], 'allowAtRisk'>;
  },
): void {
  for (const [i, wave] of (config.rollout?.waves ?? []).entries()) resolveWave(org, wave, i);
  for (const [i, id] of (config.readiness?.allowAtRisk ?? []).entries()) {
    requireAccount(org, id, { config: `readiness.allowAtRisk[${i}]` });
  }
}
