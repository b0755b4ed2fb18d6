import type { CallContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import { epochSeconds } from '../../protocol/json.js';
import { eventTime, type SbTrailEvent, trailEvents } from '../../state/trail.js';
import type { JsonInput } from '../types.js';

/** Event history keeps 90 days (CloudTrail User Guide, "Working with CloudTrail event history"). */
const HISTORY_MS = 90 * 86_400_000;
const MAX_RESULTS = 50;
const ATTRIBUTE_KEYS = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
] as const;
type AttributeKey = (typeof ATTRIBUTE_KEYS)[number];

function invalid(code: string, message: string): AwsError {
  return new AwsError(code, 400, message);
}

function seconds(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid('SerializationException', `${name} must be a timestamp in epoch seconds.`);
  }
  return value * 1000;
}

function attribute(input: JsonInput): { key: AttributeKey; value: string } | undefined {
  const raw = input.LookupAttributes;
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw))
    throw invalid('SerializationException', 'LookupAttributes must be a list.');
  if (raw.length === 0) return undefined;
  if (raw.length > 1) {
    throw invalid('InvalidLookupAttributesException', 'You can only specify one lookup attribute.');
  }
  const a = raw[0] as { AttributeKey?: unknown; AttributeValue?: unknown };
  const key = a.AttributeKey;
  if (typeof key !== 'string' || !(ATTRIBUTE_KEYS as readonly string[]).includes(key)) {
    throw invalid('InvalidLookupAttributesException', `Invalid attribute key: ${String(key)}.`);
  }
  if (typeof a.AttributeValue !== 'string' || a.AttributeValue === '') {
    throw invalid('InvalidLookupAttributesException', 'AttributeValue must not be empty.');
  }
  return { key: key as AttributeKey, value: a.AttributeValue };
}

function matches(e: SbTrailEvent, a: { key: AttributeKey; value: string }): boolean {
  switch (a.key) {
    case 'EventId':
      return e.eventId === a.value;
    case 'EventName':
      return e.eventName === a.value;
    case 'ReadOnly':
      return String(e.readOnly) === a.value;
    case 'Username':
      return e.username === a.value;
    case 'EventSource':
      return e.eventSource === a.value;
    case 'AccessKeyId':
      return e.accessKeyId === a.value;
    case 'ResourceType':
      return e.resources.some((r) => r.type === a.value);
    case 'ResourceName':
      return e.resources.some((r) => r.name === a.value);
  }
}

interface Cursor {
  scope: string;
  t: number;
  id: string;
}

function decodeToken(token: unknown, scope: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as Cursor;
    if (c.scope === scope && typeof c.t === 'number' && typeof c.id === 'string') return c;
  } catch {
    // falls through to the error
  }
  throw invalid('InvalidNextTokenException', 'The token is not valid for these parameters.');
}

/** `2026-12-05T10:00:00Z`: CloudTrail records carry whole seconds. */
function iso(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/**
 * LookupEvents: the caller's account × the signed region, newest first, at most 50 per page
 * (the sandbox page size when smaller), one lookup attribute, the time range within the 90 days
 * kept. NextToken is bound to the parameters and resumes after the last record returned, so
 * records added meanwhile (newer) do not shift the pages.
 */
export function lookupEvents(ctx: CallContext, input: JsonInput): unknown {
  const now = ctx.sandbox.now();
  const max = input.MaxResults;
  if (max !== undefined && max !== null) {
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > MAX_RESULTS) {
      throw invalid('InvalidMaxResultsException', 'MaxResults must be from 1 to 50.');
    }
  }
  const filter = attribute(input);
  const start = Math.max(seconds(input.StartTime, 'StartTime') ?? 0, now - HISTORY_MS);
  const end = seconds(input.EndTime, 'EndTime') ?? now;
  if (input.StartTime !== undefined && input.EndTime !== undefined && start > end) {
    throw invalid('InvalidTimeRangeException', 'Start time must not be after end time.');
  }
  if (input.EventCategory !== undefined && input.EventCategory !== 'insight') {
    throw invalid('InvalidEventCategoryException', 'EventCategory must be insight.');
  }
  const scope = JSON.stringify([
    ctx.identity.accountId,
    ctx.region,
    filter,
    input.StartTime,
    input.EndTime,
  ]);
  const cursor =
    input.NextToken !== undefined && input.NextToken !== null && input.NextToken !== ''
      ? decodeToken(input.NextToken, scope)
      : undefined;
  // Insights events are not modelled: an insight lookup finds none.
  const source =
    input.EventCategory === 'insight'
      ? []
      : trailEvents(ctx.sandbox.world, ctx.identity.accountId, ctx.region);
  const found = source
    .map((e) => ({ e, t: eventTime(ctx.sandbox.world, e, now) }))
    .filter(({ e, t }) => t >= start && t <= end && (!filter || matches(e, filter)))
    .sort((a, b) => b.t - a.t || (a.e.eventId < b.e.eventId ? 1 : -1))
    .filter(({ e, t }) => !cursor || t < cursor.t || (t === cursor.t && e.eventId < cursor.id));
  const size = Math.min(ctx.sandbox.pageSize, typeof max === 'number' ? max : MAX_RESULTS);
  const page = found.slice(0, size);
  const last = page[page.length - 1];
  const out: { Events: unknown[]; NextToken?: string } = {
    Events: page.map(({ e, t }) => ({
      EventId: e.eventId,
      EventName: e.eventName,
      ReadOnly: String(e.readOnly),
      ...(e.accessKeyId ? { AccessKeyId: e.accessKeyId } : {}),
      EventTime: epochSeconds(Math.floor(t / 1000) * 1000),
      EventSource: e.eventSource,
      ...(e.username ? { Username: e.username } : {}),
      Resources: e.resources.map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
      CloudTrailEvent: JSON.stringify({
        eventVersion: '1.10',
        ...e.record,
        eventTime: iso(t),
        eventSource: e.eventSource,
        eventName: e.eventName,
        awsRegion: ctx.region,
        eventID: e.eventId,
        readOnly: e.readOnly,
        eventType: 'AwsApiCall',
        managementEvent: true,
        recipientAccountId: ctx.identity.accountId,
        eventCategory: 'Management',
      }),
    })),
  };
  if (last && found.length > size) {
    out.NextToken = Buffer.from(JSON.stringify({ scope, t: last.t, id: last.e.eventId })).toString(
      'base64url',
    );
  }
  return out;
}
