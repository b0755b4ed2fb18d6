import { describe, expect, it } from 'vitest';
import { buildDesiredState } from '../../../src/core/desired/build-desired-state.js';
import { isExpired } from '../../../src/core/desired/exceptions.js';
import {
  DECLARATIVE_MAX_CHARACTERS,
  renderDeclarative,
} from '../../../src/core/desired/render-declarative.js';
import { configuredStage, imdsForStage } from '../../../src/core/desired/stage.js';
import { buildPlan } from '../../../src/core/plan/build-plan.js';
import { ConfigError } from '../../../src/errors.js';
import { demoConfig, demoObserved, demoOrg, TEMPLATES } from '../_fixtures/demo.js';
import { PLAN_META } from '../_fixtures/plan.js';

const NOW = new Date('2026-11-26T10:00:00Z');

describe('enforcement rings', () => {
  it('derives the stage from the config when rollout.stage is unset (2, or 3 when enforced)', () => {
    expect(configuredStage(demoConfig())).toBe(2);
    expect(configuredStage(demoConfig({ imdsDefaults: { httpTokensEnforced: 'enabled' } }))).toBe(
      3,
    );
    expect(configuredStage(demoConfig({ rollout: { stage: 1 } }))).toBe(1);
  });

  it('manages HttpTokensEnforced only in ring 3 and the SCP only from ring 2', () => {
    const imds = { httpTokens: 'required', httpTokensEnforced: 'enabled' } as const;
    expect(imdsForStage(imds, 1)).toEqual({ httpTokens: 'required' });
    expect(imdsForStage({ httpTokens: 'required' }, 3)).toEqual({
      httpTokens: 'required',
      httpTokensEnforced: 'enabled',
    });
    const at = (stage: 1 | 2 | 3) =>
      buildDesiredState(demoConfig(), TEMPLATES, demoOrg(), { stage });
    expect(at(1).scp).toBeNull();
    expect(at(2).scp?.name).toBe('DenyIMDSv1');
    expect(at(3).imds.httpTokensEnforced).toBe('enabled');
  });

  it('keeps today’s desired state when no stage is given', () => {
    const desired = buildDesiredState(demoConfig(), TEMPLATES, demoOrg());
    expect(desired.stage).toBe(2);
    expect(desired.imds).toEqual({ httpTokens: 'required', httpPutResponseHopLimit: 2 });
    expect(desired.declarative).toBeNull();
  });
});

describe('declarative policy rendering', () => {
  const template = TEMPLATES.declarative!;

  it('renders @@assign per managed attribute and leaves unmanaged ones out', () => {
    const content = renderDeclarative(
      template,
      { httpTokens: 'required', httpPutResponseHopLimit: 2, httpTokensEnforced: 'enabled' },
      { name: 'p' },
    );
    expect(JSON.parse(content)).toEqual({
      ec2_attributes: {
        instance_metadata_defaults: {
          http_tokens: { '@@assign': 'required' },
          http_put_response_hop_limit: { '@@assign': '2' },
          http_tokens_enforced: { '@@assign': 'enabled' },
        },
      },
    });
  });

  it('adds the exception message when configured', () => {
    const content = renderDeclarative(
      template,
      { httpTokens: 'required' },
      {
        name: 'p',
        exceptionMessage: 'Ask #platform',
      },
    );
    expect(JSON.parse(content).ec2_attributes.exception_message).toEqual({
      '@@assign': 'Ask #platform',
    });
  });

  it('refuses a policy over 10,000 characters at plan time, naming the limit', () => {
    const render = () =>
      renderDeclarative(
        template,
        { httpTokens: 'required' },
        {
          name: 'big',
          exceptionMessage: 'x'.repeat(DECLARATIVE_MAX_CHARACTERS),
        },
      );
    expect(render).toThrow(ConfigError);
    expect(render).toThrow(
      /"big" renders to 10,\d{3} characters; Organizations allows at most 10,000/,
    );
  });

  it('with strategy declarative-policy plans the policy and no account-level writes', () => {
    const config = demoConfig({ strategy: 'declarative-policy' });
    const observed = demoObserved();
    const desired = buildDesiredState(config, TEMPLATES, observed.org, { now: NOW });
    expect(desired.scp).toBeNull();
    const plan = buildPlan({ observed, desired, meta: PLAN_META });
    expect(plan.changes.map((c) => c.kind)).toEqual(['policy.create', 'attachment.add']);
    expect(plan.changes[1]).toMatchObject({
      policyType: 'DECLARATIVE_POLICY_EC2',
      target: { type: 'ROOT', id: 'r-gr01' },
    });
  });
});

