/**
 * The launch preview's evaluator against the sandbox's IAM engine (iam-simulate): every seeded
 * demo launch and random launch requests under random renderings of our SCP get the same
 * answer — denied (by the same statement) or allowed. Where the evaluator answers `unknown`
 * because a launch template may or may not fill the metadata keys, the engine must really
 * answer differently across those possibilities. SCPs do not apply to service-linked roles or
 * AWS service principals (AWS Organizations User Guide): the engine does not model that rule,
 * so those cases check the evaluator's rule on its own — as do maintain and request EC2 Fleets,
 * which launch through their service-linked role ("EC2 Fleet prerequisites"). An instant
 * CreateFleet is its caller's ec2:RunInstances through launch templates only: the engine is
 * asked the same question with the template's possible values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../../src/config/load-templates.js';
import { configSchema } from '../../../src/config/schema.js';
import { renderScp } from '../../../src/core/desired/render-scp.js';
import { evaluateLaunch, isServiceLinkedRole } from '../../../src/core/launch/evaluate-launch.js';
import { parseLaunchRecord } from '../../../src/core/launch/parse-event.js';
import type { LaunchDecision, LaunchEvent, PolicyText } from '../../../src/core/launch/types.js';
import { demoScenario } from '../../../src/sandbox/scenarios/demo.js';
import { trailOf } from '../../../src/sandbox/state/trail.js';
import { engineContext, engineDecision } from './engine.js';

const templates = loadTemplates();
const defaults = configSchema.parse({}).scp;

function policy(
  options: { maxHop?: number | undefined; roleDelivery?: boolean; exempt?: string[] } = {},
): PolicyText {
  const companions = structuredClone(defaults.companions);
  companions.maxHopLimit.enabled = options.maxHop !== undefined;
  if (options.maxHop !== undefined) companions.maxHopLimit.max = options.maxHop;
  companions.requireRoleDelivery.enabled = options.roleDelivery ?? false;
  companions.protectDefaults.enabled = false;
  return {
    name: 'DenyIMDSv1',
    content: renderScp(templates.scp, {
      ...defaults,
      companions,
      exemptPrincipals: options.exempt ?? [],
    }),
  };
}

function seededLaunches(): LaunchEvent[] {
  const world = demoScenario();
  const out: LaunchEvent[] = [];
  for (const [key, events] of trailOf(world).regions) {
    const [accountId = '', region = ''] = key.split('/');
    for (const e of events) {
      const launch = parseLaunchRecord(
        {
          ...e.record,
          eventName: e.eventName,
          eventID: e.eventId,
          eventTime: '2026-12-01T00:00:00Z',
        },
        { accountId, region },
      );
      if (launch) out.push(launch);
    }
  }
  return out;
}

/** Compares one launch; returns the evaluator's outcome for the caller's own assertions. */
async function agree(event: LaunchEvent, policies: PolicyText[]): Promise<LaunchDecision> {
  const decision = evaluateLaunch(event, policies);
  const serviceLinkedFleet = event.eventName === 'CreateFleet' && event.fleetType !== 'instant';
  if (
    event.principalType === 'AWSService' ||
    isServiceLinkedRole(event.principalArn) ||
    serviceLinkedFleet
  ) {
    expect(decision).toMatchObject({ outcome: 'allowed', notSubjectToScps: true });
    return decision;
  }
  if (decision.outcome === 'unknown') {
    // Only a template launch (or an instant fleet) may be unknown, and the engine must really
    // depend on the template.
    expect(
      (event.launchTemplate && !event.dryRun) || event.eventName === 'CreateFleet',
    ).toBeTruthy();
    const answers = await Promise.all(
      [undefined, 'required', 'optional'].map((tokens) =>
        engineDecision(event, policies, engineContext(event, { 'ec2:MetadataHttpTokens': tokens })),
      ),
    );
    expect(new Set(answers.map((a) => a.denied)).size).toBe(2);
    return decision;
  }
  const engine = await engineDecision(event, policies, engineContext(event));
  expect(engine.denied, JSON.stringify({ event, decision })).toBe(decision.outcome === 'denied');
  if (engine.denied && decision.outcome === 'denied' && engine.statement) {
    expect(decision.by.statement).toBe(engine.statement);
  }
  return decision;
}

