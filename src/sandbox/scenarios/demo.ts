import { DEFAULT_ENABLED_REGIONS } from '../../core/model/regions.js';
import { DECLARATIVE_TYPE, parseDeclarativeImds } from '../state/declarative.js';
import { setNetworkLayout } from '../state/network.js';
import { NO_ROLES, type World } from '../state/world.js';
import { addAccount, addOu, addPolicy, createOrganization, ROOT_ID, setImds } from './builder.js';
import { addDemoLaunches } from './demo-launches.js';
import { addDemoWorkloads } from './demo-workloads.js';

/**
 * The DenyIMDSv1 SCP already attached in the demo organization, as an admin would have pasted it:
 * the base statement of templates/scp/deny-imdsv1.json (test/sandbox/demo-scenario.test.ts checks
 * they agree; the sandbox keeps its own copy because it imports nothing of the tool).
 */
export const DENY_IMDSV1_CONTENT = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyIMDSv1',
        Effect: 'Deny',
        Action: 'ec2:RunInstances',
        Resource: 'arn:aws:ec2:*:*:instance/*',
        Condition: { StringNotEquals: { 'ec2:MetadataHttpTokens': 'required' } },
      },
    ],
  },
  null,
  2,
);

const BASELINE_DOC = {
  ec2_attributes: {
    instance_metadata_defaults: {
      http_tokens: { '@@assign': 'required' },
      http_put_response_hop_limit: { '@@assign': '2' },
    },
  },
};

export const DEMO_OUS = {
  security: 'ou-gr01-security',
  infrastructure: 'ou-gr01-infrastructure',
  workloads: 'ou-gr01-workloads',
  prod: 'ou-gr01-workloadsprod',
  dev: 'ou-gr01-workloadsdev',
  sandbox: 'ou-gr01-sandboxes',
} as const;

/**
 * Landing-zone accounts have no default VPC (deleted when the account was vended), only the
 * landing zone's own VPC; security-audit has none at all in sa-east-1, a region nobody uses.
 * Everyone else keeps the default VPC AWS creates. prove must pick a subnet in the former and
 * say it cannot conclude in the latter.
 */
function addDemoNetworks(world: World, landingZone: string[]): void {
  for (const id of landingZone) {
    for (const region of DEFAULT_ENABLED_REGIONS) setNetworkLayout(world, id, region, 'private');
  }
  setNetworkLayout(world, '222222222201', 'sa-east-1', 'none');
}

const REQUIRED_2 = { httpTokens: 'required', httpPutResponseHopLimit: 2 } as const;

/**
 * The `demo` organization every helper asserts against (SPEC.md, "Scenarios"):
 * a dozen members in nested OUs with drift, a missing role, a suspended account, an opt-in
 * region, the DenyIMDSv1 SCP on Prod and a declarative IMDS policy on data-platform.
 */
export function demoScenario(): World {
  const world = createOrganization(['SERVICE_CONTROL_POLICY', DECLARATIVE_TYPE]);
  const ou = DEMO_OUS;
  addOu(world, ou.security, 'Security', ROOT_ID);
  addOu(world, ou.infrastructure, 'Infrastructure', ROOT_ID);
  addOu(world, ou.workloads, 'Workloads', ROOT_ID);
  addOu(world, ou.prod, 'Prod', ou.workloads);
  addOu(world, ou.dev, 'Dev', ou.workloads);
  addOu(world, ou.sandbox, 'Sandbox', ROOT_ID);

  const securityAudit = addAccount(world, {
    id: '222222222201',
    name: 'security-audit',
    parentId: ou.security,
  });
  setImds(world, securityAudit, REQUIRED_2);
  const logArchive = addAccount(world, {
    id: '222222222202',
    name: 'log-archive',
    parentId: ou.security,
  });
  setImds(world, logArchive, REQUIRED_2);
  setImds(world, logArchive, { httpTokens: 'optional', httpPutResponseHopLimit: 2 }, ['eu-west-1']);
  const network = addAccount(world, {
    id: '222222222203',
    name: 'network',
    parentId: ou.infrastructure,
  });
  setImds(world, network, { httpTokens: 'required', httpPutResponseHopLimit: 1 });
  const shared = addAccount(world, {
    id: '222222222204',
    name: 'shared-services',
    parentId: ou.infrastructure,
  });
  setImds(world, shared, REQUIRED_2, ['us-east-1', 'us-west-2']);
  addAccount(world, { id: '222222222205', name: 'payments-prod', parentId: ou.prod });
  const webProd = addAccount(world, {
    id: '222222222206',
    name: 'web-prod',
    parentId: ou.prod,
    regions: [...DEFAULT_ENABLED_REGIONS, 'eu-south-1'],
  });
  setImds(world, webProd, REQUIRED_2);
  addAccount(world, { id: '222222222212', name: 'data-platform', parentId: ou.prod });
  const paymentsDev = addAccount(world, {
    id: '222222222207',
    name: 'payments-dev',
    parentId: ou.dev,
  });
  setImds(world, paymentsDev, { httpTokens: 'optional', httpPutResponseHopLimit: 1 });
  addAccount(world, { id: '222222222208', name: 'web-dev', parentId: ou.dev });
  addAccount(world, { id: '222222222209', name: 'sandbox-alice', parentId: ou.sandbox });
  addAccount(world, {
    id: '222222222210',
    name: 'sandbox-bob',
    parentId: ou.sandbox,
    roles: NO_ROLES,
  });
  addAccount(world, {
    id: '222222222211',
    name: 'legacy-closed',
    parentId: ou.sandbox,
    status: 'SUSPENDED',
  });

  addPolicy(
    world,
    {
      id: 'p-denyimdsv1',
      name: 'DenyIMDSv1',
      description: 'Deny launching EC2 instances that do not require IMDSv2',
      type: 'SERVICE_CONTROL_POLICY',
      content: DENY_IMDSV1_CONTENT,
    },
    [ou.prod],
  );
  const declarative = parseDeclarativeImds(BASELINE_DOC);
  addPolicy(
    world,
    {
      id: 'p-ec2imdsbaseline',
      name: 'ec2-imds-baseline',
      description: 'IMDSv2 required, hop limit 2, managed centrally',
      type: DECLARATIVE_TYPE,
      content: JSON.stringify(BASELINE_DOC, null, 2),
      ...(declarative ? { declarative } : {}),
    },
    ['222222222212'],
  );
  addDemoWorkloads(world);
  addDemoLaunches(world);
  addDemoNetworks(world, [securityAudit.id, logArchive.id, network.id]);
  return world;
}
