import { describe, expect, it } from 'vitest';
import { renderVerifyMarkdown } from '../../src/report/verify-markdown.js';
import { demoVerifyReport, smallVerifyReport } from '../_fixtures/verify-reports.js';

describe('renderVerifyMarkdown', () => {
  it('renders a summary table, the findings and the accounts folded away', () => {
    expect(renderVerifyMarkdown(smallVerifyReport())).toMatchInlineSnapshot(`
      "## ❌ guardrails verify: 9 findings in 18 targets

      - **Organization** \`o-guardrails01\` · management account \`111111111111\`
      - **Scope** 5 accounts × every enabled region
      - **Desired** httpTokens required, httpPutResponseHopLimit 2; SCP DenyIMDSv1
      - **Run** by \`arn:aws:iam::111111111111:user/platform-admin\` at 2026-11-26T10:00:00.000Z · guardrails 0.1.0

      | Status | Targets |
      | --- | ---: |
      | ✅ compliant | 6 |
      | ⚠️ drift | 7 |
      | 🔒 managed-by-declarative-policy | 3 |
      | ⛔ unreachable | 1 |
      | ❌ error | 1 |
      | **total** | **18** |

      ### Findings

      | Account | OU | Target | Status | Detail |
      | --- | --- | --- | --- | --- |
      | management (111111111111) | Root | eu-west-1 | ⚠️ drift | httpTokens (unset) → required, httpPutResponseHopLimit (unset) → 2 |
      | management (111111111111) | Root | us-east-1 | ⚠️ drift | httpTokens (unset) → required, httpPutResponseHopLimit (unset) → 2 |
      | management (111111111111) | Root | us-west-2 | ⚠️ drift | httpTokens (unset) → required, httpPutResponseHopLimit (unset) → 2 |
      | sandbox-bob (222222222210) | Root/Sandbox | SCP | ⚠️ drift | DenyIMDSv1 is not attached to the account, any OU above it, or Root |
      | sandbox-bob (222222222210) | Root/Sandbox | all regions | ⛔ unreachable | role-denied: AssumeRole into OrganizationAccountAccessRole was refused (AccessDenied) |
      | security-audit (222222222201) | Root/Security | SCP | ⚠️ drift | DenyIMDSv1 is not attached to the account, any OU above it, or Root |
      | security-audit (222222222201) | Root/Security | eu-west-1 | ⚠️ drift | httpTokens optional → required |
      | security-audit (222222222201) | Root/Security | us-west-2 | ❌ error | ThrottlingException: Rate exceeded (after 5 attempts) |
      | web-prod (222222222206) | Root/Workloads/Prod | SCP | ⚠️ drift | DenyIMDSv1 is attached via Root/Workloads/Prod but its content differs from the template |

      > **Hint:** sandbox-bob (222222222210): cannot be reached (AssumeRole denied). Give it the member role (\`guardrails permissions --role member\`), or leave it out with this line in the config:
      >
      > \`scope: { excludeAccounts: ['222222222210'] }\`

      <details>
      <summary>All accounts (5)</summary>

      | OU | Account | SCP | Regions compliant | Findings |
      | --- | --- | --- | ---: | ---: |
      | Root | management (111111111111) | ✅ management-account | 0 / 3 | 3 |
      | Root/Sandbox | sandbox-bob (222222222210) | ⚠️ missing | not checked | 2 |
      | Root/Security | security-audit (222222222201) | ⚠️ missing | 1 / 3 | 3 |
      | Root/Workloads/Prod | data-platform (222222222212) | ✅ inherited | 3 / 3 | 0 |
      | Root/Workloads/Prod | web-prod (222222222206) | ⚠️ content-differs | 3 / 3 | 1 |

      </details>
      "
    `);
  });

  it('caps the findings table and says how many more there are', () => {
    // Given the demo scenario's 130 findings and a cap of 10
    const text = renderVerifyMarkdown(demoVerifyReport(), { maxFindings: 10 });
    // Then 10 finding rows are listed and the rest counted
    const findings = text.slice(text.indexOf('### Findings'), text.indexOf('<details>'));
    expect(findings.match(/^\| [a-z-]+ \(\d{12}\) \|/gm)).toHaveLength(10);
    expect(text).toContain('…and 120 more findings');
  });

  it('keeps table rows intact and HTML inert whatever the names contain', () => {
    // Given an account name with a pipe, a newline and markup
    const report = smallVerifyReport();
    for (const result of report.results) {
      if (result.accountName === 'security-audit')
        result.accountName = 'a|b\n<img src=x onerror=alert(1)>';
    }
    const text = renderVerifyMarkdown(report);
    // Then the cell is escaped: the row keeps its five columns and no raw tag remains
    expect(text).toContain('a\\|b &lt;img src=x onerror=alert(1)&gt; (222222222201)');
    expect(text).not.toContain('<img');
  });
});
