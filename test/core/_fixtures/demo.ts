/**
 * The sandbox `demo` world as plain data (src/sandbox/scenarios/demo.ts), for pure core tests.
 * Built fresh on every call so tests can mutate their copy.
 */
import { validate } from '../../../src/config/load-config.js';
import { loadTemplates } from '../../../src/config/load-templates.js';
import type { UserConfig } from '../../../src/config/schema.js';
import { DEFAULT_ENABLED_REGIONS } from '../../../src/core/model/regions.js';
import type {
  AccountObservation,
  ImdsDefaults,
  ObservedState,
  OrgAccount,
  OrgTree,
  OrgUnit,
  PolicySummary,
} from '../../../src/core/model/types.js';
import { SEED_SCP } from '../../_fixtures/seed-scp.js';

export { SEED_SCP };

const FULL_ACCESS: PolicySummary = {
  id: 'p-FullAWSAccess',
  name: 'FullAWSAccess',
  arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
  awsManaged: true,
  type: 'SERVICE_CONTROL_POLICY',
};

export const DENY_SUMMARY: PolicySummary = {
  id: 'p-denyimdsv1',
  name: 'DenyIMDSv1',
  arn: 'arn:aws:organizations::111111111111:policy/o-guardrails01/service_control_policy/p-denyimdsv1',
  awsManaged: false,
  type: 'SERVICE_CONTROL_POLICY',
};

const OUS: OrgUnit[] = [
  { id: 'ou-gr01-security', name: 'Security', path: 'Root/Security', parentId: 'r-gr01' },
  { id: 'ou-gr01-infra', name: 'Infrastructure', path: 'Root/Infrastructure', parentId: 'r-gr01' },
  { id: 'ou-gr01-workloads', name: 'Workloads', path: 'Root/Workloads', parentId: 'r-gr01' },
  { id: 'ou-gr01-prod', name: 'Prod', path: 'Root/Workloads/Prod', parentId: 'ou-gr01-workloads' },
  { id: 'ou-gr01-dev', name: 'Dev', path: 'Root/Workloads/Dev', parentId: 'ou-gr01-workloads' },
  { id: 'ou-gr01-sandbox', name: 'Sandbox', path: 'Root/Sandbox', parentId: 'r-gr01' },
];

function account(id: string, name: string, ouPath: string, suspended = false): OrgAccount {
  const ou = OUS.find((o) => o.path === ouPath);
  return {
    id,
    name,
    email: `${name}@example.com`,
    status: suspended ? 'SUSPENDED' : 'ACTIVE',
    parentId: ou?.id ?? 'r-gr01',
    parentPath: ouPath,
  };
}

export const DEMO_ACCOUNTS: OrgAccount[] = [
  account('111111111111', 'management', 'Root'),
  account('222222222201', 'security-audit', 'Root/Security'),
  account('222222222202', 'log-archive', 'Root/Security'),
  account('222222222203', 'network', 'Root/Infrastructure'),
  account('222222222204', 'shared-services', 'Root/Infrastructure'),
  account('222222222205', 'payments-prod', 'Root/Workloads/Prod'),
  account('222222222206', 'web-prod', 'Root/Workloads/Prod'),
  account('222222222212', 'data-platform', 'Root/Workloads/Prod'),
  account('222222222207', 'payments-dev', 'Root/Workloads/Dev'),
  account('222222222208', 'web-dev', 'Root/Workloads/Dev'),
  account('222222222209', 'sandbox-alice', 'Root/Sandbox'),
  account('222222222210', 'sandbox-bob', 'Root/Sandbox'),
  account('222222222211', 'legacy-closed', 'Root/Sandbox', true),
];

export function demoOrg(): OrgTree {
  const attachments: Record<string, PolicySummary[]> = {};
  for (const id of ['r-gr01', ...OUS.map((o) => o.id), ...DEMO_ACCOUNTS.map((a) => a.id)]) {
    attachments[id] = [FULL_ACCESS];
  }
  attachments['ou-gr01-prod'] = [FULL_ACCESS, DENY_SUMMARY];
  return structuredClone({
    organizationId: 'o-guardrails01',
    managementAccountId: '111111111111',
    root: {
      id: 'r-gr01',
      name: 'Root',
      policyTypes: [
        { type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' },
        { type: 'DECLARATIVE_POLICY_EC2', status: 'ENABLED' },
      ],
    },
    ous: OUS,
    accounts: DEMO_ACCOUNTS,
    scpAttachments: attachments,
  });
}

const REQUIRED_2: ImdsDefaults = { httpTokens: 'required', httpPutResponseHopLimit: 2 };

function defaultsFor(name: string, region: string): ImdsDefaults {
  switch (name) {
    case 'security-audit':
      return REQUIRED_2;
    case 'log-archive':
      return region === 'eu-west-1'
        ? { httpTokens: 'optional', httpPutResponseHopLimit: 2 }
        : REQUIRED_2;
    case 'network':
      return { httpTokens: 'required', httpPutResponseHopLimit: 1 };
    case 'shared-services':
      return region === 'us-east-1' || region === 'us-west-2' ? REQUIRED_2 : {};
    case 'web-prod':
      return region === 'eu-south-1' ? {} : REQUIRED_2;
    case 'payments-dev':
      return { httpTokens: 'optional', httpPutResponseHopLimit: 1 };
    default:
      return {};
  }
}

function observeAccount(a: OrgAccount): AccountObservation {
  if (a.name === 'sandbox-bob' || a.name === 'legacy-closed') {
    const reason = a.status === 'SUSPENDED' ? 'suspended' : 'role-denied';
    return {
      accountId: a.id,
      access: { status: 'unreachable', reason, message: 'AccessDenied on sts:AssumeRole' },
      enabledRegions: [],
      regions: [],
    };
  }
  const regions: string[] = [...DEFAULT_ENABLED_REGIONS];
  if (a.name === 'web-prod') regions.push('eu-south-1');
  regions.sort();
  return {
    accountId: a.id,
    access: { status: 'reachable', via: a.name === 'management' ? 'caller' : 'assumed-role' },
    enabledRegions: regions,
    regions: regions.map((region) => ({
      region,
      status: 'ok',
      imds:
        a.name === 'data-platform'
          ? { defaults: REQUIRED_2, managedBy: 'declarative-policy' }
          : { defaults: { ...defaultsFor(a.name, region) }, managedBy: 'account' },
    })),
  };
}

export function demoObserved(): ObservedState {
  const org = demoOrg();
  return {
    caller: {
      accountId: '111111111111',
      arn: 'arn:aws:iam::111111111111:user/admin',
      userId: 'AIDAEXAMPLE',
    },
    org,
    policies: [{ summary: { ...DENY_SUMMARY }, content: SEED_SCP, targets: ['ou-gr01-prod'] }],
    accounts: org.accounts.map(observeAccount),
  };
}

export function demoConfig(overrides: UserConfig = {}) {
  return validate(overrides, undefined);
}

export const TEMPLATES = loadTemplates();
