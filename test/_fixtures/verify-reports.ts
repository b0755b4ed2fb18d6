/**
 * Hand-built VerifyReports for the report writers: `smallVerifyReport` (exact-text snapshots) and
 * `demoVerifyReport` (the sandbox `demo` scenario as verify should see it, for HTML/CSV/JUnit).
 */
import { DEFAULT_ENABLED_REGIONS } from '../../src/core/model/regions.js';
import type { ImdsDefaults } from '../../src/core/model/types.js';
import type {
  FieldDiff,
  ImdsResult,
  ScpResult,
  StatusCounts,
  TargetStatus,
  VerifyReport,
  VerifyResult,
} from '../../src/core/verify/types.js';

const DESIRED: ImdsDefaults = { httpTokens: 'required', httpPutResponseHopLimit: 2 };

interface Account {
  id: string;
  name: string;
  ouPath: string;
}

function diffsOf(observed: ImdsDefaults): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  if (observed.httpTokens !== DESIRED.httpTokens) {
    diffs.push({ field: 'httpTokens', expected: 'required', actual: observed.httpTokens });
  }
  if (observed.httpPutResponseHopLimit !== DESIRED.httpPutResponseHopLimit) {
    diffs.push({
      field: 'httpPutResponseHopLimit',
      expected: 2,
      actual: observed.httpPutResponseHopLimit,
    });
  }
  return diffs;
}

export function imds(account: Account, region: string, observed: ImdsDefaults): ImdsResult {
  const diffs = diffsOf(observed);
  return {
    kind: 'imds',
    accountId: account.id,
    accountName: account.name,
    ouPath: account.ouPath,
    region,
    status: diffs.length === 0 ? 'compliant' : 'drift',
    diffs,
    observed,
    managedBy: 'account',
  };
}

/** The details the core writes (src/core/verify/scp-coverage.ts). */
function scpDetail(coverage: ScpResult['coverage'], via?: string): string | undefined {
  switch (coverage) {
    case 'management-account':
      return 'SCPs never apply to the management account; its IMDS defaults are checked directly';
    case 'missing':
      return 'DenyIMDSv1 is not attached to the account, any OU above it, or Root';
    case 'content-differs':
      return `DenyIMDSv1 is attached via ${via} but its content differs from the template`;
    default:
      return undefined;
  }
}

export function scp(account: Account, coverage: ScpResult['coverage'], via?: string): ScpResult {
  const ok = coverage === 'direct' || coverage === 'inherited' || coverage === 'management-account';
  const detail = scpDetail(coverage, via);
  return {
    kind: 'scp',
    accountId: account.id,
    accountName: account.name,
    ouPath: account.ouPath,
    status: ok ? 'compliant' : 'drift',
    coverage,
    ...(via === undefined ? {} : { via }),
    ...(detail === undefined ? {} : { detail }),
  };
}

export function unreachable(account: Account, region: string, detail: string): ImdsResult {
  return {
    kind: 'imds',
    accountId: account.id,
    accountName: account.name,
    ouPath: account.ouPath,
    region,
    status: 'unreachable',
    diffs: [],
    detail,
  };
}

export function countStatuses(results: readonly VerifyResult[]): StatusCounts {
  const counts: StatusCounts = {
    compliant: 0,
    drift: 0,
    'managed-by-declarative-policy': 0,
    unreachable: 0,
    error: 0,
    total: 0,
  };
  for (const result of results) {
    counts[result.status satisfies TargetStatus] += 1;
    counts.total += 1;
  }
  return counts;
}

function report(results: VerifyResult[], accounts: number): VerifyReport {
  return {
    schemaVersion: 1,
    toolVersion: '0.1.0',
    generatedAt: '2026-11-26T10:00:00.000Z',
    caller: { accountId: '111111111111', arn: 'arn:aws:iam::111111111111:user/platform-admin' },
    organizationId: 'o-guardrails01',
    managementAccountId: '111111111111',
    scope: { accounts, regions: 'enabled' },
    desired: { imds: DESIRED, scpName: 'DenyIMDSv1' },
    counts: countStatuses(results),
    results,
  };
}

const REQUIRED_2: ImdsDefaults = { httpTokens: 'required', httpPutResponseHopLimit: 2 };
const NOTHING: ImdsDefaults = {};

