/** The documented shape of `guardrails prove --format json` (docs/schemas/prove-report.schema.json). */

import { z } from 'zod';
import type { ProveReport } from '../../core/prove/types.js';
import type { Same } from '../type-guards.js';

const accountId = z
  .string()
  .regex(/^\d{12}$/)
  .describe('12-digit AWS account id.');

const launchProbe = z
  .discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('allowed') }),
    z.object({
      outcome: z.literal('denied'),
      explicitDeny: z.boolean(),
      denyKind: z
        .enum([
          'service-control-policy',
          'resource-control-policy',
          'permissions-boundary',
          'identity-based-policy',
          'session-policy',
        ])
        .optional()
        .describe('The kind of policy the explicit-deny message names.'),
      message: z.string().describe('The UnauthorizedOperation message, with its encoded blob.'),
    }),
    z.object({
      outcome: z.literal('refused'),
      code: z.string().describe('UnsupportedOperation when HttpTokensEnforced refuses IMDSv1.'),
      message: z.string(),
    }),
    z.object({ outcome: z.literal('error'), code: z.string(), message: z.string() }),
  ])
  .describe('The answer to one RunInstances with DryRun=true.');

const proveStatus = z
  .enum([
    'proven',
    'not-enforced',
    'blocked',
    'unreachable',
    'management-account',
    'inconclusive',
    'error',
    'suspended',
  ])
  .describe(
    'proven: IMDSv1 launch refused and IMDSv2 launch allowed; not-enforced: an IMDSv1 launch would succeed; blocked: the IMDSv2 launch is refused too; management-account: SCPs never apply there; inconclusive: no subnet to dry-run in (no default VPC), or another kind of policy denied the IMDSv1 launch first; suspended: the account is closed or closing (information, not a finding).',
  );

const count = z.number().int().min(0);

export const proveReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    toolVersion: z.string(),
    generatedAt: z.string().describe('ISO 8601 time the dry runs finished.'),
    organizationId: z.string(),
    managementAccountId: accountId,
    caller: z.object({ accountId, arn: z.string() }),
    counts: z.object({
      proven: count,
      'not-enforced': count,
      blocked: count,
      unreachable: count,
      'management-account': count,
      inconclusive: count,
      error: count,
      suspended: count,
      total: count,
    }),
    results: z
      .array(
        z.object({
          accountId,
          accountName: z.string(),
          ouPath: z.string(),
          region: z.string().describe('`*` when the whole account could not be reached.'),
          status: proveStatus,
          optional: launchProbe.optional().describe('The dry run asking for HttpTokens=optional.'),
          required: launchProbe.optional().describe('The dry run asking for HttpTokens=required.'),
          subnet: z
            .object({ subnetId: z.string(), vpcId: z.string(), availabilityZone: z.string() })
            .optional()
            .describe('The subnet the dry runs named: the region has no default VPC.'),
          detail: z.string(),
          unconfirmed: z
            .string()
            .optional()
            .describe('Set when the status rests on AWS behaviour nobody has confirmed: which.'),
        }),
      )
      .describe('One result per account × region, sorted by OU path, account name and region.'),
  })
  .meta({
    title: 'guardrails prove report',
    description:
      'Output of `guardrails prove --format json`: two RunInstances dry runs per account × region.',
  });

export const proveSchemaTypeGuard: Same<z.output<typeof proveReportSchema>, ProveReport> = true;
