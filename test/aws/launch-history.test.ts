// The CloudTrail launch history gateway against the sandbox: member role, paging, pacing,
// throttling retried by the SDK, access denied as a typed error.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAwsGateways } from '../../src/aws/create-aws-gateways.js';
import type { AwsGateways } from '../../src/aws/gateways.js';
import { createLaunchHistoryGateway } from '../../src/aws/launch-history-gateway.js';
import { AwsApiError } from '../../src/errors.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';

let sb: SandboxHandle;
let gw: AwsGateways;

function gateways(retry = { maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 400 }): AwsGateways {
  return createAwsGateways({
    env: { ...sb.env },
    retry,
    toolVersion: '0.0.0-test',
    memberRole: {
      roleName: 'OrganizationAccountAccessRole',
      sessionName: 'org-guardrails',
      durationSeconds: 3600,
    },
  });
}

beforeEach(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1, pageSize: 2, throttling: 'aws' });
  gw = gateways();
});
afterEach(async () => {
  gw.close?.();
  await sb.close();
});

const WEEK = { start: new Date(Date.now() - 7 * 86_400_000), end: new Date(Date.now() + 60_000) };

describe('launch history gateway', () => {
  it('reads every RunInstances and then every CreateFleet record of a member account × region, page by page, spaced for the quota', async () => {
    const history = await gw.launchHistory!('222222222208', 'us-east-1');
    const records: { eventName?: string }[] = [];
    let pages = 0;
    const started = Date.now();
    const read = await history.launchRecords(
      WEEK,
      (r) => records.push(r as { eventName?: string }),
      () => pages++,
    );
    // 9 RunInstances (5 pages of 2) first, then Karpenter's 4 instant CreateFleet (2 pages).
    expect(records.map((r) => r.eventName)).toEqual([
      ...Array(9).fill('RunInstances'),
      ...Array(4).fill('CreateFleet'),
    ]);
    expect(read).toBe(7);
    expect(pages).toBe(7);
    // 7 pages at most 2 per second, both lookups sharing the pace: at least 6 gaps of 500 ms,
    // and no throttling was needed.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    const { operations } = await sb.admin.counters();
    expect(operations['cloudtrail:LookupEvents']?.calls).toBe(7);
    expect(operations['cloudtrail:LookupEvents']?.errors.ThrottlingException ?? 0).toBe(0);
  });

  it('retries ThrottlingException (SDK retry strategy) until the page is read', async () => {
    await sb.admin.setFaults({ throttleRate: 0.5, faultOperations: ['cloudtrail:LookupEvents'] });
    const history = await gw.launchHistory!('222222222208', 'us-west-2');
    const records: unknown[] = [];
    await history.launchRecords(WEEK, (r) => records.push(r));
    expect(records).toHaveLength(1);
  });

  it('maps what the SDK throws to a typed AwsApiError (AccessDeniedException)', async () => {
    const history = createLaunchHistoryGateway({
      accountId: '222222222208',
      region: 'us-east-1',
      client: () => {
        throw Object.assign(new Error('not authorized'), {
          name: 'AccessDeniedException',
          $metadata: { httpStatusCode: 400 },
        });
      },
    });
    const err = await history.launchRecords(WEEK, () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsApiError);
    expect((err as AwsApiError).awsCode).toBe('AccessDeniedException');
  });
});
