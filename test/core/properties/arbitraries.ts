/** fast-check generators: random worlds over the demo org shape and random configs. */
import fc from 'fast-check';
import type { UserConfig } from '../../../src/config/schema.js';
import type {
  AccountObservation,
  ImdsDefaults,
  ObservedState,
  RegionObservation,
} from '../../../src/core/model/types.js';
import { DENY_SUMMARY, demoObserved, SEED_SCP } from '../_fixtures/demo.js';

export const REGIONS = ['eu-west-1', 'us-east-1', 'us-west-2'];

const ORG = demoObserved().org;
export const TARGET_IDS = ['r-gr01', ...ORG.ous.map((o) => o.id), ...ORG.accounts.map((a) => a.id)];
const TARGET_SELECTORS = ['Root', ...ORG.ous.map((o) => o.path), ...ORG.accounts.map((a) => a.id)];

const toggle = fc.constantFrom('enabled' as const, 'disabled' as const);

export const imdsDefaults: fc.Arbitrary<ImdsDefaults> = fc.record(
  {
    httpTokens: fc.constantFrom('optional' as const, 'required' as const),
    httpPutResponseHopLimit: fc.integer({ min: 1, max: 64 }),
    httpEndpoint: toggle,
    instanceMetadataTags: toggle,
    httpTokensEnforced: toggle,
  },
  { requiredKeys: [] },
);

const region = (name: string): fc.Arbitrary<RegionObservation> =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({ defaults: imdsDefaults, declarative: fc.boolean() }).map(
        ({ defaults, declarative }): RegionObservation => ({
          region: name,
          status: 'ok',
          imds: { defaults, managedBy: declarative ? 'declarative-policy' : 'account' },
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constant<RegionObservation>({
        region: name,
        status: 'unreachable',
        reason: 'region-disabled',
        message: 'off',
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constant<RegionObservation>({
        region: name,
        status: 'error',
        code: 'Throttling',
        message: 'slow down',
      }),
    },
  );

const account = (id: string): fc.Arbitrary<AccountObservation> =>
  fc.oneof(
    {
      weight: 9,
      arbitrary: fc.tuple(...REGIONS.map(region)).map(
        (regions): AccountObservation => ({
          accountId: id,
          access: { status: 'reachable', via: 'assumed-role' },
          enabledRegions: REGIONS,
          regions,
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constant<AccountObservation>({
        accountId: id,
        access: { status: 'unreachable', reason: 'role-denied', message: 'AccessDenied' },
        enabledRegions: [],
        regions: [],
      }),
    },
  );

const OTHER_SCP =
  '{"Version":"2012-10-17","Statement":[{"Sid":"Old","Effect":"Deny","Action":"ec2:RunInstances","Resource":"*"}]}';

export const observedState: fc.Arbitrary<ObservedState> = fc
  .record({
    accounts: fc.tuple(...ORG.accounts.map((a) => account(a.id))),
    scpEnabled: fc.boolean(),
    policy: fc.option(
      fc.record({
        content: fc.constantFrom(SEED_SCP, OTHER_SCP),
        targets: fc.subarray(TARGET_IDS, { maxLength: 4 }),
      }),
    ),
  })
  .map(({ accounts, scpEnabled, policy }) => {
    const observed = demoObserved();
    observed.accounts = accounts;
    observed.org.root.policyTypes = scpEnabled
      ? [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }]
      : [];
    for (const list of Object.values(observed.org.scpAttachments)) {
      list.splice(0, list.length, ...list.filter((p) => p.name !== DENY_SUMMARY.name));
    }
    observed.policies = [];
    if (policy) {
      observed.policies.push({
        summary: { ...DENY_SUMMARY },
        content: policy.content,
        targets: policy.targets,
      });
      for (const t of policy.targets) observed.org.scpAttachments[t]?.push({ ...DENY_SUMMARY });
    }
    return observed;
  });

export const userConfig: fc.Arbitrary<UserConfig> = fc.record({
  organization: fc.record({ includeManagementAccount: fc.boolean() }),
  imdsDefaults: fc.record(
    {
      httpTokens: fc.constantFrom('optional' as const, 'required' as const),
      httpPutResponseHopLimit: fc.integer({ min: 1, max: 64 }),
      httpEndpoint: toggle,
      instanceMetadataTags: toggle,
      httpTokensEnforced: toggle,
    },
    { requiredKeys: [] },
  ),
  scp: fc.record({
    enabled: fc.boolean(),
    attachTo: fc.subarray(TARGET_SELECTORS, { minLength: 1, maxLength: 3 }),
    companions: fc.record({
      maxHopLimit: fc.record({ enabled: fc.boolean(), max: fc.integer({ min: 1, max: 64 }) }),
      denyMetadataOptionsRelaxing: fc.record({ enabled: fc.boolean() }),
      requireRoleDelivery: fc.record({ enabled: fc.boolean(), minVersion: fc.constantFrom(1, 2) }),
      protectDefaults: fc.record({
        enabled: fc.boolean(),
        adminRoleArns: fc.constant(['arn:aws:iam::*:role/OrganizationAccountAccessRole']),
      }),
    }),
    exemptPrincipals: fc.subarray([
      'arn:aws:iam::*:role/BreakGlass',
      'arn:aws:iam::123456789012:role/Ops*',
    ]),
  }),
});
