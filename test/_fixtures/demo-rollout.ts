/**
 * A recorded guided rollout of the `demo` scenario (DESIGN brief table): the plan the example
 * config yields and the events the core sends, so hosts are tested without AWS or a sandbox.
 */
import { DEFAULT_ENABLED_REGIONS } from '../../src/core/model/regions.js';
import type { Change, Plan, SkippedTarget } from '../../src/core/plan/types.js';
import type { GuardrailsEvent, PlanTarget } from '../../src/events/types.js';
import { SEED_SCP } from './seed-scp.js';

const REGIONS = [...DEFAULT_ENABLED_REGIONS];

interface DemoAccount {
  id: string;
  name: string;
  ou: string;
  /** Regions whose defaults must change. */
  change: string[];
  regions: number;
  skip?: SkippedTarget['reason'];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { id: '111111111111', name: 'management', ou: 'Root', change: REGIONS, regions: 17 },
  { id: '222222222201', name: 'security-audit', ou: 'Root/Security', change: [], regions: 17 },
  {
    id: '222222222202',
    name: 'log-archive',
    ou: 'Root/Security',
    change: ['eu-west-1'],
    regions: 17,
  },
  { id: '222222222203', name: 'network', ou: 'Root/Infrastructure', change: REGIONS, regions: 17 },
  {
    id: '222222222204',
    name: 'shared-services',
    ou: 'Root/Infrastructure',
    change: REGIONS.filter((r) => r !== 'us-east-1' && r !== 'us-west-2'),
    regions: 17,
  },
  {
    id: '222222222205',
    name: 'payments-prod',
    ou: 'Root/Workloads/Prod',
    change: REGIONS,
    regions: 17,
  },
  {
    id: '222222222206',
    name: 'web-prod',
    ou: 'Root/Workloads/Prod',
    change: ['eu-south-1'],
    regions: 18,
  },
  {
    id: '222222222212',
    name: 'data-platform',
    ou: 'Root/Workloads/Prod',
    change: [],
    regions: 17,
    skip: 'declarative-policy',
  },
  {
    id: '222222222207',
    name: 'payments-dev',
    ou: 'Root/Workloads/Dev',
    change: REGIONS,
    regions: 17,
  },
  { id: '222222222208', name: 'web-dev', ou: 'Root/Workloads/Dev', change: REGIONS, regions: 17 },
  { id: '222222222209', name: 'sandbox-alice', ou: 'Root/Sandbox', change: REGIONS, regions: 17 },
  {
    id: '222222222210',
    name: 'sandbox-bob',
    ou: 'Root/Sandbox',
    change: [],
    regions: 0,
    skip: 'role-denied',
  },
  {
    id: '222222222211',
    name: 'legacy-closed',
    ou: 'Root/Sandbox',
    change: [],
    regions: 0,
    skip: 'suspended',
  },
];

const SEED = SEED_SCP;

const WITH_COMPANIONS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    ...(JSON.parse(SEED) as { Statement: unknown[] }).Statement,
    {
      Sid: 'MaxHopLimit',
      Effect: 'Deny',
      Action: 'ec2:RunInstances',
      Resource: 'arn:aws:ec2:*:*:instance/*',
      Condition: { NumericGreaterThan: { 'ec2:MetadataHttpPutResponseHopLimit': '2' } },
    },
  ],
});

export function demoPlan(): Plan {
  const changes: Change[] = [
    {
      kind: 'policy.update',
      id: 'c-policy',
      risk: 'restricting',
      dependsOn: [],
      policyId: 'p-denyimdsv1',
      policyName: 'DenyIMDSv1',
      before: { content: SEED },
      after: { content: WITH_COMPANIONS },
    },
    {
      kind: 'attachment.add',
      id: 'c-attach-root',
      risk: 'restricting',
      dependsOn: ['c-policy'],
      policyId: 'p-denyimdsv1',
      policyName: 'DenyIMDSv1',
      target: { type: 'ROOT', id: 'r-gr01', label: 'Root' },
    },
  ];
  const skipped: SkippedTarget[] = [];
  for (const a of DEMO_ACCOUNTS) {
    for (const region of a.change) {
      changes.push({
        kind: 'imds.set',
        id: `c-${a.id}-${region}`,
        risk: 'restricting',
        dependsOn: [],
        accountId: a.id,
        accountName: a.name,
        ouPath: a.ou,
        region,
        before: {},
        after: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
        fields: ['httpTokens', 'httpPutResponseHopLimit'],
      });
    }
    if (a.skip) {
      skipped.push({
        accountId: a.id,
        accountName: a.name,
        ouPath: a.ou,
        reason: a.skip,
        message:
          a.skip === 'role-denied'
            ? 'AssumeRole OrganizationAccountAccessRole: AccessDenied'
            : a.skip === 'suspended'
              ? 'the account is SUSPENDED'
              : 'EC2 defaults are managed by a declarative policy',
      });
    }
  }
  const toChange = changes.length;
  return {
    version: 1,
    toolVersion: '0.1.0',
    createdAt: '2026-11-26T10:00:00.000Z',
    configHash: 'c'.repeat(64),
    observedHash: 'o'.repeat(64),
    caller: {
      accountId: '111111111111',
      arn: 'arn:aws:iam::111111111111:user/admin',
      userId: 'AIDA',
    },
    organizationId: 'o-guardrails01',
    managementAccountId: '111111111111',
    changes,
    skipped,
    summary: {
      toChange,
      unchanged: 221 - (toChange - 2) - 17,
      skipped: skipped.length,
      byKind: { 'policy.update': 1, 'attachment.add': 1, 'imds.set': toChange - 2 },
    },
  };
}

