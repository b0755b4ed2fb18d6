import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReadinessReport } from '../../src/core/readiness/types.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runCliCaptured } from '../_helpers/run-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';

let sb: SandboxHandle;
beforeEach(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, throttling: 'off' });
});
afterEach(() => sb.close());

function readiness(args: string[], cwd?: string) {
  return runCliCaptured(['readiness', ...args], {
    env: { ...sb.env, GUARDRAILS_RETRY_BASE_MS: '1', GUARDRAILS_RETRY_MAX_MS: '5' },
    ...(cwd ? { cwd } : {}),
  });
}

describe('guardrails readiness against the demo organization', () => {
  it('finds exactly the seeded IMDSv1 users, templates and pinned group (json, exit 2)', async () => {
    // When readiness runs with the default 14-day window (two regions keep the test fast)
    const run = await readiness(['--format', 'json', '--regions', 'us-east-1,eu-west-1']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as ReadinessReport;

    // Then payments-dev is the only account at risk, alice is unknown (no CloudWatch), the two
    // unreachable accounts are unknown, everyone else is ready
    const verdicts = Object.fromEntries(report.accounts.map((a) => [a.accountName, a.verdict]));
    expect(verdicts).toEqual({
      management: 'ready',
      'security-audit': 'ready',
      'log-archive': 'ready',
      network: 'ready',
      'shared-services': 'ready',
      'payments-prod': 'ready',
      'web-prod': 'ready',
      'payments-dev': 'at-risk',
      'web-dev': 'ready',
      'sandbox-alice': 'unknown',
      'sandbox-bob': 'unknown',
      'legacy-closed': 'unknown',
      'data-platform': 'ready',
    });
    const pd = report.accounts.find((a) => a.accountId === '222222222207');
    expect(pd).toMatchObject({ noTokenCalls: 4032 + 1008 + 48, rejectedCalls: 70 });
    expect(pd?.regions).toEqual([
      {
        region: 'us-east-1',
        noTokenCalls: 5088,
        rejectedCalls: 70,
        instancesCalling: 3,
        metrics: 'ok',
      },
    ]);
    expect(pd?.topInstances.map((i) => [i.instanceId, i.noTokenCalls, i.rejectedCalls])).toEqual([
      ['i-0pd00000000000a01', 4032, 0],
      ['i-0pd00000000000a02', 1008, 0],
      ['i-0pd00000000000e01', 48, 0],
      ['i-0pd00000000000d01', 0, 70],
    ]);
    const alice = report.accounts.find((a) => a.accountName === 'sandbox-alice');
    expect(alice?.evidence[0]).toMatch(
      /no permission to read CloudWatch metrics in 2 regions \(AccessDenied/,
    );

    // And the instance findings are exactly the seeded ones, with their reasons
    expect(report.instances.map((i) => [i.instanceId, i.issues, i.containerHost ?? null])).toEqual([
      ['i-0pd00000000000a01', ['allows-imdsv1', 'imdsv1-calls'], null],
      ['i-0pd00000000000a02', ['allows-imdsv1', 'imdsv1-calls'], null],
      ['i-0pd00000000000e01', ['allows-imdsv1', 'imdsv1-calls', 'container-hop-limit-1'], 'eks'],
      ['i-0pd00000000000d01', ['rejected-calls'], null],
      ['i-0pd00000000000b01', ['allows-imdsv1'], null],
      ['i-0pd00000000000c01', ['container-hop-limit-1'], 'ecs'],
      ['i-0pd00000000000f01', ['allows-imdsv1'], null],
      ['i-0sa00000000000a01', ['allows-imdsv1'], null],
    ]);
    expect(report.launchTemplates.map((t) => [t.templateName, t.issue, t.effectiveTokens])).toEqual(
      [
        ['batch-worker', 'omitted', 'optional'],
        ['reporting', 'optional', 'optional'],
      ],
    );
    expect(report.autoScalingGroups).toEqual([
      expect.objectContaining({
        name: 'payments-api-asg',
        templateId: 'lt-0pd0000000000a001',
        pinnedVersion: 1,
        defaultVersion: 2,
        instanceIds: ['i-0pd00000000000a01', 'i-0pd00000000000a02'],
        refreshCommand: expect.stringContaining(
          'aws autoscaling start-instance-refresh --auto-scaling-group-name payments-api-asg --region us-east-1',
        ),
      }),
    ]);
    // And the rollout gate holds the at-risk account back
    // (and, out of the SCP's reach only, the accounts whose launches it would refuse)
    expect(report.gate).toEqual({
      held: [
        {
          accountId: '222222222207',
          accountName: 'payments-dev',
          reason: '5,088 IMDSv1 calls in 14 days from 3 instances in us-east-1',
        },
        expect.objectContaining({ accountId: '222222222204', lane: 'scp' }),
        expect.objectContaining({ accountId: '222222222208', lane: 'scp' }),
      ],
      overridden: [],
    });
    expect(report.summary).toMatchObject({
      accounts: 13,
      ready: 9,
      atRisk: 1,
      unknown: 3,
      templates: 2,
      pinnedGroups: 1,
    });
  });

  it('counts only the lookback window, and writes the table to a file', async () => {
    const dir = tempDir();
    const run = await readiness(
      ['--lookback-days', '1', '--out', 'r.txt', '--regions', 'us-east-1'],
      dir,
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const table = readFileSync(join(dir, 'r.txt'), 'utf8');
    // One day: 12×24 + 3×24 + 24 calls, and 5 refused
    expect(table).toContain('IMDSv1 readiness — last 1 days');
    expect(table).toMatch(/payments-dev \(222222222207\)\s+at-risk\s+384\s+5/);
    expect(table).toContain('payments-api-asg: payments-api v1 (default v2)');
    expect(table).toContain('MetadataOptions omitted (resolves to optional: the account default)');
    expect(table).toContain('held out of waves: payments-dev (222222222207)');
    expect(table).toContain('override: --allow-at-risk 222222222207');
    expect(run.stderr).toContain('✔ readiness: 13 accounts: 9 ready, 1 at risk, 3 unknown');
  });

  it('exits 0 when every in-scope account is ready, 1 on a bad window', async () => {
    const ok = await readiness(['--accounts', '222222222206', '--format', 'json']);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as ReadinessReport).accounts.map((a) => a.verdict)).toEqual([
      'ready',
    ]);
    const allowed = await readiness([
      '--accounts',
      '222222222207',
      '--regions',
      'us-east-1',
      '--allow-at-risk',
      '222222222207',
      '--format',
      'json',
    ]);
    expect(allowed.code).toBe(2);
    const gate = (JSON.parse(allowed.stdout) as ReadinessReport).gate;
    expect(gate?.held.filter((h) => h.lane !== 'scp')).toEqual([]);
    expect(gate?.overridden).toEqual(['222222222207']);
    const bad = await readiness(['--lookback-days', '91']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/lookback-days/);
  });
});
