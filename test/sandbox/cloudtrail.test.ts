import {
  CloudTrailClient,
  LookupEventsCommand,
  paginateLookupEvents,
} from '@aws-sdk/client-cloudtrail';
import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { assume, type Creds, clients, failure } from './clients.js';

let sb: SandboxHandle;
let webDev: Creds;
const RUN_INSTANCES = [{ AttributeKey: 'EventName' as const, AttributeValue: 'RunInstances' }];

beforeEach(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1, throttling: 'off' });
  webDev = await assume(sb, '222222222208');
});
afterEach(() => sb.close());

function ct(creds: Creds, region = 'us-east-1') {
  return new CloudTrailClient({ endpoint: sb.url, region, credentials: creds, maxAttempts: 1 });
}

async function all(client: CloudTrailClient, input: object = {}) {
  const events = [];
  let pages = 0;
  for await (const page of paginateLookupEvents({ client }, input)) {
    pages++;
    events.push(...(page.Events ?? []));
  }
  return { events, pages };
}

describe('sandbox CloudTrail LookupEvents (JSON 1.1, real SDK)', () => {
  it('pages the event history newest first, filtered by event name, records as JSON strings', async () => {
    const { events, pages } = await all(ct(webDev), { LookupAttributes: RUN_INSTANCES });
    // web-dev us-east-1: 3 Karpenter dry runs, 4 fleet launches, 2 Auto Scaling launches.
    expect(events).toHaveLength(9);
    expect(pages).toBeGreaterThan(1); // demo page size is 5
    expect(events.every((e) => e.EventName === 'RunInstances')).toBe(true);
    const times = events.map((e) => e.EventTime!.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(new Set(events.map((e) => e.EventId)).size).toBe(9);
    const record = JSON.parse(events[0]!.CloudTrailEvent!);
    expect(record).toMatchObject({
      eventName: 'RunInstances',
      awsRegion: 'us-east-1',
      recipientAccountId: '222222222208',
      eventSource: 'ec2.amazonaws.com',
    });
    expect(record.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('serves EventName=CreateFleet: the instant fleets Karpenter asked for, as CloudTrail writes them', async () => {
    const { events } = await all(ct(webDev), {
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateFleet' }],
    });
    expect(events).toHaveLength(4);
    const record = JSON.parse(events[0]!.CloudTrailEvent!);
    expect(record).toMatchObject({
      eventName: 'CreateFleet',
      userIdentity: { type: 'AssumedRole' },
      requestParameters: {
        CreateFleetRequest: {
          Type: 'instant',
          LaunchTemplateConfigs: {
            LaunchTemplateSpecification: { LaunchTemplateId: 'lt-0karpenter00000001' },
          },
        },
      },
    });
    expect(record.requestParameters.CreateFleetRequest.MetadataOptions).toBeUndefined();
  });

  it('answers AccessDeniedException when the member role is denied cloudtrail:LookupEvents (principalDenies)', async () => {
    await sb.admin.setFaults({
      principalDenies: [
        { accountId: '222222222208', kind: 'identity-policy', action: 'cloudtrail:Lookup*' },
      ],
    });
    const denied = await failure(ct(webDev).send(new LookupEventsCommand({})));
    expect(denied).toMatchObject({ name: 'AccessDeniedException', status: 400 });
    expect(denied.message).toMatch(
      /^User: arn:aws:sts::222222222208:assumed-role\/OrganizationAccountAccessRole\/\S+ is not authorized to perform: cloudtrail:LookupEvents with an explicit deny in an identity-based policy$/,
    );
    // Another account's role is not affected.
    const webProd = await assume(sb, '222222222206');
    await expect(ct(webProd).send(new LookupEventsCommand({}))).resolves.toBeDefined();
  });

  it('without a filter returns the other events too; the time range narrows it', async () => {
    const everything = await all(ct(webDev));
    expect(everything.events.map((e) => e.EventName)).toContain('CreateLaunchTemplate');
    const now = Date.now();
    const recent = await all(ct(webDev), {
      LookupAttributes: RUN_INSTANCES,
      StartTime: new Date(now - 24 * 3_600_000),
      EndTime: new Date(now + 60_000),
    });
    // 3 h, 4 h and 6 h ago.
    expect(recent.events).toHaveLength(3);
  });

  it('sees only the caller account and the signed region', async () => {
    const west = await all(ct(webDev, 'us-west-2'), { LookupAttributes: RUN_INSTANCES });
    expect(west.events).toHaveLength(1);
    const prod = await all(ct(await assume(sb, '222222222206')), {
      LookupAttributes: RUN_INSTANCES,
    });
    expect(
      prod.events.every(
        (e) => JSON.parse(e.CloudTrailEvent!).recipientAccountId === '222222222206',
      ),
    ).toBe(true);
  });

  it('refuses two lookup attributes, MaxResults above 50, an inverted range and a foreign token', async () => {
    const client = ct(webDev);
    expect(
      await failure(
        client.send(
          new LookupEventsCommand({
            LookupAttributes: [...RUN_INSTANCES, { AttributeKey: 'Username', AttributeValue: 'x' }],
          }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidLookupAttributesException', status: 400 });
    expect(await failure(client.send(new LookupEventsCommand({ MaxResults: 51 })))).toMatchObject({
      name: 'InvalidMaxResultsException',
    });
    expect(
      await failure(
        client.send(
          new LookupEventsCommand({
            StartTime: new Date(2_000_000_000_000),
            EndTime: new Date(1_900_000_000_000),
          }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidTimeRangeException' });
    const first = await client.send(new LookupEventsCommand({ LookupAttributes: RUN_INSTANCES }));
    expect(first.NextToken).toBeDefined();
    expect(
      await failure(client.send(new LookupEventsCommand({ NextToken: first.NextToken }))),
    ).toMatchObject({ name: 'InvalidNextTokenException' });
  });

  it('throttles above 2 requests per second per account and region with aws rates', async () => {
    await sb.admin.setFaults({ throttling: 'aws' });
    const client = ct(webDev);
    const answers = await Promise.allSettled(
      Array.from({ length: 4 }, () => client.send(new LookupEventsCommand({ MaxResults: 1 }))),
    );
    const refused = answers.filter((a) => a.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    expect((refused[0] as PromiseRejectedResult).reason.name).toBe('ThrottlingException');
  });

  it("records the sandbox's own RunInstances, refused ones included, with the caller's user agent", async () => {
    const prod = await assume(sb, '222222222205'); // Prod carries DenyIMDSv1
    const ec2 = clients(sb, prod).ec2;
    await failure(
      ec2.send(
        new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', MinCount: 1, MaxCount: 1 }),
      ),
    );
    const { events } = await all(ct(prod), { LookupAttributes: RUN_INSTANCES });
    const records = events.map((e) => JSON.parse(e.CloudTrailEvent!));
    const mine = records.find((r) => r.requestID && !String(r.requestID).startsWith('seed-'));
    expect(mine).toMatchObject({
      errorCode: 'Client.UnauthorizedOperation',
      userIdentity: {
        type: 'AssumedRole',
        sessionContext: {
          sessionIssuer: { arn: 'arn:aws:iam::222222222205:role/OrganizationAccountAccessRole' },
        },
      },
      requestParameters: { instancesSet: { items: [{ imageId: 'ami-0abcdef1234567890' }] } },
    });
    expect(mine.userAgent).toMatch(/aws-sdk-js/);
    expect(mine.requestParameters.metadataOptions).toBeUndefined();
  });
});
