import { describe, expect, it } from 'vitest';
import { renderPlanText } from '../../src/report/plan-text.js';
import { convergedPlan, demoPlan, firstRunPlan } from '../_fixtures/plans.js';

describe('renderPlanText', () => {
  it('groups by OU and account, folds regions sharing a change, diffs the SCP, lists skipped', () => {
    expect(renderPlanText(demoPlan())).toMatchInlineSnapshot(`
      "Plan for organization o-guardrails01 (management account 111111111111)
      Symbols: + create, attach or set  ~ update  - delete, detach or clear

      Organization
        ~ update policy DenyIMDSv1 (p-denyimds1)
              # (10 unchanged lines hidden)
                        "ec2:MetadataHttpTokens": "required"
                      }
                    }
            +     },
            +     {
            +       "Sid": "DenyHopLimitAbove2",
            +       "Effect": "Deny",
            +       "Action": "ec2:RunInstances",
            +       "Resource": "arn:aws:ec2:*:*:instance/*",
            +       "Condition": {
            +         "NumericGreaterThan": {
            +           "ec2:MetadataHttpPutResponseHopLimit": "2"
            +         }
            +       }
                  }
                ]
              }
        + attach DenyIMDSv1 to Root
        - detach DenyIMDSv1 from Root/Workloads/Prod

      Root
        ~ management (111111111111)
            ~ 17 regions: ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-southeast-1,
                          ap-southeast-2, ca-central-1, eu-central-1, eu-north-1, eu-west-1, eu-west-2,
                          eu-west-3, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2
                + httpTokens               (unset) → required
                + httpPutResponseHopLimit  (unset) → 2

      Root/Infrastructure
        ~ network (222222222203)
            ~ 17 regions: ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-southeast-1,
                          ap-southeast-2, ca-central-1, eu-central-1, eu-north-1, eu-west-1, eu-west-2,
                          eu-west-3, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2
                ! relaxes httpPutResponseHopLimit (needs its own approval)
                ~ httpPutResponseHopLimit  1 → 2
        ~ shared-services (222222222204)
            ~ 15 regions: ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-southeast-1,
                          ap-southeast-2, ca-central-1, eu-central-1, eu-north-1, eu-west-1, eu-west-2,
                          eu-west-3, sa-east-1, us-east-2, us-west-1
                + httpTokens               (unset) → required
                + httpPutResponseHopLimit  (unset) → 2

      Root/Security
        ~ log-archive (222222222202)
            ~ eu-west-1
                ~ httpTokens  optional → required

      Root/Workloads/Prod
        ~ web-prod (222222222206)
            ~ eu-south-1
                + httpTokens               (unset) → required
                + httpPutResponseHopLimit  (unset) → 2

      Skipped (18)
        ! sandbox-bob (222222222210), Root/Sandbox, whole account
            role-denied: AssumeRole into OrganizationAccountAccessRole was refused (AccessDenied)
        ! data-platform (222222222212), Root/Workloads/Prod, 17 regions:
            ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-southeast-1, ap-southeast-2,
            ca-central-1, eu-central-1, eu-north-1, eu-west-1, eu-west-2, eu-west-3, sa-east-1, us-east-1,
            us-east-2, us-west-1, us-west-2
            declarative-policy: defaults are managed by the declarative policy ec2-imds-baseline

      Plan: 54 to change, 40 unchanged, 18 skipped.
      "
    `);
  });

  it('shows a new policy in full, the root enablement, and flags relaxing changes', () => {
    expect(renderPlanText(firstRunPlan())).toMatchInlineSnapshot(`
      "Plan for organization o-guardrails01 (management account 111111111111)
      Symbols: + create, attach or set  ~ update  - delete, detach or clear

      Organization
        + enable policy type SERVICE_CONTROL_POLICY on the root r-gr01
        + create policy DenyIMDSv1 (SERVICE_CONTROL_POLICY)
            # Deny launching EC2 instances without IMDSv2 (guardrails)
            + {
            +   "Version": "2012-10-17",
            +   "Statement": [
            +     {
            +       "Sid": "DenyIMDSv1",
            +       "Effect": "Deny",
            +       "Action": "ec2:RunInstances",
            +       "Resource": "arn:aws:ec2:*:*:instance/*",
            +       "Condition": {
            +         "StringNotEquals": {
            +           "ec2:MetadataHttpTokens": "required"
            +         }
            +       }
            +     }
            +   ]
            + }
        + attach DenyIMDSv1 to Root
        - delete policy OldImdsPolicy (p-old) (relaxing: needs approval)

      Plan: 4 to change, 3 unchanged, 0 skipped.
      "
    `);
  });

  it('says exactly "No changes." with one line of explanation when converged', () => {
    expect(renderPlanText(convergedPlan())).toBe(
      'No changes. The organization already matches the configuration (221 unchanged, 0 skipped).\n',
    );
  });

  it('still lists skipped targets when nothing else changes', () => {
    const plan = { ...demoPlan(), changes: [] };
    plan.summary = { ...plan.summary, toChange: 0, byKind: {} };
    const text = renderPlanText(plan);
    expect(text.startsWith('Skipped (18)\n  ! sandbox-bob (222222222210), Root/Sandbox')).toBe(
      true,
    );
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^No changes\. /);
  });

  it('marks fields being cleared with - and colours symbols only when asked', () => {
    // Given a rollback-like change that clears both fields
    const plan = demoPlan();
    const change = plan.changes.find((c) => c.kind === 'imds.set' && c.region === 'eu-south-1');
    if (change?.kind !== 'imds.set') throw new Error('fixture has eu-south-1');
    change.before = { httpTokens: 'required', httpPutResponseHopLimit: 2 };
    change.after = { httpTokens: 'no-preference', httpPutResponseHopLimit: -1 };
    // Then both fields show - and "(unset)" after the arrow
    const text = renderPlanText(plan);
    expect(text).toContain('          - httpTokens               required → (unset)\n');
    expect(text).toContain('          - httpPutResponseHopLimit  2 → (unset)\n');
    const ESC = String.fromCharCode(27);
    expect(text).not.toContain(ESC);
    expect(renderPlanText(plan, { color: true })).toContain(`${ESC}[32m+${ESC}[39m`);
  });
});
