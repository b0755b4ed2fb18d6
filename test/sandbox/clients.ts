import { EC2Client, RunInstancesCommand, type RunInstancesCommandInput } from '@aws-sdk/client-ec2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { SandboxCredentials, SandboxHandle } from '../../src/sandbox/index.js';

export interface Creds extends SandboxCredentials {
  sessionToken?: string;
}

/** Real SDK clients pointed at the sandbox; one attempt so tests see every error as sent. */
export function clients(sb: SandboxHandle, creds: Creds = sb.credentials, region = sb.region) {
  const common = { endpoint: sb.url, credentials: creds, maxAttempts: 1 };
  return {
    org: new OrganizationsClient({ ...common, region: 'us-east-1' }),
    sts: new STSClient({ ...common, region }),
    ec2: new EC2Client({ ...common, region }),
  };
}

/** Assumes the member role of an account as the management admin. */
export async function assume(
  sb: SandboxHandle,
  accountId: string,
  extra: { DurationSeconds?: number } = {},
): Promise<Creds> {
  const out = await clients(sb).sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
      RoleSessionName: 'test',
      ...extra,
    }),
  );
  const c = out.Credentials!;
  return {
    accessKeyId: c.AccessKeyId!,
    secretAccessKey: c.SecretAccessKey!,
    sessionToken: c.SessionToken!,
  };
}

/** The thrown SDK error's name, status and message (for `expect(...).toMatchObject`). */
export async function failure(promise: Promise<unknown>): Promise<{
  name: string;
  status: number | undefined;
  message: string;
  Reason?: string;
}> {
  try {
    await promise;
  } catch (err) {
    const e = err as {
      name: string;
      message: string;
      Reason?: string;
      $metadata?: { httpStatusCode?: number };
    };
    return {
      name: e.name,
      status: e.$metadata?.httpStatusCode,
      message: e.message,
      ...(e.Reason ? { Reason: e.Reason } : {}),
    };
  }
  throw new Error('expected the call to fail');
}

/** A dry-run RunInstances of one instance with these metadata options (nothing is launched). */
export function dryRunLaunchCommand(
  metadataOptions: NonNullable<RunInstancesCommandInput['MetadataOptions']>,
): RunInstancesCommand {
  return new RunInstancesCommand({
    ImageId: 'ami-12345678',
    MinCount: 1,
    MaxCount: 1,
    DryRun: true,
    MetadataOptions: metadataOptions,
  });
}

/** A dry-run launch as the account's member role: 'allowed', or the code that refused it (SCPs decide before EC2 does). */
export async function dryRunLaunch(
  sb: SandboxHandle,
  accountId: string,
  options: { tokens: 'optional' | 'required'; hops: number },
): Promise<string> {
  const { ec2 } = clients(sb, await assume(sb, accountId));
  const result = await failure(
    ec2.send(
      dryRunLaunchCommand({ HttpTokens: options.tokens, HttpPutResponseHopLimit: options.hops }),
    ),
  );
  return result.name === 'DryRunOperation' ? 'allowed' : result.name;
}
