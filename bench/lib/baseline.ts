/**
 * The baseline: the sequential loop a hand-written script does (the way IMDSv2 is commonly rolled
 * out without this tool): list the accounts, then one account after another
 * AssumeRole, and one region after another Get + Modify + Get of the instance metadata defaults.
 * Same SDK, same endpoint. Large sizes are measured on the first `sample` accounts and
 * extrapolated linearly (the loop is strictly sequential, so time per account is constant).
 */
import {
  DescribeRegionsCommand,
  EC2Client,
  GetInstanceMetadataDefaultsCommand,
  ModifyInstanceMetadataDefaultsCommand,
} from '@aws-sdk/client-ec2';
import { OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

export interface BaselineResult {
  accounts: number;
  sampled: number;
  listMs: number;
  sampleMs: number;
  calls: number;
  /** listMs + sampleMs / sampled × accounts. */
  estimatedMs: number;
  extrapolated: boolean;
}

export async function runBaseline(
  env: Record<string, string>,
  sample: number,
): Promise<BaselineResult> {
  const endpoint = env.AWS_ENDPOINT_URL ?? '';
  const credentials = {
    accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
  };
  const base = { endpoint, credentials, region: 'us-east-1' };
  const orgs = new OrganizationsClient(base);
  const sts = new STSClient(base);
  let calls = 0;

  const listStart = performance.now();
  const ids: string[] = [];
  for await (const page of paginateListAccounts({ client: orgs }, {})) {
    calls += 1;
    for (const a of page.Accounts ?? []) if (a.Id && a.Status === 'ACTIVE') ids.push(a.Id);
  }
  const listMs = performance.now() - listStart;
  const members = ids.filter((id) => id !== '111111111111');
  const sampled = members.slice(0, Math.max(1, sample));

  const sampleStart = performance.now();
  for (const id of sampled) {
    const assumed = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${id}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'seed-loop',
      }),
    );
    calls += 1;
    const c = assumed.Credentials;
    const memberCreds = {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    };
    const home = new EC2Client({ endpoint, credentials: memberCreds, region: 'us-east-1' });
    const regions = await home.send(new DescribeRegionsCommand({}));
    calls += 1;
    home.destroy();
    for (const r of regions.Regions ?? []) {
      const ec2 = new EC2Client({ endpoint, credentials: memberCreds, region: r.RegionName ?? '' });
      await ec2.send(new GetInstanceMetadataDefaultsCommand({}));
      await ec2.send(
        new ModifyInstanceMetadataDefaultsCommand({
          HttpTokens: 'required',
          HttpPutResponseHopLimit: 2,
        }),
      );
      await ec2.send(new GetInstanceMetadataDefaultsCommand({}));
      calls += 3;
      ec2.destroy();
    }
  }
  const sampleMs = performance.now() - sampleStart;
  orgs.destroy();
  sts.destroy();
  return {
    accounts: members.length,
    sampled: sampled.length,
    listMs,
    sampleMs,
    calls,
    estimatedMs: listMs + (sampleMs / sampled.length) * members.length,
    extrapolated: sampled.length < members.length,
  };
}
