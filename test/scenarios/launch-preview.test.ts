/**
 * `guardrails readiness` on the demo: who the DenyIMDSv1 SCP would refuse, read from the
 * sandbox's CloudTrail history through the member roles — exactly the seeded refusals, the
 * service-linked launches as unaffected, a launch made during the test in the next preview, and
 * a principal exception from the config honoured.
 */
import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReadinessReport } from '../../src/core/readiness/types.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { assume, clients } from '../sandbox/clients.js';

let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
});

async function preview(cwd: string, extra: string[] = []) {
  const run = await runAgainst(sb!, cwd, ['readiness', '--format', 'json', ...extra]);
  const report = JSON.parse(run.stdout) as ReadinessReport;
  const launches = report.launches!;
  const refused = launches.principals
    .filter((p) => p.verdict === 'refused')
    .map((p) => `${p.accountName} ${p.principalArn} ${p.launcher.id}`);
  return { run, launches, refused };
}

describe('launch preview (readiness)', { timeout: 120_000 }, () => {
  it('lists exactly the seeded launches the SCP would refuse, with launchers and fixes; service-linked launches are unaffected', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const { run, launches, refused } = await preview(tempDir());
    expect(run.code, run.stderr).toBe(2);
    expect(refused).toEqual([
      'web-dev arn:aws:iam::222222222208:role/KarpenterControllerRole-web-dev karpenter',
      'shared-services arn:aws:iam::222222222204:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0a1b2c3d4e5f6a7b console',
      'payments-dev arn:aws:iam::222222222207:user/legacy-deployer terraform',
    ]);
    const by = (pattern: string) =>
      launches.principals.find((p) => p.principalArn.includes(pattern));
    expect(by('AWSServiceRoleForAutoScaling')).toMatchObject({
      verdict: 'not-subject',
      launcher: { id: 'auto-scaling' },
    });
    expect(by('terraform-ci')).toMatchObject({ verdict: 'allowed', refused: 0 });
    expect(by('runs-on')).toMatchObject({ verdict: 'already-refused', alreadyRefused: 1 });
    expect(by('KarpenterControllerRole')).toMatchObject({ refused: 4, unknown: 4, dryRuns: 4 });
    expect(by('KarpenterControllerRole')?.launcher.fix).toContain(
      'metadataOptions.httpTokens: required',
    );
    expect(by('legacy-deployer')?.launcher.fix).toContain(
      'metadata_options { http_tokens = "required" }',
    );
    // The 40-day-old launch of legacy-deployer only counts with a longer lookback.
    expect(by('legacy-deployer')?.launches).toBe(1);
    const longer = await preview(tempDir(), ['--lookback-days', '60']);
    expect(
      longer.launches.principals.find((p) => p.principalArn.includes('legacy-deployer'))?.launches,
    ).toBe(2);
  });

  it('a member role denied cloudtrail:LookupEvents: that account is named with the fix, the rest of readiness still runs', async () => {
    sb = await startSandbox({
      scenario: 'demo',
      port: 0,
      seed: 1,
      principalDenies: [
        { accountId: '222222222206', kind: 'identity-policy', action: 'cloudtrail:LookupEvents' },
      ],
    });
    const cwd = tempDir();
    const { run, launches, refused } = await preview(cwd, ['--regions', 'us-east-1']);
    expect(run.code, run.stderr).toBe(2);
    const report = JSON.parse(run.stdout) as ReadinessReport;
    // web-prod's readiness (metrics, workloads) is still read; only its launch history is not.
    expect(report.accounts.find((a) => a.accountId === '222222222206')?.verdict).toBeDefined();
    expect(launches.accounts.find((a) => a.accountId === '222222222206')).toMatchObject({
      lookupDenied: ['us-east-1'],
      unread: [],
      launches: 0,
    });
    expect(launches.principals.some((p) => p.principalArn.includes('terraform-ci'))).toBe(false);
    expect(launches.summary.unreadRegions).toBe(1);
    // The other accounts are previewed as before.
    expect(refused).toContain(
      'web-dev arn:aws:iam::222222222208:role/KarpenterControllerRole-web-dev karpenter',
    );
    const table = await runAgainst(sb!, cwd, ['readiness', '--regions', 'us-east-1']);
    expect(table.stdout).toContain(
      'web-prod (222222222206): the member role may not call cloudtrail:LookupEvents in 1 region (us-east-1)',
    );
    expect(table.stdout).toContain('`guardrails permissions` prints the policy');
    // The document formats say it too.
    const csv = await runAgainst(sb!, cwd, [
      'readiness',
      '--regions',
      'us-east-1',
      '--format',
      'csv',
    ]);
    expect(csv.stdout).toMatch(
      /^launch-history,222222222206,web-prod,us-east-1,,,lookup-denied,.*guardrails permissions/m,
    );
    const md = await runAgainst(sb!, cwd, [
      'readiness',
      '--regions',
      'us-east-1',
      '--format',
      'markdown',
    ]);
    expect(md.stdout).toContain('Launch history not read');
    expect(md.stdout).toMatch(
      /\| web-prod \(222222222206\) \| us-east-1 \|.*guardrails permissions/,
    );
  });

  it('a launch the sandbox served during the test shows up in the next preview', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const webDev = await assume(sb, '222222222208');
    await clients(sb, webDev).ec2.send(
      new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', MinCount: 1, MaxCount: 1 }),
    );
    const { refused } = await preview(tempDir(), ['--regions', 'us-east-1']);
    expect(refused).toContain(
      'web-dev arn:aws:iam::222222222208:role/OrganizationAccountAccessRole sdk',
    );
  });

  it('a principal exception in the config lets the Karpenter controller through', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const cwd = tempDir({
      'guardrails.config.json': JSON.stringify({
        exceptions: [
          {
            principalArnPattern: 'arn:aws:iam::*:role/KarpenterControllerRole-*',
            owner: 'platform@example.com',
            reason: 'Karpenter dry runs omit MetadataOptions (#9018)',
            expires: '2999-01-01',
          },
        ],
      }),
    });
    const { launches, refused } = await preview(cwd, ['--regions', 'us-east-1']);
    expect(refused.some((r) => r.includes('Karpenter'))).toBe(false);
    expect(launches.principals.find((p) => p.principalArn.includes('Karpenter'))).toMatchObject({
      verdict: 'allowed',
      refused: 0,
    });
  });
});
