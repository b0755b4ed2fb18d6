import { describe, expect, it } from 'vitest';
import { buildDesiredState } from '../../../src/core/desired/build-desired-state.js';
import { policySize, renderScp } from '../../../src/core/desired/render-scp.js';
import { ConfigError } from '../../../src/errors.js';
import { demoConfig, demoOrg, SEED_SCP, TEMPLATES } from '../_fixtures/demo.js';

describe('buildDesiredState', () => {
  it('renders the seed statement only, attached to Root, by default', () => {
    // Given the default config / When building the desired state
    const desired = buildDesiredState(demoConfig(), TEMPLATES, demoOrg());
    // Then the policy is exactly the seed's DenyIMDSv1 statement
    expect(desired.scp?.content).toBe(SEED_SCP);
    expect(desired.scp?.attachTo).toEqual([{ type: 'ROOT', id: 'r-gr01', label: 'Root' }]);
    expect(desired.imds).toEqual({ httpTokens: 'required', httpPutResponseHopLimit: 2 });
    expect(desired.includeManagementAccount).toBe(true);
  });

  it('manages only the IMDS fields the config sets', () => {
    const config = demoConfig({
      imdsDefaults: { httpTokensEnforced: 'enabled', httpPutResponseHopLimit: 1 },
    });
    expect(buildDesiredState(config, TEMPLATES, demoOrg()).imds).toEqual({
      httpTokens: 'required',
      httpPutResponseHopLimit: 1,
      httpTokensEnforced: 'enabled',
    });
  });

  it('resolves attach targets by OU path, OU id, account id and name, without duplicates', () => {
    const config = demoConfig({
      scp: { attachTo: ['Root/Workloads/Prod', 'ou-gr01-prod', '222222222209', 'Sandbox'] },
    });
    expect(buildDesiredState(config, TEMPLATES, demoOrg()).scp?.attachTo).toEqual([
      { type: 'ORGANIZATIONAL_UNIT', id: 'ou-gr01-prod', label: 'Root/Workloads/Prod' },
      { type: 'ACCOUNT', id: '222222222209', label: 'sandbox-alice (222222222209)' },
      { type: 'ORGANIZATIONAL_UNIT', id: 'ou-gr01-sandbox', label: 'Root/Sandbox' },
    ]);
  });

  it('names the closest target when an attach target is unknown', () => {
    const config = demoConfig({ scp: { attachTo: ['Root/Worklods'] } });
    const run = () => buildDesiredState(config, TEMPLATES, demoOrg());
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(
      'scp.attachTo[0]: unknown target "Root/Worklods" (did you mean "Root/Workloads"',
    );
  });

  it('has no SCP when scp.enabled is false', () => {
    expect(
      buildDesiredState(demoConfig({ scp: { enabled: false } }), TEMPLATES, demoOrg()).scp,
    ).toBeNull();
  });
});

