// Broken endpoints (proxies, cut connections): truncated XML/JSON and HTML with the wrong content
// type must surface as an AwsApiError naming service, operation, account and region; a right
// body under a wrong content type (some emulators) is accepted: replies are judged by the body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsGateways } from '../../src/aws/create-aws-gateways.js';
import type { AwsGateways } from '../../src/aws/gateways.js';
import { AwsApiError } from '../../src/errors.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';

let sb: SandboxHandle;
let gw: AwsGateways;

async function malformed(mode: string, operations: string[] = []): Promise<void> {
  const res = await fetch(`${sb.url}/_sandbox/malformed`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode, operations }),
  });
  expect(res.status).toBe(200);
}

async function failure(run: () => Promise<unknown>): Promise<AwsApiError> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(AwsApiError);
    return err as AwsApiError;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0, seed: 1 });
  gw = createAwsGateways({
    env: { ...sb.env },
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    toolVersion: '0.0.0-test',
    memberRole: {
      roleName: 'OrganizationAccountAccessRole',
      sessionName: 'org-guardrails',
      durationSeconds: 3600,
    },
  });
});
afterAll(async () => {
  gw.close?.();
  await sb.close();
});

describe('malformed responses', () => {
  it.each([
    ['truncated', 'truncated XML'],
    ['content-type', 'an HTML page as text/html'],
  ])(
    'given EC2 answering with %s (%s), then the error names ec2, the operation, account and region',
    async (mode) => {
      // Given
      await malformed(mode, ['ec2:GetInstanceMetadataDefaults']);
      // When
      const ec2 = await gw.ec2('222222222205', 'eu-west-1');
      const err = await failure(() => ec2.getInstanceMetadataDefaults());
      // Then
      expect(err.context).toMatchObject({
        service: 'ec2',
        operation: 'GetInstanceMetadataDefaults',
        accountId: '222222222205',
        region: 'eu-west-1',
      });
      expect(err.message).toContain('ec2:GetInstanceMetadataDefaults (222222222205 eu-west-1)');
      await malformed('off');
    },
  );

  it('given Organizations answering with truncated JSON, then the error names organizations and the operation', async () => {
    await malformed('truncated', ['organizations:ListRoots']);
    const err = await failure(() => gw.organizations.listRoots());
    expect(err.context).toMatchObject({ service: 'organizations', operation: 'ListRoots' });
    expect(err.message).toMatch(/^organizations:ListRoots/);
    await malformed('off');
  });

  it('given STS answering with HTML, then the error names sts and AssumeRole for that account', async () => {
    await malformed('content-type', ['sts:AssumeRole']);
    const err = await failure(() => gw.checkAccess('222222222206'));
    expect(err.context).toMatchObject({ service: 'sts', operation: 'AssumeRole' });
    expect(err.message).toContain('222222222206');
    await malformed('off');
  });

  it('given malformed reads during verify, then the sweep completes and reports those targets as errors', async () => {
    // Given: every GetInstanceMetadataDefaults answer is cut in half
    await malformed('truncated', ['ec2:GetInstanceMetadataDefaults']);
    // When
    const run = await runAgainst(sb, tempDir(), ['verify', '--json', '--accounts', '222222222205']);
    await malformed('off');
    // Then: not a crash (exit 1) but findings (exit 2) that carry the error
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toMatch(/GetInstanceMetadataDefaults|Deserializ|parse|XML/i);
  });

  it('given reads that fail during apply, then apply is partial (exit 3) and names the unread targets', async () => {
    // Given: the defaults of every region cannot be read
    await malformed('truncated', ['ec2:GetInstanceMetadataDefaults']);
    // When
    const run = await runAgainst(sb, tempDir(), [
      'apply',
      '--yes',
      '--allow-relaxing',
      '--accounts',
      '222222222205',
    ]);
    await malformed('off');
    // Then: not "No changes." with exit 0 — the unread targets still need an apply
    expect(run.code, run.stderr).toBe(3);
    expect(run.stdout).toContain('Not read');
    expect(run.stdout).toContain('payments-prod (222222222205) us-east-1');
    expect(run.stdout).not.toContain('No changes.');
  });

  it.each([
    ['organizations:ListRoots', () => gw.organizations.listRoots()],
    [
      'ec2:GetInstanceMetadataDefaults',
      async () => (await gw.ec2('222222222205', 'eu-west-1')).getInstanceMetadataDefaults(),
    ],
    // An account no other test assumes into: credentials are cached per gateway.
    ['sts:AssumeRole', () => gw.checkAccess('222222222208')],
  ] as const)(
    'given %s answering its usual body as text/html (an emulator), then the reply is accepted',
    async (operation, call) => {
      // Given: the right body under a wrong content type
      await malformed('mislabelled', [operation]);
      // When / Then: judged by the body, not the header
      try {
        await call();
      } finally {
        await malformed('off');
      }
    },
  );

  it('given an emulator labelling every reply text/html, then verify runs to the end', async () => {
    // Given
    await malformed('mislabelled');
    // When
    const run = await runAgainst(sb, tempDir(), ['verify', '--json', '--accounts', '222222222205']);
    await malformed('off');
    // Then: findings (exit 2, demo drift) read from the mislabelled replies, not a parse error
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).not.toMatch(/MalformedResponse|Deserializ/);
  });

  it('refuses an unknown mode', async () => {
    const res = await fetch(`${sb.url}/_sandbox/malformed`, {
      method: 'PUT',
      body: JSON.stringify({ mode: 'garbage' }),
    });
    expect(res.status).toBe(400);
  });
});
