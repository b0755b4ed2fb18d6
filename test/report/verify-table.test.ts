import { describe, expect, it } from 'vitest';
import { renderVerifyReport } from '../../src/report/render-verify-report.js';
import { renderVerifyTable } from '../../src/report/verify-table.js';
import { countStatuses, demoVerifyReport, smallVerifyReport } from '../_fixtures/verify-reports.js';

describe('renderVerifyTable', () => {
  it('puts the summary first, then each OU and account with only the regions needing attention', () => {
    // Given a report with one of every status
    const report = smallVerifyReport();
    // When it is rendered as a table without colour
    const text = renderVerifyReport(report, 'table', { width: 100 });
    // Then the text is exactly this
    expect(text).toMatchInlineSnapshot(`
      "Verification of o-guardrails01 (management account 111111111111)
        caller   arn:aws:iam::111111111111:user/platform-admin
        time     2026-11-26T10:00:00.000Z (guardrails 0.1.0)
        scope    5 accounts × every enabled region
        desired  httpTokens required, httpPutResponseHopLimit 2; SCP DenyIMDSv1

        STATUS                         TARGETS
        compliant                            6
        drift                                7
        managed-by-declarative-policy        3
        unreachable                          1
        error                                1
        total                               18

      ✗ 9 findings in 18 targets.
        hint: sandbox-bob (222222222210): cannot be reached (AssumeRole denied). Give it the member role
          (\`guardrails permissions --role member\`), or leave it out with this line in the config:
          scope: { excludeAccounts: ['222222222210'] }

      Root
        management (111111111111)  0 of 3 regions compliant
          SCP            compliant  SCPs never apply to the management account; its IMDS defaults are
                                    checked directly
          all 3 regions  drift      httpTokens (unset) → required, httpPutResponseHopLimit (unset) → 2

      Root/Sandbox
        sandbox-bob (222222222210)  regions not checked
          SCP          drift        DenyIMDSv1 is not attached to the account, any OU above it, or Root
          all regions  unreachable  role-denied: AssumeRole into OrganizationAccountAccessRole was refused
                                    (AccessDenied)

      Root/Security
        security-audit (222222222201)  1 of 3 regions compliant
          SCP        drift  DenyIMDSv1 is not attached to the account, any OU above it, or Root
          eu-west-1  drift  httpTokens optional → required
          us-west-2  error  ThrottlingException: Rate exceeded (after 5 attempts)

      Root/Workloads/Prod
        data-platform (222222222212)  3 of 3 regions compliant (3 managed by a declarative policy)
          SCP  compliant  inherited from Root/Workloads/Prod
        web-prod (222222222206)  3 of 3 regions compliant
          SCP  drift  DenyIMDSv1 is attached via Root/Workloads/Prod but its content differs from the
                      template
      "
    `);
  });

  it('collapses compliant regions into a count and lists each drifted region', () => {
    // Given the demo scenario
    const text = renderVerifyTable(demoVerifyReport());
    // Then log-archive shows only eu-west-1, and shared-services its 15 unset regions
    expect(text).toContain('  log-archive (222222222202)  16 of 17 regions compliant\n');
    expect(text).toContain('    eu-west-1  drift  httpTokens optional → required\n');
    const shared = text.slice(text.indexOf('shared-services'), text.indexOf('Root/Workloads/Dev'));
    expect(shared.match(/^ {4}[a-z]{2}-[a-z]+-\d +drift/gm)).toHaveLength(15);
    expect(shared).not.toContain('us-east-1');
    // And unreachable accounts show their reason once
    expect(text).toContain('  legacy-closed (222222222211)  regions not checked\n');
    expect(text).toContain('    all regions  unreachable  suspended: the account is SUSPENDED\n');
  });

  it('says so when everything is compliant', () => {
    // Given a report whose results are all compliant
    const report = smallVerifyReport();
    report.results = report.results.filter((result) => result.status === 'compliant');
    report.counts = countStatuses(report.results);
    // Then the verdict line says all targets are compliant
    expect(renderVerifyTable(report)).toContain('✓ All 6 targets are compliant.');
  });

  it('colours statuses only when asked', () => {
    const report = smallVerifyReport();
    const ESC = String.fromCharCode(27);
    expect(renderVerifyTable(report, { color: false })).not.toContain(ESC);
    const coloured = renderVerifyTable(report, { color: true });
    expect(coloured).toContain(`${ESC}[33mdrift${ESC}[39m`);
    expect(coloured).toContain(`${ESC}[31merror${ESC}[39m`);
  });

  it('wraps long details to the given width', () => {
    const text = renderVerifyTable(smallVerifyReport(), { width: 72 });
    const rows = text.split('\n').filter((line) => line.startsWith('    '));
    expect(rows.length).toBeGreaterThan(5);
    for (const line of rows) expect(line.length).toBeLessThanOrEqual(72);
  });
});