describe('renderScp', () => {
  const all = demoConfig({
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
      exemptPrincipals: ['arn:aws:iam::*:role/BreakGlass'],
    },
  });

  it('renders every companion with exempt principals on every statement', () => {
    const content = renderScp(TEMPLATES.scp, all.scp);
    expect(JSON.parse(content)).toMatchInlineSnapshot(`
      {
        "Statement": [
          {
            "Action": "ec2:RunInstances",
            "Condition": {
              "ArnNotLike": {
                "aws:PrincipalArn": [
                  "arn:aws:iam::*:role/BreakGlass",
                ],
              },
              "StringNotEquals": {
                "ec2:MetadataHttpTokens": "required",
              },
            },
            "Effect": "Deny",
            "Resource": "arn:aws:ec2:*:*:instance/*",
            "Sid": "DenyIMDSv1",
          },
          {
            "Action": "ec2:RunInstances",
            "Condition": {
              "ArnNotLike": {
                "aws:PrincipalArn": [
                  "arn:aws:iam::*:role/BreakGlass",
                ],
              },
              "NumericGreaterThan": {
                "ec2:MetadataHttpPutResponseHopLimit": "2",
              },
            },
            "Effect": "Deny",
            "Resource": "arn:aws:ec2:*:*:instance/*",
            "Sid": "DenyIMDSHopLimitAboveMax",
          },
          {
            "Action": "ec2:ModifyInstanceMetadataOptions",
            "Condition": {
              "ArnNotLike": {
                "aws:PrincipalArn": [
                  "arn:aws:iam::*:role/BreakGlass",
                ],
              },
              "Null": {
                "ec2:Attribute/HttpTokens": "false",
              },
              "StringNotEquals": {
                "ec2:Attribute/HttpTokens": "required",
              },
            },
            "Effect": "Deny",
            "Resource": "arn:aws:ec2:*:*:instance/*",
            "Sid": "DenyIMDSv1OnModify",
          },
          {
            "Action": "*",
            "Condition": {
              "ArnNotLike": {
                "aws:PrincipalArn": [
                  "arn:aws:iam::*:role/BreakGlass",
                ],
              },
              "NumericLessThan": {
                "ec2:RoleDelivery": "2.0",
              },
            },
            "Effect": "Deny",
            "Resource": "*",
            "Sid": "DenyRoleDeliveryBelowMin",
          },
          {
            "Action": "ec2:ModifyInstanceMetadataDefaults",
            "Condition": {
              "ArnNotLike": {
                "aws:PrincipalArn": [
                  "arn:aws:iam::*:role/OrganizationAccountAccessRole",
                  "arn:aws:iam::*:role/BreakGlass",
                ],
              },
            },
            "Effect": "Deny",
            "Resource": "*",
            "Sid": "ProtectIMDSDefaults",
          },
        ],
        "Version": "2012-10-17",
      }
    `);
  });

  it('renders minified canonical JSON with the IAM key order', () => {
    const content = renderScp(TEMPLATES.scp, all.scp);
    expect(
      content.startsWith(
        '{"Version":"2012-10-17","Statement":[{"Sid":"DenyIMDSv1","Effect":"Deny"',
      ),
    ).toBe(true);
    expect(content).not.toMatch(/\s/);
    expect(renderScp(TEMPLATES.scp, all.scp)).toBe(content);
  });

  it('refuses protectDefaults without an admin role (it would lock guardrails out)', () => {
    const config = demoConfig({ scp: { companions: { protectDefaults: { enabled: true } } } });
    expect(() => renderScp(TEMPLATES.scp, config.scp)).toThrow(
      /scp.companions.protectDefaults.adminRoleArns: list at least one admin role ARN pattern/,
    );
  });

  it('refuses a policy above 5,120 characters, giving the size and what to switch off', () => {
    const many = Array.from(
      { length: 40 },
      (_, i) => `arn:aws:iam::*:role/BreakGlassRoleNumber${i}`,
    );
    const config = demoConfig({
      scp: {
        exemptPrincipals: many,
        companions: { maxHopLimit: { enabled: true }, requireRoleDelivery: { enabled: true } },
      },
    });
    let error: unknown;
    try {
      renderScp(TEMPLATES.scp, config.scp);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, hint } = error as ConfigError;
    expect(message).toMatchInlineSnapshot(
      `"The SCP "DenyIMDSv1" renders to 6,027 characters; Organizations allows at most 5,120 per policy."`,
    );
    expect(hint).toMatchInlineSnapshot(
      `"Switch off or shorten: scp.companions.maxHopLimit (2024 characters), scp.companions.requireRoleDelivery (1964 characters), scp.exemptPrincipals (40 patterns, each repeated in every statement); wildcards (arn:aws:iam::*:role/Admin*) cover many roles in one pattern."`,
    );
  });

  it('measures size in UTF-8 bytes when that is more', () => {
    expect(policySize('{"a":"é"}')).toBe(10);
  });
});
