/** Hand-built Plans for the plan writers, shaped like the sandbox `demo` scenario's first plan. */
import { DEFAULT_ENABLED_REGIONS } from '../../src/core/model/regions.js';
import type { ImdsDefaults, ImdsField } from '../../src/core/model/types.js';
import type {
  Change,
  Plan,
  PlanSummary,
  SetImdsDefaultsChange,
  SkippedTarget,
} from '../../src/core/plan/types.js';
import { SEED_SCP } from './seed-scp.js';

const SEED = SEED_SCP;

const WITH_HOP_LIMIT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    JSON.parse(SEED).Statement[0],
    {
      Sid: 'DenyHopLimitAbove2',
      Effect: 'Deny',
      Action: 'ec2:RunInstances',
      Resource: 'arn:aws:ec2:*:*:instance/*',
      Condition: { NumericGreaterThan: { 'ec2:MetadataHttpPutResponseHopLimit': '2' } },
    },
  ],
});

interface Account {
  id: string;
  name: string;
  ouPath: string;
}

function imdsSet(account: Account, region: string, before: ImdsDefaults): SetImdsDefaultsChange {
  const fields: ImdsField[] = [];
  if (before.httpTokens !== 'required') fields.push('httpTokens');
  if (before.httpPutResponseHopLimit !== 2) fields.push('httpPutResponseHopLimit');
  return {
    kind: 'imds.set',
    id: `imds-${account.id}-${region}`,
    risk: 'restricting',
    dependsOn: [],
    accountId: account.id,
    accountName: account.name,
    ouPath: account.ouPath,
    region,
    before,
    after: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
    fields,
  };
}

function summarize(changes: Change[], unchanged: number, skipped: number): PlanSummary {
  const byKind: PlanSummary['byKind'] = {};
  for (const change of changes) byKind[change.kind] = (byKind[change.kind] ?? 0) + 1;
  return { toChange: changes.length, unchanged, skipped, byKind };
}

function plan(changes: Change[], skipped: SkippedTarget[], unchanged: number): Plan {
  return {
    version: 1,
    toolVersion: '0.1.0',
    createdAt: '2026-11-26T10:00:00.000Z',
    configHash: 'a'.repeat(64),
    observedHash: 'b'.repeat(64),
    caller: {
      accountId: '111111111111',
      arn: 'arn:aws:iam::111111111111:user/platform-admin',
      userId: 'AIDAEXAMPLE',
    },
    organizationId: 'o-guardrails01',
    managementAccountId: '111111111111',
    changes,
    skipped,
    summary: summarize(changes, unchanged, skipped.length),
  };
}

const regions = [...DEFAULT_ENABLED_REGIONS];
const mgmt = { id: '111111111111', name: 'management', ouPath: 'Root' };
const logArchive = { id: '222222222202', name: 'log-archive', ouPath: 'Root/Security' };
const network = { id: '222222222203', name: 'network', ouPath: 'Root/Infrastructure' };
const shared = { id: '222222222204', name: 'shared-services', ouPath: 'Root/Infrastructure' };
const webProd = { id: '222222222206', name: 'web-prod', ouPath: 'Root/Workloads/Prod' };
const bob = { id: '222222222210', name: 'sandbox-bob', ouPath: 'Root/Sandbox' };
const data = { id: '222222222212', name: 'data-platform', ouPath: 'Root/Workloads/Prod' };

/** Org changes of every kind plus grouped and single-region defaults, and skipped targets. */
export function demoPlan(): Plan {
  const changes: Change[] = [
    {
      kind: 'policy.update',
      id: 'pol-update',
      risk: 'restricting',
      dependsOn: [],
      policyId: 'p-denyimds1',
      policyName: 'DenyIMDSv1',
      before: { content: SEED },
      after: { content: WITH_HOP_LIMIT },
    },
    {
      kind: 'attachment.add',
      id: 'att-root',
      risk: 'restricting',
      dependsOn: ['pol-update'],
      policyName: 'DenyIMDSv1',
      policyId: 'p-denyimds1',
      target: { type: 'ROOT', id: 'r-gr01', label: 'Root' },
    },
    {
      kind: 'attachment.remove',
      id: 'att-prod',
      risk: 'neutral',
      dependsOn: ['att-root'],
      policyName: 'DenyIMDSv1',
      policyId: 'p-denyimds1',
      target: { type: 'ORGANIZATIONAL_UNIT', id: 'ou-gr01-prod', label: 'Root/Workloads/Prod' },
    },
    ...regions.map((r) => imdsSet(mgmt, r, {})),
    imdsSet(logArchive, 'eu-west-1', { httpTokens: 'optional', httpPutResponseHopLimit: 2 }),
    ...regions.map((r) =>
      // Raising the hop limit lets tokens travel one hop further: the core calls that relaxing.
      ({
        ...imdsSet(network, r, { httpTokens: 'required', httpPutResponseHopLimit: 1 }),
        risk: 'relaxing' as const,
      }),
    ),
    ...regions
      .filter((r) => r !== 'us-east-1' && r !== 'us-west-2')
      .map((r) => imdsSet(shared, r, {})),
    imdsSet(webProd, 'eu-south-1', {}),
  ];
  const skipped: SkippedTarget[] = [
    {
      ...accountRef(bob),
      reason: 'role-denied',
      message: 'AssumeRole into OrganizationAccountAccessRole was refused (AccessDenied)',
    },
    ...regions.map(
      (region): SkippedTarget => ({
        ...accountRef(data),
        region,
        reason: 'declarative-policy',
        message: 'defaults are managed by the declarative policy ec2-imds-baseline',
      }),
    ),
  ];
  return plan(changes, skipped, 40);
}

function accountRef(account: Account) {
  return { accountId: account.id, accountName: account.name, ouPath: account.ouPath };
}

/** Everything already as desired. */
export function convergedPlan(): Plan {
  return plan([], [], 221);
}

/** The first run on a fresh org: enable SCPs, create and attach the policy. */
export function firstRunPlan(): Plan {
  return plan(
    [
      {
        kind: 'policyType.enable',
        id: 'pt',
        risk: 'restricting',
        dependsOn: [],
        rootId: 'r-gr01',
        policyType: 'SERVICE_CONTROL_POLICY',
      },
      {
        kind: 'policy.create',
        id: 'pc',
        risk: 'restricting',
        dependsOn: ['pt'],
        policyName: 'DenyIMDSv1',
        policyType: 'SERVICE_CONTROL_POLICY',
        description: 'Deny launching EC2 instances without IMDSv2 (guardrails)',
        content: SEED,
      },
      {
        kind: 'attachment.add',
        id: 'pa',
        risk: 'restricting',
        dependsOn: ['pc'],
        policyName: 'DenyIMDSv1',
        target: { type: 'ROOT', id: 'r-gr01', label: 'Root' },
      },
      {
        kind: 'policy.delete',
        id: 'pd',
        risk: 'relaxing',
        dependsOn: [],
        policyId: 'p-old',
        policyName: 'OldImdsPolicy',
        before: { content: SEED },
      },
    ],
    [],
    3,
  );
}
