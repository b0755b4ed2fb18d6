/** The resolved config + templates + org tree → what the organization should look like. */
import type { ResolvedConfig } from '../../config/schema.js';
import { ConfigError } from '../errors.js';
import { IMDS_FIELDS, type ImdsDefaults, type OrgTree } from '../model/types.js';
import type { TargetRef } from '../plan/types.js';
import { exemptPrincipalPatterns, resolveExceptions } from './exceptions.js';
import { resolveTarget } from './org-lookup.js';
import { renderDeclarative } from './render-declarative.js';
import { renderScp } from './render-scp.js';
import { configuredStage, imdsForStage, stageHasScp } from './stage.js';
import type { DesiredState, Stage, TemplateSet } from './types.js';

type DesiredConfig = Pick<ResolvedConfig, 'imdsDefaults' | 'scp' | 'organization'> &
  Partial<Pick<ResolvedConfig, 'strategy' | 'declarative' | 'exceptions'>> & {
    rollout?: { stage?: Stage | undefined } | undefined;
  };

export interface DesiredOptions {
  /** The ring to build for; default the config's (rollout.stage, else derived). */
  stage?: Stage | undefined;
  /** The run's clock, to tell active exceptions from expired ones. */
  now?: Date | undefined;
}

export function buildDesiredState(
  config: DesiredConfig,
  templates: TemplateSet,
  org: OrgTree,
  options: DesiredOptions = {},
): DesiredState {
  const stage = options.stage ?? configuredStage(config);
  const strategy = config.strategy ?? 'scp-and-defaults';
  const exceptions = resolveExceptions(config.exceptions ?? [], org, options.now);
  const imds = imdsForStage(desiredImds(config.imdsDefaults), stage);
  const exempt = [
    ...new Set([...config.scp.exemptPrincipals, ...exemptPrincipalPatterns(exceptions)]),
  ];
  return {
    imds,
    scp: stageHasScp(stage, strategy, config.scp.enabled)
      ? {
          name: config.scp.name,
          description: config.scp.description,
          content: renderScp(templates.scp, { ...config.scp, exemptPrincipals: exempt }),
          attachTo: attachTargets(org, config.scp.attachTo, 'scp.attachTo'),
        }
      : null,
    includeManagementAccount: config.organization.includeManagementAccount,
    stage,
    strategy,
    declarative: strategy === 'scp-and-defaults' ? null : declarative(config, templates, org, imds),
    exceptions,
  };
}

function declarative(
  config: DesiredConfig,
  templates: TemplateSet,
  org: OrgTree,
  imds: ImdsDefaults,
): DesiredState['declarative'] {
  const settings = config.declarative ?? {
    name: 'guardrails-ec2-imds',
    description: 'EC2 instance metadata defaults (managed by org-guardrails).',
    attachTo: ['Root'],
  };
  if (!templates.declarative) {
    throw new ConfigError('The declarative policy template is missing.', {
      hint: 'Reinstall org-guardrails; templates/declarative/ec2-imds.json ships with the package.',
    });
  }
  return {
    name: settings.name,
    description: settings.description,
    content: renderDeclarative(templates.declarative, imds, settings),
    attachTo: attachTargets(org, settings.attachTo, 'declarative.attachTo'),
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

function attachTargets(org: OrgTree, selectors: readonly string[], path: string): TargetRef[] {
  const seen = new Set<string>();
  const targets: TargetRef[] = [];
  selectors.forEach((selector, i) => {
    const target = resolveTarget(org, selector, { config: `${path}[${i}]` });
    if (seen.has(target.id)) return;
    seen.add(target.id);
    targets.push(target);
  });
  return targets;
}
