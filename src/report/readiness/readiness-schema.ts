/** The documented shape of `guardrails readiness --format json` (docs/schemas/readiness-report.schema.json). */

import { z } from 'zod';
import type { ReadinessReport } from '../../core/readiness/types.js';
import type { Same } from '../type-guards.js';
import { launchPreviewSchema } from './launches-schema.js';

const accountId = z
  .string()
  .regex(/^\d{12}$/)
  .describe('12-digit AWS account id.');
const count = z.number().int().min(0);
const tokens = z.enum(['optional', 'required']);

const instanceFinding = z.object({
  accountId,
  region: z.string(),
  instanceId: z.string(),
  name: z.string().optional(),
  state: z.string().describe('EC2 state, or `not-found` for calls from an instance gone since.'),
  httpTokens: tokens,
  hopLimit: z.number().int(),
  noTokenCalls: count.describe('MetadataNoToken over the window: IMDSv1 calls.'),
  rejectedCalls: count.describe('MetadataNoTokenRejected: IMDSv1 calls already refused.'),
  containerHost: z.enum(['ecs', 'eks']).optional(),
  issues: z.array(
    z.enum(['allows-imdsv1', 'imdsv1-calls', 'rejected-calls', 'container-hop-limit-1']),
  ),
});

const regionRollup = z.object({
  region: z.string(),
  noTokenCalls: count,
  rejectedCalls: count,
  instancesCalling: count,
  metrics: z.enum(['ok', 'denied', 'error']),
});

export const readinessReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    toolVersion: z.string(),
    generatedAt: z.string(),
    lookbackDays: z.number().int().min(1),
    window: z.object({ start: z.string(), end: z.string() }).describe('Whole hours, UTC.'),
    summary: z.object({
      accounts: count,
      ready: count,
      atRisk: count,
      unknown: count,
      noTokenCalls: count,
      instancesAllowingImdsv1: count,
      containerHostsHopLimit1: count,
      templates: count,
      pinnedGroups: count,
    }),
    accounts: z.array(
      z.object({
        accountId,
        accountName: z.string(),
        verdict: z
          .enum(['ready', 'at-risk', 'unknown'])
          .describe('at-risk: IMDSv1 calls seen; unknown: metrics or the account unreadable.'),
        evidence: z.array(z.string()).describe('One line per reason, most important first.'),
        noTokenCalls: count,
        rejectedCalls: count,
        regions: z.array(regionRollup).describe('Regions with calls, or whose metrics failed.'),
        topInstances: z.array(instanceFinding),
      }),
    ),
    instances: z.array(instanceFinding),
    launchTemplates: z.array(
      z.object({
        accountId,
        region: z.string(),
        templateId: z.string(),
        templateName: z.string(),
        defaultVersion: z.number().int().min(1),
        issue: z.enum(['optional', 'omitted']),
        effectiveTokens: tokens.describe('What an omitted MetadataOptions resolves to today.'),
        effectiveSource: z
          .enum(['account-default', 'ami', 'aws-default'])
          .optional()
          .describe(
            "Where an omitted template's HttpTokens come from: the account default, the AMI's ImdsSupport v2.0, or AWS's default (optional).",
          ),
      }),
    ),
    autoScalingGroups: z.array(
      z.object({
        accountId,
        region: z.string(),
        name: z.string(),
        templateId: z.string(),
        templateName: z.string().optional(),
        pinnedVersion: z.number().int().min(1),
        defaultVersion: z.number().int().min(1),
        instanceIds: z.array(z.string()),
        fix: z.string(),
        refreshCommand: z.string().describe('Run by a person: guardrails never starts one.'),
      }),
    ),
    launches: launchPreviewSchema.optional(),
    gate: z
      .object({
        held: z.array(
          z.object({
            accountId,
            accountName: z.string(),
            reason: z.string(),
            lane: z
              .literal('scp')
              .optional()
              .describe('scp: held out of the SCP only (launches it would refuse).'),
          }),
        ),
        overridden: z.array(accountId),
      })
      .optional()
      .describe('What a rollout would hold back (readiness.gate, --allow-at-risk).'),
  })
  .meta({
    title: 'guardrails readiness report',
    description:
      'Output of `guardrails readiness --format json`: verdict per account with evidence, and every finding.',
  });

/** Breaks `tsc` when the type and the schema part ways. */
export const readinessSchemaGuard: Same<
  z.output<typeof readinessReportSchema>,
  ReadinessReport
> = true;
