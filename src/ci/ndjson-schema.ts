/**
 * The documented schema of `--json` progress: one JSON object per line on stdout, each a
 * GuardrailsEvent plus `v` (schema version) and `ts` (ISO-8601 time). docs/schemas/events.schema.json
 * is generated from this file (`npm run schema:events`); a test keeps both in step.
 */

import { z } from 'zod';
import { CHANGE_KIND_NAMES } from '../core/plan/change-kinds.js';
import { STEP_NAMES } from '../events/steps.js';
import type { GuardrailsEvent } from '../events/types.js';
import type { Same } from '../report/type-guards.js';

export const NDJSON_SCHEMA_VERSION = 1;

const stepName = z.enum(STEP_NAMES);

const changeKind = z.enum(CHANGE_KIND_NAMES);

const count = z.number().int().min(0);

const statusCounts = z.object({
  compliant: count,
  drift: count,
  'managed-by-declarative-policy': count,
  unreachable: count,
  error: count,
  excepted: count.optional(),
  suspended: count.optional(),
  total: count,
});

const planSummary = z.object({
  toChange: count,
  unchanged: count,
  skipped: count,
  byKind: z.partialRecord(changeKind, count),
  relaxing: count
    .optional()
    .describe('Changes that loosen a protection (absent: none): they need --allow-relaxing.'),
});

const gatedAccount = z.object({
  accountId: z.string(),
  accountName: z.string(),
  changes: count,
  evidence: z.array(z.string()),
});

const envelope = {
  v: z.literal(NDJSON_SCHEMA_VERSION).describe('Schema version of this line.'),
  ts: z.iso.datetime().describe('When the event happened (UTC, ISO-8601).'),
};

/**
 * One member per event type; `plan.ready` and `plan.revised` carry only the summary (use
 * `plan --json` for the plan).
 */
export const ndjsonEventSchema = z
  .discriminatedUnion('type', [
    z.object({
      ...envelope,
      type: z.literal('step.started'),
      step: stepName,
      title: z.string(),
    }),
    z.object({
      ...envelope,
      type: z.literal('step.finished'),
      step: stepName,
      status: z.enum(['ok', 'failed', 'skipped']),
      summary: z.string().optional(),
      findings: z
        .number()
        .int()
        .min(0)
        .optional()
        .describe('The step ran and found this many findings (exit code 2).'),
    }),
    z.object({
      ...envelope,
      type: z.literal('preflight.identity'),
      caller: z.object({ accountId: z.string(), arn: z.string(), userId: z.string() }),
      organizationId: z.string(),
      managementAccountId: z.string(),
      configFile: z.string().optional(),
    }),
    z.object({
      ...envelope,
      type: z.literal('discover.progress'),
      ous: count,
      accounts: count,
      reachable: count,
      unreachable: count,
      regions: count,
    }),
    z.object({ ...envelope, type: z.literal('sweep.progress'), done: count, total: count }),
    z.object({ ...envelope, type: z.literal('plan.ready'), summary: planSummary }),
    z.object({
      ...envelope,
      type: z.literal('plan.revised'),
      summary: planSummary.describe(
        'The plan the run will execute, made again around the accounts it holds out.',
      ),
      planned: count.describe('The changes plan.ready counted, before the holds.'),
    }),
    z.object({
      ...envelope,
      type: z.literal('wave.started'),
      wave: z.string(),
      index: count,
      total: count,
      changes: count,
      accounts: z
        .array(z.object({ accountId: z.string(), accountName: z.string(), changes: count }))
        .optional(),
    }),
    z.object({
      ...envelope,
      type: z.literal('wave.finished'),
      wave: z.string(),
      succeeded: count,
      failed: count,
      skipped: count,
    }),
    z.object({
      ...envelope,
      type: z.literal('change.started'),
      changeId: z.string(),
      kind: changeKind,
      label: z.string(),
      accountId: z.string().optional(),
      region: z.string().optional(),
    }),
    z.object({
      ...envelope,
      type: z.literal('change.retrying'),
      changeId: z.string(),
      attempt: count,
      delayMs: count,
      code: z.string(),
    }),
    z.object({ ...envelope, type: z.literal('change.succeeded'), changeId: z.string() }),
    z.object({
      ...envelope,
      type: z.literal('change.failed'),
      changeId: z.string(),
      code: z.string(),
      message: z.string(),
    }),
    z.object({
      ...envelope,
      type: z.literal('change.skipped'),
      changeId: z.string(),
      reason: z.string(),
    }),
    z.object({
      ...envelope,
      type: z.literal('run.finished'),
      succeeded: count,
      failed: count,
      skipped: count,
      durationMs: z.number().min(0),
      journal: z.string().optional(),
      resumeCommand: z.string().optional(),
    }),
    z.object({
      ...envelope,
      type: z.literal('readiness.gated'),
      lane: z
        .literal('scp')
        .optional()
        .describe(
          'scp: launches the SCP would refuse — held out of the SCP only; absent: IMDSv1 calls — held out of every lane.',
        ),
      held: z.array(gatedAccount).describe('At-risk accounts held out: none of their changes ran.'),
      overridden: z
        .array(gatedAccount)
        .describe(
          'At-risk accounts let in (--allow-at-risk, readiness.allowAtRisk, or the prompt).',
        ),
    }),
    z.object({
      ...envelope,
      type: z.literal('launches.previewed'),
      policy: z.string().nullable().describe('The SCP evaluated; null when the config has none.'),
      lookbackDays: count,
      launches: count,
      refused: count.describe('Launches that work today and the SCP would refuse.'),
      unknown: count,
      accountsWithRefusals: count,
      principals: z
        .array(
          z.object({
            accountId: z.string(),
            accountName: z.string(),
            principal: z.string(),
            launcher: z.string(),
            verdict: z.enum(['refused', 'unknown', 'already-refused', 'allowed', 'not-subject']),
            launches: count,
            refused: count,
            fix: z.string(),
          }),
        )
        .describe('At most 10, refusals first (the readiness report has all).'),
      lookupDenied: z
        .array(
          z.object({
            accountId: z.string(),
            accountName: z.string(),
            regions: z.array(z.string()),
          }),
        )
        .describe(
          'Accounts whose member role may not call cloudtrail:LookupEvents, with the regions: their launches are not previewed (fix: guardrails permissions).',
        ),
    }),
    z.object({ ...envelope, type: z.literal('verify.finished'), counts: statusCounts }),
    z.object({
      ...envelope,
      type: z.literal('report.written'),
      format: z.string(),
      path: z.string(),
    }),
    z.object({
      ...envelope,
      type: z.literal('log'),
      level: z.enum(['info', 'warn', 'error']),
      message: z.string(),
      detail: z.string().optional().describe('A line to show whole (e.g. a config line to paste).'),
    }),
    z.object({ ...envelope, type: z.literal('heartbeat'), message: z.string() }),
  ])
  .describe('One line of `guardrails --json` progress output (NDJSON).');

