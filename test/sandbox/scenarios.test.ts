import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { ListRootsCommand, paginateListAccounts } from '@aws-sdk/client-organizations';
import { describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { assume, clients } from './clients.js';

async function withSandbox<T>(
  options: Parameters<typeof startSandbox>[0],
  run: (sb: SandboxHandle) => Promise<T>,
): Promise<T> {
  const sb = await startSandbox(options);
  try {
    return await run(sb);
  } finally {
    await sb.close();
  }
}

async function imdsSnapshot(sb: SandboxHandle, accounts: string[], regions: string[]) {
  const out: string[] = [];
  for (const a of accounts)
    for (const r of regions) out.push(JSON.stringify((await sb.admin.getImds(a, r)).account));
  return out;
}

describe('large scenario', () => {
  it('generates N accounts with the first M regions (us-east-1 first), pages of 20, and seeded drift', async () => {
    // Given 45 accounts × 3 regions / When listed through the SDK / Then 46 accounts in pages of 20
    const first = await withSandbox(
      { scenario: 'large', accounts: 45, regions: 3, seed: 9 },
      async (sb) => {
        const org = clients(sb).org;
        const pages: number[] = [];
        for await (const page of paginateListAccounts({ client: org }, {}))
          pages.push(page.Accounts?.length ?? 0);
        expect(pages).toEqual([20, 20, 6]);
        const member = (await sb.admin.accounts())[1];
        expect(member?.enabledRegions.sort()).toEqual([
          'ap-northeast-1',
          'ap-northeast-2',
          'us-east-1',
        ]);
        const ec2 = clients(sb, await assume(sb, member?.id ?? ''), 'us-east-1').ec2;
        expect((await ec2.send(new DescribeRegionsCommand({}))).Regions).toHaveLength(3);
        const ids = (await sb.admin.accounts()).slice(1, 11).map((a) => a.id);
        return imdsSnapshot(sb, ids, ['us-east-1', 'ap-northeast-1']);
      },
    );
    expect(new Set(first).size).toBeGreaterThan(1); // drift: not every region is the same
    const again = await withSandbox(
      { scenario: 'large', accounts: 45, regions: 3, seed: 9 },
      async (sb) =>
        imdsSnapshot(
          sb,
          (await sb.admin.accounts()).slice(1, 11).map((a) => a.id),
          ['us-east-1', 'ap-northeast-1'],
        ),
    );
    expect(again).toEqual(first);
  });
});

describe('empty scenario', () => {
  it('has only the management account and a root without enabled policy types', async () => {
    await withSandbox({ scenario: 'empty' }, async (sb) => {
      expect((await sb.admin.accounts()).map((a) => a.id)).toEqual(['111111111111']);
      const { Roots } = await clients(sb).org.send(new ListRootsCommand({}));
      expect(Roots?.[0]?.PolicyTypes).toEqual([]);
    });
  });
});
