/**
 * Service control policies in effect for a call, evaluated with a real IAM policy engine
 * (@cloud-copilot/iam-simulate), not a special case per statement: root → each OU on the path →
 * the account, every level must allow the action and no level may deny it. The management
 * account is never restricted by SCPs (AWS). The caller's own IAM permissions are not modelled
 * (SPEC.md: every principal may call everything in its account), so its identity policy is
 * an allow-all.
 *
 * The engine is AGPL-3.0-or-later while this package is MIT, so it is a development dependency
 * loaded on first use, not shipped: a checkout (`npm ci`) has it; an installed package answers
 * RunInstances with a clear error naming the package to add.
 */
import type { Simulation } from '@cloud-copilot/iam-simulate';
import { BugError } from '../../errors.js';
import { AwsError } from '../errors.js';
import type { Identity } from '../state/credentials.js';
import type { World } from '../state/world.js';

export const SCP_TYPE = 'SERVICE_CONTROL_POLICY';

const ALLOW_ALL = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

export interface AuthRequest {
  /** `ec2:RunInstances` */
  action: string;
  /** The resource ARN the action is authorized on, e.g. `arn:aws:ec2:<region>:<acct>:instance/*`. */
  resource: string;
  region: string;
  /** Service condition keys of the request (e.g. `ec2:MetadataHttpTokens`); absent keys are absent. */
  context: Record<string, string | string[]>;
}

export interface DenyingStatement {
  /** The OU, root or account id the denying policy is attached to. */
  target: string;
  policyId: string;
  policyName: string;
  sid?: string;
}

export type AuthDecision =
  | { allowed: true }
  | { allowed: false; explicitDeny: boolean; denyingStatements: DenyingStatement[] };

interface CacheEntry {
  version: number;
  decisions: Map<string, AuthDecision>;
}
/** Decisions per world version: a sweep repeats the same few questions thousands of times. */
const cache = new WeakMap<World, CacheEntry>();
const CACHE_LIMIT = 5_000;

/** The principal ARN policies match with `aws:PrincipalArn` (the role, not the session). */
export function principalArn(identity: Identity): string {
  if (identity.kind === 'assumed-role' && identity.roleName) {
    return `arn:aws:iam::${identity.accountId}:role/${identity.roleName}`;
  }
  return identity.arn;
}

export async function evaluateScps(
  world: World,
  identity: Identity,
  request: AuthRequest,
): Promise<AuthDecision> {
  const accountId = identity.accountId;
  if (accountId === world.managementAccountId) return { allowed: true };
  if (world.policyTypes.get(SCP_TYPE) !== 'ENABLED') return { allowed: true };
  if (!world.accounts.has(accountId)) return { allowed: true };

  const levels = world.pathTo(accountId).map((target) => ({
    orgIdentifier: target,
    policies: world
      .attachedTo(target)
      .map((id) => world.policies.get(id))
      .filter((p) => p?.type === SCP_TYPE)
      .map((p) => ({ name: p!.id, policy: JSON.parse(p!.content) as unknown })),
  }));
  const context: Record<string, string | string[]> = {
    'aws:PrincipalArn': principalArn(identity),
    'aws:PrincipalAccount': accountId,
    'aws:PrincipalOrgID': world.organizationId,
    'aws:PrincipalType': identity.kind === 'assumed-role' ? 'AssumedRole' : 'User',
    'aws:RequestedRegion': request.region,
    ...request.context,
  };
  const simulation: Simulation = {
    request: {
      principal: identity.arn,
      action: request.action,
      resource: { resource: request.resource, accountId },
      contextVariables: context,
    },
    identityPolicies: [{ name: 'sandbox-allow-all', policy: ALLOW_ALL }],
    serviceControlPolicies: levels,
    resourceControlPolicies: [],
  };

  let entry = cache.get(world);
  if (!entry || entry.version !== world.version) {
    entry = { version: world.version, decisions: new Map() };
    cache.set(world, entry);
  }
  const key = JSON.stringify([levels.map((l) => l.orgIdentifier), simulation.request]);
  const hit = entry.decisions.get(key);
  if (hit) return hit;
  const decision = await simulate(world, simulation);
  if (entry.decisions.size >= CACHE_LIMIT) entry.decisions.clear();
  entry.decisions.set(key, decision);
  return decision;
}

type Engine = typeof import('@cloud-copilot/iam-simulate');
let engine: Promise<Engine> | undefined;

function loadEngine(): Promise<Engine> {
  const ENGINE = '@cloud-copilot/iam-simulate';
  engine ??= (import(ENGINE) as Promise<Engine>).catch(() => {
    engine = undefined;
    throw new AwsError(
      'ServiceUnavailable',
      503,
      `The sandbox evaluates SCPs with ${ENGINE} (AGPL-3.0-or-later), which org-guardrails does not ship. Install it next to guardrails (npm install ${ENGINE}) to use RunInstances and guardrails prove against the sandbox.`,
    );
  });
  return engine;
}

async function simulate(world: World, simulation: Simulation): Promise<AuthDecision> {
  const { runSimulation, getDenialReasons } = await loadEngine();
  const response = await runSimulation(simulation, {});
  if (response.resultType === 'error') {
    // A policy the engine cannot read is the sandbox's bug or a malformed seed: say so loudly.
    throw new BugError(`SCP evaluation failed: ${JSON.stringify(response.errors)}`);
  }
  if (response.overallResult === 'Allowed') return { allowed: true };
  const analyses =
    response.resultType === 'single'
      ? [response.result.analysis]
      : response.results.map((r) => r.analysis);
  const denyingStatements: DenyingStatement[] = [];
  for (const analysis of analyses) {
    if (!analysis) continue;
    for (const reason of getDenialReasons(analysis)) {
      if (reason.policyType !== 'scp' || reason.denialType !== 'Explicit') continue;
      const policyId = reason.policyIdentifier ?? '';
      const target = targetOf(world, simulation, policyId);
      denyingStatements.push({
        target,
        policyId,
        policyName: world.policies.get(policyId)?.name ?? policyId,
        ...(reason.statementId ? { sid: reason.statementId } : {}),
      });
    }
  }
  return {
    allowed: false,
    explicitDeny: response.overallResult === 'ExplicitlyDenied',
    denyingStatements,
  };
}

function targetOf(world: World, simulation: Simulation, policyId: string): string {
  const level = simulation.serviceControlPolicies.find((l) =>
    l.policies.some((p) => p.name === policyId),
  );
  return level?.orgIdentifier ?? world.rootId;
}
