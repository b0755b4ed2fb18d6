/** The resolved config + templates + org tree → what the organization should look like. */
import type { ResolvedConfig } from '../../config/schema.js';
import { IMDS_FIELDS, type ImdsDefaults, type OrgTree } from '../model/types.js';
import type { TargetRef } from '../plan/types.js';
import { resolveTarget } from './org-lookup.js';
import { renderScp } from './render-scp.js';
import type { DesiredState, TemplateSet } from './types.js';

type DesiredConfig = Pick<ResolvedConfig, 'imdsDefaults' | 'scp' | 'organization'>;

export function buildDesiredState(
  config: DesiredConfig,
  templates: TemplateSet,
  org: OrgTree,
): DesiredState {
  return {
    imds: desiredImds(config.imdsDefaults),
    scp: config.scp.enabled
      ? {
          name: config.scp.name,
          description: config.scp.description,
          content: renderScp(templates.scp, config.scp),
          attachTo: attachTargets(org, config.scp.attachTo),
        }
      : null,
    includeManagementAccount: config.organization.includeManagementAccount,
  };
}

/** Only the fields the config sets are managed; unset optional fields are left as they are. */
export function desiredImds(config: ResolvedConfig['imdsDefaults']): ImdsDefaults {
  const out: Record<string, unknown> = {};
  for (const field of IMDS_FIELDS) {
    if (config[field] !== undefined) out[field] = config[field];
  }
  return out as ImdsDefaults;
}

function attachTargets(org: OrgTree, selectors: readonly string[]): TargetRef[] {
  const seen = new Set<string>();
  const targets: TargetRef[] = [];
  selectors.forEach((selector, i) => {
    const target = resolveTarget(org, selector, { config: `scp.attachTo[${i}]` });
    if (seen.has(target.id)) return;
    seen.add(target.id);
    targets.push(target);
  });
  return targets;
}