export type NdjsonEvent = z.infer<typeof ndjsonEventSchema>;

/**
 * What JSON.stringify keeps of a value, every member required so that types compare exactly:
 * a member that may be `undefined` (its key dropped) is marked `Absent`; arrays and objects
 * recursively.
 */
declare const absent: unique symbol;
type Absent = typeof absent;
export type Json<T> = T extends readonly (infer U)[]
  ? Json<U>[]
  : T extends object
    ? {
        [K in keyof T]-?: undefined extends T[K]
          ? Json<Exclude<T[K], undefined>> | Absent
          : Json<T[K]>;
      }
    : T;

/** An event as its NDJSON line carries it, without the envelope (see json-host.ts `toLine`). */
export type WireEvent<E extends { type: string }> = Json<
  E extends { type: 'plan.ready' | 'plan.revised' } ? Omit<E, 'plan' | 'targets'> : E
>;

/** Does the schema of the event's type say exactly what its line carries, every field? */
export type MatchesItsSchema<E extends { type: string }> = Same<
  WireEvent<E>,
  Json<Omit<Extract<NdjsonEvent, { type: E['type'] }>, 'v' | 'ts'>>
>;

type EventSchemaMatches = {
  [T in GuardrailsEvent['type']]: MatchesItsSchema<Extract<GuardrailsEvent, { type: T }>>;
};
type Drifted = {
  [T in keyof EventSchemaMatches]: EventSchemaMatches[T] extends true ? never : T;
}[keyof EventSchemaMatches];
type Unregistered = Exclude<NdjsonEvent['type'], GuardrailsEvent['type']>;

/**
 * Compile-time guard: an event whose type (src/events/types.ts) and schema differ in any field,
 * or a schema member without an event, breaks `tsc` naming the event type.
 */
export const eventsMatchTheirSchemas: [Drifted | Unregistered] extends [never]
  ? true
  : Drifted | Unregistered = true;

/** The JSON Schema (draft 2020-12) written to docs/schemas/events.schema.json. */
export function eventsJsonSchema(): Record<string, unknown> {
  return {
    title: 'guardrails NDJSON event',
    ...z.toJSONSchema(ndjsonEventSchema, { target: 'draft-2020-12' }),
  };
}
