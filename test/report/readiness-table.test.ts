import { describe, expect, it } from 'vitest';
import type { InstanceFinding, ReadinessReport } from '../../src/core/readiness/types.js';
import { renderReadinessTable } from '../../src/report/readiness/readiness-table.js';

const instance = (over: Partial<InstanceFinding>): InstanceFinding => ({
  accountId: '222222222207',
  region: 'us-east-1',
  instanceId: 'i-1',
  state: 'running',
  httpTokens: 'optional',
  hopLimit: 2,
  noTokenCalls: 0,
  rejectedCalls: 0,
  issues: ['allows-imdsv1'],
  ...over,
});

function report(instances: InstanceFinding[], lookbackDays = 21): ReadinessReport {
  return {
    schemaVersion: 1,
    toolVersion: '0.0.0',
    generatedAt: '2026-12-05T00:00:00Z',
    lookbackDays,
    window: { start: '2026-11-14T00:00:00Z', end: '2026-12-05T00:00:00Z' },
    summary: {
      accounts: 1,
      ready: 0,
      atRisk: 0,
      unknown: 0,
      noTokenCalls: 0,
      instancesAllowingImdsv1: instances.length,
      containerHostsHopLimit1: 0,
      templates: 0,
      pinnedGroups: 0,
    },
    accounts: [
      {
        accountId: '222222222207',
        accountName: 'payments-dev',
        verdict: 'ready',
        evidence: [],
        noTokenCalls: 0,
        rejectedCalls: 0,
        regions: [
          {
            region: 'us-east-1',
            noTokenCalls: 0,
            rejectedCalls: 0,
            instancesCalling: 0,
            metrics: 'ok',
          },
        ],
        topInstances: [],
      },
    ],
    instances,
    launchTemplates: [],
    autoScalingGroups: [],
  };
}

describe('readiness table notes say what was seen, not what it promises', () => {
  it('an idle IMDSv1-capable instance: no calls in the window, not "safe"', () => {
    const text = renderReadinessTable(report([instance({ instanceId: 'i-idle' })]), {
      color: false,
    });
    const line = text.split('\n').find((l) => l.includes('i-idle')) ?? '';
    expect(line).toContain('no IMDSv1 calls in 21 days');
    expect(text).not.toMatch(/safe/i);
  });

  it('a container host with hop limit 1: its containers may not get tokens', () => {
    const host = instance({
      instanceId: 'i-ecs',
      httpTokens: 'required',
      hopLimit: 1,
      containerHost: 'ecs',
      issues: ['container-hop-limit-1'],
    });
    const text = renderReadinessTable(report([host]), { color: false });
    const line = text.split('\n').find((l) => l.includes('i-ecs')) ?? '';
    expect(line).toContain('ECS host: containers may not get IMDSv2 tokens');
    expect(text).not.toContain('cannot');
  });
});
