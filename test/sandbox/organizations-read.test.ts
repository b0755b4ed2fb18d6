import {
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListChildrenCommand,
  ListParentsCommand,
  ListRootsCommand,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListChildren,
  paginateListOrganizationalUnitsForParent,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { assume, clients, failure } from './clients.js';

let sb: SandboxHandle;
let org: ReturnType<typeof clients>['org'];
beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1, pageSize: 3 });
  org = clients(sb).org;
});
afterAll(() => sb.close());

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('Organizations reads', () => {
  it('describes the organization and its root with both policy types enabled', async () => {
    // Given the demo org / When described / Then ids and policy types match the brief
    const { Organization } = await org.send(new DescribeOrganizationCommand({}));
    expect(Organization).toMatchObject({
      Id: 'o-guardrails01',
      MasterAccountId: '111111111111',
      FeatureSet: 'ALL',
    });
    const { Roots } = await org.send(new ListRootsCommand({}));
    expect(Roots?.[0]).toMatchObject({ Id: 'r-gr01', Name: 'Root' });
    expect(Roots?.[0]?.PolicyTypes?.map((t) => t.Type).sort()).toEqual([
      'DECLARATIVE_POLICY_EC2',
      'SERVICE_CONTROL_POLICY',
    ]);
  });

  it('paginates every account with NextToken through the SDK paginator', async () => {
    const pages = await collect(paginateListAccounts({ client: org }, {}));
    expect(pages.length).toBe(5); // 13 accounts, 3 per page
    const accounts = pages.flatMap((p) => p.Accounts ?? []);
    expect(accounts.map((a) => a.Id)).toContain('222222222212');
    const closed = accounts.find((a) => a.Name === 'legacy-closed');
    expect(closed).toMatchObject({ Status: 'SUSPENDED', State: 'SUSPENDED' });
    expect(closed?.JoinedTimestamp).toBeInstanceOf(Date);
  });

  it('walks the OU tree with the paginators', async () => {
    const top = (
      await collect(
        paginateListOrganizationalUnitsForParent({ client: org }, { ParentId: 'r-gr01' }),
      )
    )
      .flatMap((p) => p.OrganizationalUnits ?? [])
      .map((o) => o.Name);
    expect(top).toEqual(['Security', 'Infrastructure', 'Workloads', 'Sandbox']);
    const workloads = (
      await collect(
        paginateListChildren(
          { client: org },
          { ParentId: 'ou-gr01-workloads', ChildType: 'ORGANIZATIONAL_UNIT' },
        ),
      )
    ).flatMap((p) => p.Children ?? []);
    expect(workloads.map((c) => c.Id)).toEqual(['ou-gr01-workloadsprod', 'ou-gr01-workloadsdev']);
    const prod = (
      await collect(
        paginateListAccountsForParent({ client: org }, { ParentId: 'ou-gr01-workloadsprod' }),
      )
    )
      .flatMap((p) => p.Accounts ?? [])
      .map((a) => a.Name);
    expect(prod).toEqual(['payments-prod', 'web-prod', 'data-platform']);
    const { Parents } = await org.send(new ListParentsCommand({ ChildId: '222222222205' }));
    expect(Parents).toEqual([{ Id: 'ou-gr01-workloadsprod', Type: 'ORGANIZATIONAL_UNIT' }]);
    const { Account } = await org.send(new DescribeAccountCommand({ AccountId: '222222222210' }));
    expect(Account).toMatchObject({
      Name: 'sandbox-bob',
      Email: 'sandbox-bob@example.com',
      Status: 'ACTIVE',
    });
  });

  it('refuses unknown ids, bad tokens and missing parameters like AWS', async () => {
    expect(
      await failure(org.send(new DescribeAccountCommand({ AccountId: '999999999999' }))),
    ).toMatchObject({
      name: 'AccountNotFoundException',
      status: 400,
    });
    expect(
      await failure(
        org.send(new ListChildrenCommand({ ParentId: 'ou-gr01-nothere00', ChildType: 'ACCOUNT' })),
      ),
    ).toMatchObject({
      name: 'ParentNotFoundException',
    });
    expect(
      await failure(org.send(new ListAccountsCommand({ NextToken: 'garbage' }))),
    ).toMatchObject({
      name: 'InvalidInputException',
      Reason: 'INVALID_NEXT_TOKEN',
    });
    expect(
      await failure(org.send(new ListChildrenCommand({ ParentId: 'r-gr01' } as never))),
    ).toMatchObject({
      name: 'InvalidInputException',
      Reason: 'INPUT_REQUIRED',
    });
    expect(
      await failure(
        org.send(new ListChildrenCommand({ ParentId: 'r-gr01', ChildType: 'BOGUS' as never })),
      ),
    ).toMatchObject({
      name: 'InvalidInputException',
      Reason: 'INVALID_ENUM',
    });
  });

  it('answers member accounts with AccessDeniedException', async () => {
    const member = clients(sb, await assume(sb, '222222222201')).org;
    expect(await failure(member.send(new ListRootsCommand({})))).toEqual({
      name: 'AccessDeniedException',
      status: 400,
      message: "You don't have permissions to access this resource.",
    });
  });
});
