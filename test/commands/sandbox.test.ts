import { PassThrough } from 'node:stream';
import { EC2Client, GetInstanceMetadataDefaultsCommand } from '@aws-sdk/client-ec2';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';

/** Starts `guardrails <argv>` in-process and resolves once stdout has the four export lines. */
function startCommand(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const controller = new AbortController();
  let announce: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    announce = resolve;
  });
  const done = runCli(argv, {
    stdout: {
      write: (chunk: string) => {
        stdout += chunk;
        if (stdout.split('\n').filter((l) => l.startsWith('export ')).length === 4) announce();
      },
    },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    stdin: new PassThrough(),
    env: { CI: '1', NO_COLOR: '1' },
    cwd: process.cwd(),
    signal: controller.signal,
  });
  return { ready, done, stop: () => controller.abort(), out: () => ({ stdout, stderr }) };
}

function parseExports(stdout: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const match = /^export ([A-Z_]+)=(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) env[match[1]] = match[2];
  }
  return env;
}

describe('guardrails sandbox', () => {
  it('prints env lines that work with the SDK, status on stderr, and stops on abort', async () => {
    // Given the command running on a free port
    const run = startCommand(['sandbox', '--port', '0', '--scenario', 'demo', '--seed', '3']);
    await run.ready;
    const env = parseExports(run.out().stdout);
    expect(Object.keys(env)).toEqual([
      'AWS_ENDPOINT_URL',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_REGION',
    ]);
    expect(run.out().stderr).toMatch(/scenario demo \(13 accounts/);
    // When the SDK uses exactly those values
    const config = {
      region: env.AWS_REGION,
      endpoint: env.AWS_ENDPOINT_URL,
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
      },
      maxAttempts: 1,
    };
    // Then Organizations, STS and EC2 answer as the demo organization
    const org = await new OrganizationsClient(config).send(new DescribeOrganizationCommand({}));
    expect(org.Organization?.Id).toBe('o-guardrails01');
    const assumed = await new STSClient(config).send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::222222222203:role/OrganizationAccountAccessRole',
        RoleSessionName: 'cli',
      }),
    );
    const ec2 = new EC2Client({
      ...config,
      credentials: {
        accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
        secretAccessKey: assumed.Credentials?.SecretAccessKey ?? '',
        sessionToken: assumed.Credentials?.SessionToken ?? '',
      },
    });
    expect(
      (await ec2.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel
        ?.HttpPutResponseHopLimit,
    ).toBe(1);
    run.stop();
    expect(await run.done).toBe(0);
    expect(run.out().stderr).toMatch(/stopped/);
  });

  it('starts the large scenario with --accounts and --regions', async () => {
    const run = startCommand([
      'sandbox',
      '--port',
      '0',
      '--scenario',
      'large',
      '--accounts',
      '40',
      '--regions',
      '2',
    ]);
    await run.ready;
    expect(run.out().stderr).toMatch(/scenario large \(41 accounts/);
    run.stop();
    expect(await run.done).toBe(0);
  });

  it('names the flag to pass when the port is taken', async () => {
    const first = startCommand(['sandbox', '--port', '0']);
    await first.ready;
    const port = new URL(parseExports(first.out().stdout).AWS_ENDPOINT_URL ?? '').port;
    const second = startCommand(['sandbox', '--port', port]);
    expect(await second.done).toBe(1);
    expect(second.out().stderr).toMatch(/already in use[\s\S]*--port 0/);
    first.stop();
    expect(await first.done).toBe(0);
  });

  it('rejects bad flag values with a usage error', async () => {
    const run = startCommand(['sandbox', '--port', '0', '--fail-rate', '2']);
    expect(await run.done).toBe(1);
    expect(run.out().stderr).toMatch(/--fail-rate/);
  });
});
