/**
 * Service control policies in effect for a call, evaluated with a real IAM policy engine
 * (@cloud-copilot/iam-simulate), not a special case per statement: root → each OU on the path →
 * the account, every level must allow the action and no level may deny it. The management
 * account is never restricted by SCPs (AWS). The caller's own IAM permissions are an allow-all
 * (SPEC.md) plus the `principalDenies` knob, which adds a deny in an identity-based policy or a
 * permissions boundary so that tests can tell those denies apart from SCP denies.
 *
 * The engine is AGPL-3.0-or-later while this package is MIT, so it is a development dependency
 * loaded on first use, not shipped: a checkout (`npm ci`) has it; an installed package answers
 * RunInstances with a clear error naming the package to add.
 */
import type { Simulation } from '@cloud-copilot/iam-simulate';
import { AwsError } from '../errors.js';
import { FULL_AWS_ACCESS_ID, SCP } from '../services/organizations/policies.js';
import type { Identity } from '../state/credentials.js';
import type { World } from '../state/world.js';

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

/** The kinds of policy AWS names in an explicit-deny message (aws-behaviour.md §9). */
export type DenyKind = 'scp' | 'identity' | 'boundary';

/** A deny the `principalDenies` knob adds to one account's principals. */
export interface PrincipalDeny {
  accountId: string;
  kind: 'identity-policy' | 'permissions-boundary';
  /** An IAM action pattern, e.g. `ec2:RunInstances` or `ec2:*`. */
  action: string;
}

export interface DenyingStatement {
  kind: DenyKind;
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

function scpLevels(world: World, accountId: string) {
  if (accountId === world.managementAccountId) return [];
  if (world.policyTypes.get(SCP) !== 'ENABLED') return [];
  if (!world.accounts.has(accountId)) return [];
  return world.pathTo(accountId).map((target) => ({
    orgIdentifier: target,
    policies: world
      .attachedTo(target)
      .map((id) => world.policies.get(id))
      .filter((p) => p?.type === SCP)
      .map((p) => ({ name: p!.id, policy: JSON.parse(p!.content) as unknown })),
  }));
}

function denyPolicy(denies: PrincipalDeny[], name: string) {
  return {
    name,
    policy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        ...denies.map((d, i) => ({
          Sid: `SandboxDeny${i + 1}`,
          Effect: 'Deny',
          Action: d.action,
          Resource: '*',
        })),
      ],
    },
  };
}

export async function evaluateScps(
  world: World,
  identity: Identity,
  request: AuthRequest,
  principalDenies: PrincipalDeny[] = [],
): Promise<AuthDecision> {
  const accountId = identity.accountId;
  const mine = principalDenies.filter((d) => d.accountId === accountId);
  const levels = scpLevels(world, accountId);
  const fullAccessOnly = levels.every((l) =>
    l.policies.every((p) => p.name === FULL_AWS_ACCESS_ID),
  );
  // Nothing but FullAWSAccess and no knob denies: allowed without asking the engine (sweeps).
  if (fullAccessOnly && mine.length === 0) return { allowed: true };
  const identityDenies = mine.filter((d) => d.kind === 'identity-policy');
  const boundaryDenies = mine.filter((d) => d.kind === 'permissions-boundary');
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
    identityPolicies: identityDenies.length
      ? [denyPolicy(identityDenies, 'sandbox-identity-policy')]
      : [{ name: 'sandbox-allow-all', policy: ALLOW_ALL }],
    serviceControlPolicies: levels,
    resourceControlPolicies: [],
    ...(boundaryDenies.length
      ? { permissionBoundaryPolicies: [denyPolicy(boundaryDenies, 'sandbox-boundary')] }
      : {}),
  };

  let entry = cache.get(world);
  if (!entry || entry.version !== world.version) {
    entry = { version: world.version, decisions: new Map() };
    cache.set(world, entry);
  }
  const key = JSON.stringify([levels.map((l) => l.orgIdentifier), simulation.request, mine]);
  const hit = entry.decisions.get(key);
  if (hit) return hit;
  const decision = await simulate(world, simulation, identity.arn);
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

const KINDS: Partial<Record<string, DenyKind>> = {
  scp: 'scp',
  identity: 'identity',
  pb: 'boundary',
};

async function simulate(
  world: World,
  simulation: Simulation,
  identity: string,
): Promise<AuthDecision> {
  const { runSimulation, getDenialReasons } = await loadEngine();
  const response = await runSimulation(simulation, {});
  if (response.resultType === 'error') {
    // A policy the engine cannot read is the sandbox's bug or a malformed seed: say so loudly.
    throw new Error(`Sandbox bug: SCP evaluation failed: ${JSON.stringify(response.errors)}`);
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
      if (reason.denialType !== 'Explicit') continue;
      const kind = KINDS[reason.policyType];
      if (!kind) continue;
      const policyId = reason.policyIdentifier ?? '';
      const target = kind === 'scp' ? targetOf(world, simulation, policyId) : identity;
      denyingStatements.push({
        kind,
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