describe('launch evaluator agrees with the IAM engine', () => {
  it('on every seeded demo launch, under the default SCP and with companions and exemptions', async () => {
    const launches = seededLaunches();
    expect(launches.length).toBeGreaterThanOrEqual(15);
    for (const p of [
      policy(),
      policy({ maxHop: 1, roleDelivery: true }),
      policy({ exempt: ['arn:aws:iam::*:role/KarpenterControllerRole-*'] }),
    ]) {
      for (const e of launches) await agree(e, [p]);
    }
    // The seeded cases cover each outcome.
    const plain = launches.map((e) => evaluateLaunch(e, [policy()]).outcome);
    expect(new Set(plain)).toEqual(new Set(['allowed', 'denied', 'unknown']));
  });

  it('names the seeded cases as the demo documents them', () => {
    const p = [policy()];
    const by = (arn: RegExp, dryRun?: boolean) =>
      seededLaunches()
        .filter((e) => arn.test(e.principalArn) && (dryRun === undefined || e.dryRun === dryRun))
        .map((e) => evaluateLaunch(e, p));
    expect(by(/KarpenterControllerRole/, true).every((d) => d.outcome === 'denied')).toBe(true);
    expect(by(/KarpenterControllerRole/, false).every((d) => d.outcome === 'unknown')).toBe(true);
    const fleets = seededLaunches().filter((e) => e.eventName === 'CreateFleet');
    expect(fleets.map((e) => e.fleetType)).toEqual(['instant', 'instant', 'instant', 'instant']);
    for (const d of fleets.map((e) => evaluateLaunch(e, p))) {
      expect(d.outcome).toBe('unknown');
      expect(d.reason).toContain('instant EC2 Fleet through lt-0karpenter00000001');
    }
    expect(by(/AWSServiceRoleForAutoScaling/)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: 'allowed', notSubjectToScps: true }),
      ]),
    );
    expect(by(/user\/terraform-ci/).every((d) => d.outcome === 'allowed')).toBe(true);
    expect(by(/AWSReservedSSO/).every((d) => d.outcome === 'denied')).toBe(true);
    expect(by(/legacy-deployer/).every((d) => d.outcome === 'denied')).toBe(true);
    const denied = by(/legacy-deployer/)[0];
    expect(denied).toMatchObject({ by: { statement: 'DenyIMDSv1' } });
    expect(denied?.reason).toContain('ec2:MetadataHttpTokens absent');
  });

  it('on random launch requests and random renderings of the SCP (property)', async () => {
    const principalArb = fc.constantFrom(
      { type: 'IAMUser', arn: 'arn:aws:iam::222222222208:user/deployer' },
      { type: 'AssumedRole', arn: 'arn:aws:iam::222222222208:role/KarpenterControllerRole-web' },
      { type: 'AssumedRole', arn: 'arn:aws:iam::222222222208:role/ci/runner' },
      { type: 'AssumedRole', arn: 'arn:aws:iam::222222222208:role/Admin' },
      {
        type: 'AssumedRole',
        arn: 'arn:aws:iam::222222222208:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
      },
      { type: 'Root', arn: 'arn:aws:iam::222222222208:root' },
    );
    const eventArb = fc.record({
      principal: principalArb,
      region: fc.constantFrom('us-east-1', 'eu-west-1'),
      httpTokens: fc.option(fc.constantFrom('required', 'optional'), { nil: undefined }),
      hop: fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }),
      endpoint: fc.option(fc.constantFrom('enabled', 'disabled'), { nil: undefined }),
      template: fc.boolean(),
      dryRun: fc.boolean(),
      call: fc.constantFrom<[string, LaunchEvent['fleetType']]>(
        ['RunInstances', undefined],
        ['CreateFleet', 'instant'],
        ['CreateFleet', 'maintain'],
        ['CreateFleet', 'request'],
      ),
      roleDelivery: fc.option(fc.constantFrom('1.0', '2.0'), { nil: undefined }),
    });
    const policyArb = fc.record({
      maxHop: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      roleDelivery: fc.boolean(),
      exempt: fc.subarray([
        'arn:aws:iam::*:role/Admin',
        'arn:aws:iam::*:role/ci/*',
        'arn:aws:iam::222222222208:user/deploy*',
      ]),
    });
    await fc.assert(
      fc.asyncProperty(eventArb, policyArb, async (e, p) => {
        const [call, fleetType] = e.call;
        // CreateFleet has no request-level MetadataOptions and always names a launch template.
        const fleet = call === 'CreateFleet';
        const event: LaunchEvent = {
          ...(fleet ? { eventName: 'CreateFleet' as const, fleetType } : {}),
          eventId: 'e',
          time: '2026-12-01T00:00:00Z',
          accountId: '222222222208',
          region: e.region,
          principalType: e.principal.type,
          principalArn: e.principal.arn,
          sessionName: 'session',
          userAgent: 'test',
          fromConsole: false,
          metadataOptions: fleet
            ? {}
            : {
                ...(e.httpTokens ? { httpTokens: e.httpTokens } : {}),
                ...(e.hop !== undefined ? { httpPutResponseHopLimit: e.hop } : {}),
                ...(e.endpoint ? { httpEndpoint: e.endpoint } : {}),
              },
          dryRun: e.dryRun,
          ...(e.template || fleet
            ? { launchTemplate: { id: 'lt-0123456789abcdef0', version: '$Default' } }
            : {}),
          ...(e.roleDelivery ? { roleDelivery: e.roleDelivery } : {}),
        };
        await agree(event, [policy(p)]);
      }),
      { numRuns: 150, seed: 19 },
    );
  });
});