export function demoTargets(): PlanTarget[] {
  return DEMO_ACCOUNTS.map((a) => ({
    accountId: a.id,
    accountName: a.name,
    ouPath: a.ou,
    regions: a.regions,
  }));
}

/** Everything up to the plan (what the UI shows before the Confirm step). */
export function eventsUntilPlan(): GuardrailsEvent[] {
  const plan = demoPlan();
  return [
    { type: 'step.started', step: 'preflight', title: 'Preflight' },
    {
      type: 'preflight.identity',
      caller: plan.caller,
      organizationId: 'o-guardrails01',
      managementAccountId: '111111111111',
      configFile: '/repo/guardrails.config.ts',
    },
    { type: 'step.finished', step: 'preflight', status: 'ok' },
    { type: 'step.started', step: 'discover', title: 'Discover' },
    { type: 'discover.progress', ous: 6, accounts: 13, reachable: 0, unreachable: 0, regions: 0 },
    {
      type: 'discover.progress',
      ous: 6,
      accounts: 13,
      reachable: 11,
      unreachable: 2,
      regions: 188,
    },
    { type: 'sweep.progress', done: 188, total: 188 },
    { type: 'step.finished', step: 'discover', status: 'ok' },
    { type: 'step.started', step: 'plan', title: 'Plan' },
    { type: 'plan.ready', summary: plan.summary, plan, targets: demoTargets() },
    { type: 'step.finished', step: 'plan', status: 'ok' },
  ];
}

/** One wave's apply: start, every change succeeding (one failure if asked), finish. */
export function waveEvents(
  wave: string,
  index: number,
  total: number,
  ous: string[],
  options: { failRegion?: string } = {},
): GuardrailsEvent[] {
  const plan = demoPlan();
  const changes = plan.changes.filter((c) => c.kind === 'imds.set' && ous.includes(c.ouPath));
  const accounts = DEMO_ACCOUNTS.filter((a) => ous.includes(a.ou) && a.change.length > 0).map(
    (a) => ({ accountId: a.id, accountName: a.name, changes: a.change.length }),
  );
  const events: GuardrailsEvent[] = [
    { type: 'wave.started', wave, index, total, changes: changes.length, accounts },
  ];
  let failed = 0;
  for (const c of changes) {
    if (c.kind !== 'imds.set') continue;
    const label = `${c.accountName} ${c.region}`;
    events.push({
      type: 'change.started',
      changeId: c.id,
      kind: c.kind,
      label,
      accountId: c.accountId,
      region: c.region,
    });
    if (c.region === options.failRegion) {
      failed += 1;
      events.push({
        type: 'change.failed',
        changeId: c.id,
        code: 'UnauthorizedOperation',
        message: 'You are not authorized to perform this operation.',
      });
    } else {
      events.push({ type: 'change.succeeded', changeId: c.id });
    }
  }
  events.push({
    type: 'wave.finished',
    wave,
    succeeded: changes.length - failed,
    failed,
    skipped: 0,
  });
  return events;
}

export const DEMO_WAVES = [
  { name: 'canary', ous: ['Root/Sandbox'] },
  { name: 'non-production', ous: ['Root/Workloads/Dev', 'Root/Infrastructure', 'Root/Security'] },
  { name: 'production', ous: ['Root', 'Root/Workloads/Prod'] },
];

export function eventsAfterConfirm(): GuardrailsEvent[] {
  const events: GuardrailsEvent[] = [{ type: 'step.started', step: 'apply', title: 'Apply' }];
  DEMO_WAVES.forEach((w, i) => {
    events.push(...waveEvents(w.name, i, DEMO_WAVES.length, w.ous));
  });
  events.push(
    {
      type: 'run.finished',
      succeeded: 121,
      failed: 0,
      skipped: 0,
      durationMs: 2140,
      journal: 'guardrails-reports/journal-20261126T100000Z.jsonl',
    },
    { type: 'step.finished', step: 'apply', status: 'ok', summary: '121 succeeded · 0 failed' },
    { type: 'step.started', step: 'verify', title: 'Verify' },
    { type: 'sweep.progress', done: 100, total: 188 },
    { type: 'sweep.progress', done: 188, total: 188 },
    {
      type: 'verify.finished',
      counts: {
        compliant: 197,
        drift: 0,
        'managed-by-declarative-policy': 17,
        unreachable: 2,
        error: 0,
        total: 216,
      },
    },
    { type: 'step.finished', step: 'verify', status: 'ok' },
    { type: 'step.started', step: 'report', title: 'Report' },
    {
      type: 'report.written',
      format: 'html',
      path: 'guardrails-reports/verify-20261126T100002Z.html',
    },
    {
      type: 'report.written',
      format: 'json',
      path: 'guardrails-reports/verify-20261126T100002Z.json',
    },
    { type: 'step.finished', step: 'report', status: 'ok' },
  );
  return events;
}
