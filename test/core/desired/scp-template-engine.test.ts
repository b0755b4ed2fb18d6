/**
 * Every statement of the shipped SCP template, rendered with every companion on, evaluated by the
 * sandbox's IAM engine (@cloud-copilot/iam-simulate) with the condition keys AWS populates for
 * each action (Service Authorization Reference; aws-behaviour.md §9): request keys only when the
 * request carries them, instance keys from the instance as it is now. Each statement has an
 * allowed and a denied case.
 */
import { getDenialReasons, runSimulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import { renderScp } from '../../../src/core/desired/render-scp.js';
import { demoConfig, TEMPLATES } from '../_fixtures/demo.js';

const ACCOUNT = '222222222207';
const TOOL_ROLE = `arn:aws:iam::${ACCOUNT}:role/OrganizationAccountAccessRole`;
const DEVELOPER = `arn:aws:iam::${ACCOUNT}:role/Developer`;
const INSTANCE = `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0123456789abcdef0`;
const INSTANCES = `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*`;

const config = demoConfig({
  scp: {
    companions: {
      maxHopLimit: { enabled: true, max: 2 },
      denyMetadataOptionsRelaxing: { enabled: true },
      requireRoleDelivery: { enabled: true, minVersion: 2 },
      protectDefaults: {
        enabled: true,
        adminRoleArns: ['arn:aws:iam::*:role/OrganizationAccountAccessRole'],
      },
    },
  },
});
const SCP = JSON.parse(renderScp(TEMPLATES.scp, config.scp)) as unknown;
const FULL_ACCESS = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

interface Ask {
  action: string;
  resource?: string;
  principal?: string;
  context?: Record<string, string>;
}

/** The engine's verdict and the Sids of the SCP statements that denied it. */
async function decide(ask: Ask): Promise<{ allowed: boolean; deniedBy: string[] }> {
  const principal = ask.principal ?? DEVELOPER;
  const response = await runSimulation(
    {
      request: {
        principal,
        action: ask.action,
        resource: { resource: ask.resource ?? INSTANCES, accountId: ACCOUNT },
        contextVariables: {
          'aws:PrincipalArn': principal,
          'aws:PrincipalAccount': ACCOUNT,
          ...ask.context,
        },
      },
      identityPolicies: [{ name: 'allow-all', policy: FULL_ACCESS }],
      serviceControlPolicies: [
        { orgIdentifier: 'r-root', policies: [{ name: 'p-full', policy: FULL_ACCESS }] },
        {
          orgIdentifier: ACCOUNT,
          policies: [
            { name: 'p-full', policy: FULL_ACCESS },
            { name: 'p-deny', policy: SCP },
          ],
        },
      ],
      resourceControlPolicies: [],
    },
    {},
  );
  if (response.resultType === 'error') throw new Error(JSON.stringify(response.errors));
  const analyses =
    response.resultType === 'single'
      ? [response.result.analysis]
      : response.results.map((r) => r.analysis);
  const deniedBy = analyses.flatMap((a) =>
    a
      ? getDenialReasons(a).flatMap((r) =>
          r.denialType === 'Explicit' && r.statementId ? [r.statementId] : [],
        )
      : [],
  );
  return { allowed: response.overallResult === 'Allowed', deniedBy: [...new Set(deniedBy)] };
}

const run = (context: Record<string, string>) => decide({ action: 'ec2:RunInstances', context });
const modify = (current: string, requested: Record<string, string>) =>
  decide({
    action: 'ec2:ModifyInstanceMetadataOptions',
    resource: INSTANCE,
    context: { 'ec2:MetadataHttpTokens': current, ...requested },
  });

describe('the shipped SCP template under an IAM engine', () => {
  it('DenyIMDSv1: refuses an IMDSv1 launch and a launch that omits MetadataOptions, allows IMDSv2', async () => {
    expect(await run({ 'ec2:MetadataHttpTokens': 'optional' })).toEqual({
      allowed: false,
      deniedBy: ['DenyIMDSv1'],
    });
    // The key comes from the request only: no MetadataOptions → absent → StringNotEquals matches.
    expect((await run({})).deniedBy).toContain('DenyIMDSv1');
    expect(await run({ 'ec2:MetadataHttpTokens': 'required' })).toEqual({
      allowed: true,
      deniedBy: [],
    });
  });

  it('DenyIMDSHopLimitAboveMax: refuses a hop limit over the maximum, allows it at or under', async () => {
    const v2 = { 'ec2:MetadataHttpTokens': 'required' };
    expect(await run({ ...v2, 'ec2:MetadataHttpPutResponseHopLimit': '3' })).toEqual({
      allowed: false,
      deniedBy: ['DenyIMDSHopLimitAboveMax'],
    });
    expect((await run({ ...v2, 'ec2:MetadataHttpPutResponseHopLimit': '2' })).allowed).toBe(true);
    expect((await run({ ...v2, 'ec2:MetadataHttpPutResponseHopLimit': '1' })).allowed).toBe(true);
  });

  it('DenyIMDSv1OnModify: allows remediation optional → required, denies opting out required → optional', async () => {
    // Remediation: the instance is optional now, the call asks for required.
    expect(await modify('optional', { 'ec2:Attribute/HttpTokens': 'required' })).toEqual({
      allowed: true,
      deniedBy: [],
    });
    // Opt-out: the instance is required now, the call asks for optional.
    expect(await modify('required', { 'ec2:Attribute/HttpTokens': 'optional' })).toEqual({
      allowed: false,
      deniedBy: ['DenyIMDSv1OnModify'],
    });
    // A call that leaves HttpTokens alone (hop limit only) is not refused, whatever the instance.
    const hopOnly = { 'ec2:Attribute/HttpPutResponseHopLimit': '2' };
    expect((await modify('optional', hopOnly)).allowed).toBe(true);
    expect((await modify('required', hopOnly)).allowed).toBe(true);
  });

  it('the old DenyIMDSv1OnModify (on ec2:MetadataHttpTokens) did the opposite', async () => {
    const old = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: 'ec2:ModifyInstanceMetadataOptions',
          Resource: 'arn:aws:ec2:*:*:instance/*',
          Condition: { StringNotEquals: { 'ec2:MetadataHttpTokens': 'required' } },
        },
      ],
    };
    const verdict = async (current: string, asked: string) => {
      const r = await runSimulation(
        {
          request: {
            principal: DEVELOPER,
            action: 'ec2:ModifyInstanceMetadataOptions',
            resource: { resource: INSTANCE, accountId: ACCOUNT },
            contextVariables: {
              'ec2:MetadataHttpTokens': current,
              'ec2:Attribute/HttpTokens': asked,
            },
          },
          identityPolicies: [{ name: 'allow-all', policy: FULL_ACCESS }],
          serviceControlPolicies: [
            {
              orgIdentifier: ACCOUNT,
              policies: [
                { name: 'p-full', policy: FULL_ACCESS },
                { name: 'old', policy: old },
              ],
            },
          ],
          resourceControlPolicies: [],
        },
        {},
      );
      return r.resultType === 'error' ? 'error' : r.overallResult;
    };
    expect(await verdict('optional', 'required')).not.toBe('Allowed');
    expect(await verdict('required', 'optional')).toBe('Allowed');
  });

  it('DenyRoleDeliveryBelowMin: refuses calls with IMDSv1-delivered role credentials only', async () => {
    const describe = (context: Record<string, string>) =>
      decide({ action: 's3:ListBucket', resource: 'arn:aws:s3:::bucket', context });
    expect(await describe({ 'ec2:RoleDelivery': '1.0' })).toEqual({
      allowed: false,
      deniedBy: ['DenyRoleDeliveryBelowMin'],
    });
    expect((await describe({ 'ec2:RoleDelivery': '2.0' })).allowed).toBe(true);
    // Callers that are not instance roles have no ec2:RoleDelivery and are not affected.
    expect((await describe({})).allowed).toBe(true);
  });

  it('ProtectIMDSDefaults: refuses other principals, exempts the tool’s own role', async () => {
    const defaults = (principal: string) =>
      decide({
        action: 'ec2:ModifyInstanceMetadataDefaults',
        resource: '*',
        principal,
        context: { 'ec2:Attribute/HttpTokens': 'optional' },
      });
    expect(await defaults(DEVELOPER)).toEqual({
      allowed: false,
      deniedBy: ['ProtectIMDSDefaults'],
    });
    expect(await defaults(TOOL_ROLE)).toEqual({ allowed: true, deniedBy: [] });
  });
});
