/**
 * An in-memory AwsGateways for executor unit tests: policies, attachments and IMDS defaults per
 * account × region, call counters, and scripted failures (AwsApiError like the real gateways).
 */

import type { AwsGateways, Ec2Gateway } from '../../src/aws/gateways.js';
import { retryKindOf } from '../../src/aws/map-aws-error.js';
import { applyImdsSetting } from '../../src/core/model/imds.js';
import type { ImdsDefaults, PolicySummary } from '../../src/core/model/types.js';
import { AwsApiError } from '../../src/errors.js';

export interface FakeWorld {
  imds: Map<string, ImdsDefaults>;
  policies: Map<string, { summary: PolicySummary; content: string; description: string }>;
  attachments: Map<string, Set<string>>;
  calls: string[];
  /** Scripted failures: operation key (`Modify:acct:region`, `AttachPolicy`) → codes to throw in turn. */
  failures: Map<string, string[]>;
  /** Resolves each call after this promise (lets a test hold calls in flight). */
  gate?: () => Promise<void>;
}

export function createFakeWorld(): FakeWorld {
  const full: PolicySummary = {
    id: 'p-FullAWSAccess',
    name: 'FullAWSAccess',
    arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
    awsManaged: true,
    type: 'SERVICE_CONTROL_POLICY',
  };
  return {
    imds: new Map(),
    policies: new Map([[full.id, { summary: full, content: '{}', description: '' }]]),
    attachments: new Map([['r-root', new Set([full.id])]]),
    calls: [],
    failures: new Map(),
  };
}

const RETRYABLE = new Set([
  'Throttling',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'ConcurrentModificationException',
]);

async function step(world: FakeWorld, key: string, service: string, where = {}): Promise<void> {
  world.calls.push(key);
  if (world.gate) await world.gate();
  const queue = world.failures.get(key);
  const code = queue?.shift();
  if (code) {
    throw new AwsApiError(
      { service, operation: key.split(':')[0] ?? key, ...where },
      code,
      'scripted',
      RETRYABLE.has(code) ? { retryKind: retryKindOf(code) ?? 'transient' } : {},
    );
  }
}

export function createFakeGateways(world: FakeWorld): AwsGateways {
  let nextId = 1;
  const notFound = (op: string) =>
    new AwsApiError(
      { service: 'organizations', operation: op },
      'PolicyNotFoundException',
      'no such policy',
    );
  return {
    sts: {
      getCallerIdentity: async () => ({
        accountId: '111111111111',
        arn: 'arn:aws:iam::111111111111:user/admin',
        userId: 'AIDA',
      }),
    },
    organizations: {
      describeOrganization: async () => ({
        id: 'o-test',
        managementAccountId: '111111111111',
        featureSet: 'ALL',
      }),
      listRoots: async () => [
        {
          id: 'r-root',
          name: 'Root',
          policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }],
        },
      ],
      listOrganizationalUnitsForParent: async () => [],
      listAccountsForParent: async () => [],
      listPolicies: async () => [...world.policies.values()].map((p) => p.summary),
      listPoliciesForTarget: async (targetId) =>
        [...(world.attachments.get(targetId) ?? [])].flatMap((id) => {
          const p = world.policies.get(id);
          return p ? [p.summary] : [];
        }),
      listTargetsForPolicy: async () => [],
      describePolicy: async (policyId) => {
        await step(world, `DescribePolicy:${policyId}`, 'organizations');
        const p = world.policies.get(policyId);
        if (!p) throw notFound('DescribePolicy');
        return { summary: p.summary, content: p.content };
      },
      createPolicy: async (input) => {
        await step(world, 'CreatePolicy', 'organizations');
        if ([...world.policies.values()].some((p) => p.summary.name === input.name)) {
          throw new AwsApiError(
            { service: 'organizations', operation: 'CreatePolicy' },
            'DuplicatePolicyException',
            'exists',
          );
        }
        const id = `p-fake${nextId++}`;
        const summary: PolicySummary = {
          id,
          name: input.name,
          arn: `arn:${id}`,
          awsManaged: false,
          type: input.type,
        };
        world.policies.set(id, { summary, content: input.content, description: input.description });
        return summary;
      },
      updatePolicy: async (input) => {
        await step(world, `UpdatePolicy:${input.policyId}`, 'organizations');
        const p = world.policies.get(input.policyId);
        if (!p) throw notFound('UpdatePolicy');
        if (input.content !== undefined) p.content = input.content;
        return p.summary;
      },
      deletePolicy: async (policyId) => {
        await step(world, `DeletePolicy:${policyId}`, 'organizations');
        if (!world.policies.delete(policyId)) throw notFound('DeletePolicy');
      },
      attachPolicy: async (policyId, targetId) => {
        await step(world, `AttachPolicy:${targetId}`, 'organizations');
        const set = world.attachments.get(targetId) ?? new Set<string>();
        set.add(policyId);
        world.attachments.set(targetId, set);
      },
      detachPolicy: async (policyId, targetId) => {
        await step(world, `DetachPolicy:${targetId}`, 'organizations');
        world.attachments.get(targetId)?.delete(policyId);
      },
      enablePolicyType: async () => ({ id: 'r-root', name: 'Root', policyTypes: [] }),
    },
    ec2: async (accountId, region) => {
      const key = `${accountId}:${region}`;
      const where = { accountId, region };
      const gw: Ec2Gateway = {
        accountId,
        region,
        describeRegions: async () => [],
        getInstanceMetadataDefaults: async () => {
          await step(world, `Get:${key}`, 'ec2', where);
          return { defaults: { ...(world.imds.get(key) ?? {}) }, managedBy: 'account' };
        },
        modifyInstanceMetadataDefaults: async (setting) => {
          await step(world, `Modify:${key}`, 'ec2', where);
          world.imds.set(key, applyImdsSetting(world.imds.get(key) ?? {}, setting));
        },
      };
      return gw;
    },
    checkAccess: async () => {},
  };
}
