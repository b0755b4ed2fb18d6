import { describe, expect, it } from 'vitest';
import {
  buildReadinessReport,
  readinessExitCode,
} from '../../../src/core/readiness/build-readiness.js';
import { containerHost } from '../../../src/core/readiness/findings.js';
import { gateAccounts } from '../../../src/core/readiness/gate.js';
import type {
  AccountWorkloads,
  ObservedInstance,
  ReadinessInput,
  RegionWorkloads,
} from '../../../src/core/readiness/types.js';

const META = {
  toolVersion: '0.0.0-test',
  generatedAt: '2026-11-26T12:00:00.000Z',
  windowStart: '2026-11-12T12:00:00.000Z',
  windowEnd: '2026-11-26T12:00:00.000Z',
};

function instance(
  id: string,
  tokens: 'optional' | 'required',
  hop = 2,
  tags = {},
): ObservedInstance {
  return {
    instanceId: id,
    state: 'running',
    tags,
    metadata: { httpTokens: tokens, hopLimit: hop, httpEndpoint: 'enabled' },
  };
}

function region(
  partial: Partial<Extract<RegionWorkloads, { status: 'ok' }>> = {},
): RegionWorkloads {
  return {
    region: 'us-east-1',
    status: 'ok',
    instances: [],
    launchTemplates: [],
    pinnedVersions: [],
    autoScalingGroups: [],
    metrics: { status: 'ok', instances: [] },
    ...partial,
  };
}

function input(
  accounts: AccountWorkloads[],
  defaults: 'optional' | 'required' | undefined = undefined,
): ReadinessInput {
  return { accounts, lookbackDays: 14, accountDefaultTokens: () => defaults, meta: META };
}

describe('buildReadinessReport verdicts', () => {
  it('is ready without calls, at-risk with calls or refusals, unknown without metrics or access', () => {
    // Given five accounts: clean, calling, refused only, CloudWatch denied, unreachable
    const report = buildReadinessReport(
      input([
        {
          accountId: '1',
          accountName: 'clean',
          regions: [region({ instances: [instance('i-1', 'required')] })],
        },
        {
          accountId: '2',
          accountName: 'calling',
          regions: [
            region({
              metrics: {
                status: 'ok',
                instances: [{ instanceId: 'i-2', noToken: 7, rejected: 0 }],
              },
            }),
          ],
        },
        {
          accountId: '3',
          accountName: 'refused',
          regions: [
            region({
              metrics: {
                status: 'ok',
                instances: [{ instanceId: 'i-3', noToken: 0, rejected: 2 }],
              },
            }),
          ],
        },
        {
          accountId: '4',
          accountName: 'blind',
          regions: [
            region({ metrics: { status: 'denied', message: 'AccessDenied' } }),
            { region: 'eu-west-1', status: 'error', message: 'boom' },
          ],
        },
        { accountId: '5', accountName: 'gone', unreachable: 'role missing', regions: [] },
      ]),
    );
    // Then the verdicts and their first evidence line follow
    expect(report.accounts.map((a) => [a.accountName, a.verdict, a.evidence[0]])).toEqual([
      ['clean', 'ready', 'no IMDSv1 calls in 14 days'],
      ['calling', 'at-risk', '7 IMDSv1 calls in 14 days from 1 instance in us-east-1'],
      ['refused', 'at-risk', '2 IMDSv1 calls refused (MetadataNoTokenRejected) in us-east-1'],
      ['blind', 'unknown', 'no permission to read CloudWatch metrics in us-east-1 (AccessDenied)'],
      ['gone', 'unknown', 'account not reachable: role missing'],
    ]);
    expect(report.accounts[3]?.evidence[1]).toBe('could not read eu-west-1 (boom)');
    expect(report.summary).toMatchObject({ ready: 1, atRisk: 2, unknown: 2 });
    expect(readinessExitCode(report)).toBe(2);
    const allReady = buildReadinessReport(
      input([{ accountId: '1', accountName: 'clean', regions: [region()] }]),
    );
    expect(readinessExitCode(allReady)).toBe(0);
  });

  it('keeps only the top N callers and lists calls from instances that are gone', () => {
    const sums = Array.from({ length: 7 }, (_, i) => ({
      instanceId: `i-${i}`,
      noToken: i + 1,
      rejected: 0,
    }));
    const report = buildReadinessReport({
      ...input([
        {
          accountId: '1',
          accountName: 'a',
          regions: [region({ metrics: { status: 'ok', instances: sums } })],
        },
      ]),
      topN: 3,
    });
    expect(report.accounts[0]?.topInstances.map((i) => i.instanceId)).toEqual([
      'i-6',
      'i-5',
      'i-4',
    ]);
    expect(report.instances.every((i) => i.state === 'not-found')).toBe(true);
    expect(report.accounts[0]?.noTokenCalls).toBe(28);
  });
});

