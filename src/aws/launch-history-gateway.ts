/**
 * CloudTrail event history of one account × region: every launch record in a window — a paged
 * lookup per launch call (LookupEvents, 50 a page, one lookup attribute per call:
 * EventName=RunInstances, then EventName=CreateFleet) — each record handed to the caller and
 * dropped. LookupEvents allows 2 requests per second per account per region: calls through one
 * gateway, both lookups included, are spaced 500 ms apart, and throttling that still happens is
 * retried by the SDK's retry strategy (client-factory.ts) like every other call.
 */
import { type CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { LAUNCH_EVENT_NAMES } from '../core/launch/types.js';
import type { LaunchHistoryGateway } from './gateways.js';
import { callAwsRefreshing } from './map-aws-error.js';

export const LOOKUP_EVENTS_INTERVAL_MS = 500;
const PAGE_SIZE = 50;

export interface LaunchHistoryGatewayOptions {
  accountId: string;
  region: string;
  client: () => CloudTrailClient;
  invalidateCredentials?: () => void;
  /** Injected for tests; real time otherwise. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export function createLaunchHistoryGateway(
  options: LaunchHistoryGatewayOptions,
): LaunchHistoryGateway {
  const { accountId, region } = options;
  const now = options.now ?? Date.now;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let client: CloudTrailClient | undefined;
  let lastCall = Number.NEGATIVE_INFINITY;

  async function paced<T>(run: () => Promise<T>, pace = sleep): Promise<T> {
    const wait = lastCall + LOOKUP_EVENTS_INTERVAL_MS - now();
    if (wait > 0) await pace(wait);
    lastCall = now();
    return run();
  }

  return {
    accountId,
    region,
    async launchRecords(window, onRecord, onPage, pace) {
      let pages = 0;
      for (const eventName of LAUNCH_EVENT_NAMES) {
        pages += await lookup(eventName, window, onRecord, onPage, pace);
      }
      return pages;
    },
  };

  async function lookup(
    eventName: string,
    window: { start: Date; end: Date },
    onRecord: (record: unknown) => void,
    onPage?: () => void,
    pace?: (ms: number) => Promise<void>,
  ): Promise<number> {
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await callAwsRefreshing(
        { service: 'cloudtrail', operation: 'LookupEvents', accountId, region },
        () =>
          paced(() => {
            client ??= options.client();
            return client.send(
              new LookupEventsCommand({
                LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: eventName }],
                StartTime: window.start,
                EndTime: window.end,
                MaxResults: PAGE_SIZE,
                ...(token ? { NextToken: token } : {}),
              }),
            );
          }, pace),
        options.invalidateCredentials &&
          (() => {
            options.invalidateCredentials?.();
            client = undefined;
          }),
      );
      pages++;
      for (const e of page.Events ?? []) {
        if (!e.CloudTrailEvent) continue;
        let record: unknown;
        try {
          record = JSON.parse(e.CloudTrailEvent);
        } catch {
          continue; // A record that is not JSON cannot be judged; skip it rather than fail the sweep.
        }
        onRecord(record);
      }
      onPage?.();
      token = page.NextToken;
    } while (token);
    return pages;
  }
}