/** Four accounts × three regions: one of every status, for exact-text snapshots. */
export function smallVerifyReport(): VerifyReport {
  const regions = ['eu-west-1', 'us-east-1', 'us-west-2'];
  const mgmt = { id: '111111111111', name: 'management', ouPath: 'Root' };
  const audit = { id: '222222222201', name: 'security-audit', ouPath: 'Root/Security' };
  const data = { id: '222222222212', name: 'data-platform', ouPath: 'Root/Workloads/Prod' };
  const web = { id: '222222222206', name: 'web-prod', ouPath: 'Root/Workloads/Prod' };
  const bob = { id: '222222222210', name: 'sandbox-bob', ouPath: 'Root/Sandbox' };
  const denied =
    'role-denied: AssumeRole into OrganizationAccountAccessRole was refused (AccessDenied)';
  const results: VerifyResult[] = [
    scp(mgmt, 'management-account'),
    ...regions.map((r) => imds(mgmt, r, NOTHING)),
    scp(bob, 'missing'),
    unreachable(bob, '*', denied),
    scp(audit, 'missing'),
    imds(audit, 'eu-west-1', { httpTokens: 'optional', httpPutResponseHopLimit: 2 }),
    imds(audit, 'us-east-1', REQUIRED_2),
    {
      kind: 'imds',
      accountId: audit.id,
      accountName: audit.name,
      ouPath: audit.ouPath,
      region: 'us-west-2',
      status: 'error',
      diffs: [],
      detail: 'ThrottlingException: Rate exceeded (after 5 attempts)',
    },
    scp(data, 'inherited', 'Root/Workloads/Prod'),
    ...regions.map(
      (r): ImdsResult => ({
        ...imds(data, r, REQUIRED_2),
        status: 'managed-by-declarative-policy',
        managedBy: 'declarative-policy',
        declarativeCompliant: true,
      }),
    ),
    scp(web, 'content-differs', 'Root/Workloads/Prod'),
    ...regions.map((r) => imds(web, r, REQUIRED_2)),
  ];
  return report(results, 5);
}

const DEMO_ACCOUNTS: Array<Account & { defaults: (region: string) => ImdsDefaults | string }> = [
  { id: '111111111111', name: 'management', ouPath: 'Root', defaults: () => NOTHING },
  { id: '222222222209', name: 'sandbox-alice', ouPath: 'Root/Sandbox', defaults: () => NOTHING },
  {
    id: '222222222210',
    name: 'sandbox-bob',
    ouPath: 'Root/Sandbox',
    defaults: () => 'role-denied: AssumeRole into OrganizationAccountAccessRole was refused',
  },
  {
    id: '222222222211',
    name: 'legacy-closed',
    ouPath: 'Root/Sandbox',
    defaults: () => 'suspended: the account is SUSPENDED',
  },
  {
    id: '222222222201',
    name: 'security-audit',
    ouPath: 'Root/Security',
    defaults: () => REQUIRED_2,
  },
  {
    id: '222222222202',
    name: 'log-archive',
    ouPath: 'Root/Security',
    defaults: (r) =>
      r === 'eu-west-1' ? { httpTokens: 'optional', httpPutResponseHopLimit: 2 } : REQUIRED_2,
  },
  {
    id: '222222222203',
    name: 'network',
    ouPath: 'Root/Infrastructure',
    defaults: () => ({ httpTokens: 'required', httpPutResponseHopLimit: 1 }),
  },
  {
    id: '222222222204',
    name: 'shared-services',
    ouPath: 'Root/Infrastructure',
    defaults: (r) => (r === 'us-east-1' || r === 'us-west-2' ? REQUIRED_2 : NOTHING),
  },
  {
    id: '222222222207',
    name: 'payments-dev',
    ouPath: 'Root/Workloads/Dev',
    defaults: () => ({ httpTokens: 'optional', httpPutResponseHopLimit: 1 }),
  },
  { id: '222222222208', name: 'web-dev', ouPath: 'Root/Workloads/Dev', defaults: () => NOTHING },
  {
    id: '222222222212',
    name: 'data-platform',
    ouPath: 'Root/Workloads/Prod',
    defaults: () => 'declarative',
  },
  {
    id: '222222222205',
    name: 'payments-prod',
    ouPath: 'Root/Workloads/Prod',
    defaults: () => NOTHING,
  },
  {
    id: '222222222206',
    name: 'web-prod',
    ouPath: 'Root/Workloads/Prod',
    defaults: (r) => (r === 'eu-south-1' ? NOTHING : REQUIRED_2),
  },
];

/** The sandbox `demo` scenario before any apply: 13 accounts, 17 regions (+ eu-south-1 for web-prod). */
export function demoVerifyReport(): VerifyReport {
  const results: VerifyResult[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (account.id === '111111111111') results.push(scp(account, 'management-account'));
    else if (account.ouPath === 'Root/Workloads/Prod') {
      results.push(scp(account, 'inherited', 'Root/Workloads/Prod'));
    } else results.push(scp(account, 'missing'));
    const regions: string[] = [...DEFAULT_ENABLED_REGIONS];
    if (account.name === 'web-prod') regions.push('eu-south-1');
    regions.sort();
    for (const region of regions) {
      const defaults = account.defaults(region);
      if (defaults === 'declarative') {
        results.push({
          ...imds(account, region, REQUIRED_2),
          status: 'managed-by-declarative-policy',
          managedBy: 'declarative-policy',
          declarativeCompliant: true,
        });
      } else if (typeof defaults === 'string') {
        // As the core reports it: regions cannot be listed, so one result for the whole account.
        if (region === regions[0]) results.push(unreachable(account, '*', defaults));
      } else results.push(imds(account, region, defaults));
    }
  }
  return report(results, DEMO_ACCOUNTS.length);
}