describe('templates, groups and container hosts', () => {
  it('flags optional and omitted defaults, resolving omitted through the account default', () => {
    const templates = region({
      launchTemplates: [
        {
          templateId: 'lt-a',
          templateName: 'a',
          defaultVersion: 1,
          latestVersion: 1,
          defaultMetadata: { httpTokens: 'required' },
        },
        { templateId: 'lt-b', templateName: 'b', defaultVersion: 1, latestVersion: 1 },
        {
          templateId: 'lt-c',
          templateName: 'c',
          defaultVersion: 3,
          latestVersion: 3,
          defaultMetadata: { httpTokens: 'optional' },
        },
      ],
    });
    const report = buildReadinessReport(
      input([{ accountId: '1', accountName: 'a', regions: [templates] }], 'required'),
    );
    expect(report.launchTemplates.map((t) => [t.templateName, t.issue, t.effectiveTokens])).toEqual(
      [
        ['b', 'omitted', 'required'],
        ['c', 'optional', 'optional'],
      ],
    );
  });

  it('flags groups pinned to a version allowing IMDSv1, not $Default ones or fixed pins', () => {
    const r = region({
      launchTemplates: [
        {
          templateId: 'lt-a',
          templateName: 'a',
          defaultVersion: 3,
          latestVersion: 3,
          defaultMetadata: { httpTokens: 'required' },
        },
      ],
      pinnedVersions: [
        { templateId: 'lt-a', version: 1, metadata: { httpTokens: 'optional' } },
        { templateId: 'lt-a', version: 2 },
        { templateId: 'lt-a', version: 3, metadata: { httpTokens: 'required' } },
      ],
      autoScalingGroups: [
        { name: 'pinned-old', templateId: 'lt-a', version: '1', instanceIds: ['i-1'] },
        { name: 'pinned-omitted', templateId: 'lt-a', version: '2', instanceIds: [] },
        { name: 'pinned-fixed', templateId: 'lt-a', version: '3', instanceIds: [] },
        { name: 'follows-default', templateId: 'lt-a', version: '$Default', instanceIds: [] },
      ],
    });
    const report = buildReadinessReport(
      input([{ accountId: '1', accountName: 'a', regions: [r] }]),
    );
    expect(
      report.autoScalingGroups.map((g) => [g.name, g.pinnedVersion, g.defaultVersion]),
    ).toEqual([
      ['pinned-old', 1, 3],
      ['pinned-omitted', 2, 3],
    ]);
    expect(report.autoScalingGroups[0]?.fix).toContain("Version='$Default'");
  });

  it('recognises ECS and EKS hosts by their tags and flags hop limit 1 only', () => {
    expect(containerHost({ AmazonECSManaged: 'true' })).toBe('ecs');
    expect(containerHost({ 'kubernetes.io/cluster/prod': 'owned' })).toBe('eks');
    expect(containerHost({ Name: 'web' })).toBeUndefined();
    const r = region({
      instances: [
        instance('i-ecs1', 'required', 1, { AmazonECSManaged: 'true' }),
        instance('i-ecs2', 'required', 2, { AmazonECSManaged: 'true' }),
      ],
    });
    const report = buildReadinessReport(
      input([{ accountId: '1', accountName: 'a', regions: [r] }]),
    );
    expect(report.instances.map((i) => [i.instanceId, i.issues])).toEqual([
      ['i-ecs1', ['container-hop-limit-1']],
    ]);
    expect(report.accounts[0]?.verdict).toBe('ready');
  });
});

describe('gateAccounts', () => {
  it('holds at-risk accounts unless overridden or the gate is off; unknown ones pass', () => {
    const calling = (id: string): AccountWorkloads => ({
      accountId: id,
      accountName: `acct-${id}`,
      regions: [
        region({
          metrics: { status: 'ok', instances: [{ instanceId: 'i-1', noToken: 1, rejected: 0 }] },
        }),
      ],
    });
    const report = buildReadinessReport(
      input([
        calling('1'),
        calling('2'),
        { accountId: '3', accountName: 'gone', unreachable: 'x', regions: [] },
      ]),
    );
    expect(gateAccounts(report, { enabled: true, allowAtRisk: ['2'] })).toEqual({
      held: [
        {
          accountId: '1',
          accountName: 'acct-1',
          reason: '1 IMDSv1 calls in 14 days from 1 instance in us-east-1',
        },
      ],
      overridden: ['2'],
    });
    expect(gateAccounts(report, { enabled: false, allowAtRisk: [] })).toEqual({
      held: [],
      overridden: [],
    });
  });
});