describe('exceptions', () => {
  it('a date-only expiry lasts to the end of that day (UTC)', () => {
    expect(isExpired('2026-11-26', new Date('2026-11-26T23:59:59Z'))).toBe(false);
    expect(isExpired('2026-11-26', new Date('2026-11-27T00:00:00Z'))).toBe(true);
    expect(isExpired('2026-11-26T12:00:00Z', new Date('2026-11-26T12:00:00Z'))).toBe(true);
  });

  it('renders active principal patterns into every SCP statement and drops expired ones', () => {
    const config = demoConfig({
      scp: { companions: { maxHopLimit: { enabled: true } } },
      exceptions: [
        {
          principalArnPattern: 'arn:aws:iam::*:role/Active*',
          owner: 'a',
          reason: 'r',
          expires: '2027-01-01',
        },
        {
          principalArnPattern: 'arn:aws:iam::*:role/Old*',
          owner: 'b',
          reason: 'r',
          expires: '2026-01-01',
        },
      ],
    });
    const desired = buildDesiredState(config, TEMPLATES, demoOrg(), { now: NOW });
    const doc = JSON.parse(desired.scp?.content ?? '{}');
    for (const statement of doc.Statement) {
      expect(statement.Condition.ArnNotLike['aws:PrincipalArn']).toEqual([
        'arn:aws:iam::*:role/Active*',
      ]);
    }
    expect(desired.exceptions?.map((e) => e.expired)).toEqual([false, true]);
  });

  it('skips the accounts under an active OU exception with owner, reason and expiry', () => {
    const config = demoConfig({
      exceptions: [
        { ou: 'Root/Workloads/Dev', owner: 'dev-team', reason: 'migration', expires: '2027-03-31' },
      ],
    });
    const observed = demoObserved();
    const desired = buildDesiredState(config, TEMPLATES, observed.org, { now: NOW });
    const plan = buildPlan({ observed, desired, meta: PLAN_META });
    const skipped = plan.skipped.filter((s) => s.reason === 'exception');
    expect(skipped.map((s) => s.accountName).sort()).toEqual(['payments-dev', 'web-dev']);
    expect(skipped[0]?.exception).toEqual({
      owner: 'dev-team',
      reason: 'migration',
      expires: '2027-03-31',
    });
    expect(
      plan.changes.some((c) => c.kind === 'imds.set' && c.ouPath === 'Root/Workloads/Dev'),
    ).toBe(false);
  });

  it('names the config path of an unknown account or OU', () => {
    const config = demoConfig({
      exceptions: [{ ou: 'Root/Workload/Dev', owner: 'x', reason: 'y', expires: '2027-01-01' }],
    });
    expect(() => buildDesiredState(config, TEMPLATES, demoOrg(), { now: NOW })).toThrow(
      /exceptions\[0\]\.ou: unknown OU "Root\/Workload\/Dev" \(did you mean "Root\/Workloads\/Dev"/,
    );
  });

  it('refuses an exception naming two targets', () => {
    expect(() =>
      demoConfig({
        exceptions: [
          {
            account: '222222222208',
            ou: 'Root/Sandbox',
            owner: 'x',
            reason: 'y',
            expires: '2027-01-01',
          },
        ],
      }),
    ).toThrow(
      expect.objectContaining({
        issues: [
          {
            path: 'exceptions[0]',
            message: 'name exactly one of account, ou or principalArnPattern',
          },
        ],
      }),
    );
  });
});
