/**
 * The documented, stable JSON shapes the tool writes: `verify --format json` and `plan --json` /
 * `plan --out`. The JSON Schema files in docs/schemas/ are generated from these
 * (`npm run schemas`), and a test keeps them equal. The type checks at the bottom fail the
 * build when the TypeScript types and these schemas part ways.
 */

import { z } from 'zod';
import { CHANGE_KIND_NAMES } from '../core/plan/change-kinds.js';
import type { Plan } from '../core/plan/types.js';
import type { ImdsResult, ScpResult, VerifyReport } from '../core/verify/types.js';
import { remediationChangeSchemas, remediationNotesSchema } from './remediation-schemas.js';
import type { Same } from './type-guards.js';

const accountId = z
  .string()
  .regex(/^\d{12}$/)
  .describe('12-digit AWS account id');
const toggle = z.enum(['enabled', 'disabled']);
const toggleSetting = z.enum(['enabled', 'disabled', 'no-preference']);
const imdsField = z.enum([
  'httpTokens',
  'httpPutResponseHopLimit',
  'httpEndpoint',
  'instanceMetadataTags',
  'httpTokensEnforced',
]);

export const imdsDefaultsSchema = z
  .object({
    httpTokens: z.enum(['optional', 'required']).optional(),
    httpPutResponseHopLimit: z.number().int().min(1).max(64).optional(),
    httpEndpoint: toggle.optional(),
    instanceMetadataTags: toggle.optional(),
    httpTokensEnforced: toggle.optional(),
  })
  .describe('EC2 account-level instance metadata defaults; an absent field has no preference.');

const imdsSettingSchema = z
  .object({
    httpTokens: z.enum(['optional', 'required', 'no-preference']).optional(),
    httpPutResponseHopLimit: z.number().int().min(-1).max(64).optional(),
    httpEndpoint: toggleSetting.optional(),
    instanceMetadataTags: toggleSetting.optional(),
    httpTokensEnforced: toggleSetting.optional(),
  })
  .describe('What ModifyInstanceMetadataDefaults is sent; `no-preference` / -1 clear a field.');

const targetStatus = z
  .enum([
    'compliant',
    'drift',
    'managed-by-declarative-policy',
    'unreachable',
    'error',
    'excepted',
    'suspended',
  ])
  .describe(
    'The one status of a target (`excepted`: an active config exception covers it; `suspended`: the account is closed or closing, information only).',
  );

const resultBase = {
  accountId,
  accountName: z.string(),
  ouPath: z.string().describe('Parent path of the account, e.g. `Root/Workloads/Prod`.'),
  status: targetStatus,
  detail: z
    .string()
    .optional()
    .describe('Why: the unreachable reason, the error, or a description of the drift.'),
};

const fieldDiffSchema = z.object({
  field: imdsField,
  expected: z.union([z.string(), z.number()]).optional(),
  actual: z.union([z.string(), z.number()]).optional().describe('Absent: no preference set.'),
});

const imdsResultSchema = z
  .object({
    kind: z.literal('imds'),
    ...resultBase,
    region: z.string(),
    diffs: z.array(fieldDiffSchema).describe('The fields that differ from the desired state.'),
    observed: imdsDefaultsSchema.optional(),
    managedBy: z.enum(['account', 'declarative-policy']).optional(),
    declarativeCompliant: z
      .boolean()
      .optional()
      .describe('For `managed-by-declarative-policy`: whether its values meet the desired state.'),
  })
  .describe('The instance metadata defaults of one account in one region.');

const scpResultSchema = z
  .object({
    kind: z.literal('scp'),
    ...resultBase,
    coverage: z.enum(['direct', 'inherited', 'missing', 'content-differs', 'management-account']),
    via: z.string().optional().describe('Where the covering policy is attached.'),
  })
  .describe('Whether the guardrail SCP covers one account.');

const verifyResultSchema = z.discriminatedUnion('kind', [imdsResultSchema, scpResultSchema]);

const statusCountsSchema = z.object({
  compliant: z.number().int().min(0),
  drift: z.number().int().min(0),
  'managed-by-declarative-policy': z.number().int().min(0),
  unreachable: z.number().int().min(0),
  error: z.number().int().min(0),
  excepted: z.number().int().min(0).optional().describe('Present when exceptions apply.'),
  suspended: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Present when a suspended account is in scope (not a finding).'),
  total: z.number().int().min(0),
});

const stageSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const strategySchema = z.enum(['scp-and-defaults', 'declarative-policy', 'both']);

const accountRingSchema = z
  .object({
    accountId,
    accountName: z.string(),
    ouPath: z.string(),
    ring: z
      .union([z.literal(0), stageSchema])
      .nullable()
      .describe('Highest ring fully satisfied; 0 = not even ring 1; null = could not be told.'),
    detail: z.string().optional().describe('Why the ring could not be told.'),
  })
  .describe('The enforcement ring one account is in.');

const exceptionStatusSchema = z
  .object({
    kind: z.enum(['account', 'ou', 'principal']),
    target: z.string().describe('The account, OU path or principal ARN pattern.'),
    owner: z.string(),
    reason: z.string(),
    expires: z.string(),
    status: z.enum(['active', 'expired']).describe('An expired exception is a finding.'),
  })
  .describe('A configured exception and whether it still applies.');

/** The VerifyReport as the core builds it. */
export const verifyReportSchema = z.object({
  schemaVersion: z.literal(1),
  toolVersion: z.string(),
  generatedAt: z.string().describe('ISO 8601 time the sweep finished.'),
  caller: z.object({ accountId, arn: z.string() }),
  organizationId: z.string(),
  managementAccountId: accountId,
  scope: z.object({
    accounts: z.number().int().min(0),
    regions: z.union([z.literal('enabled'), z.array(z.string())]),
  }),
  desired: z.object({
    imds: imdsDefaultsSchema,
    scpName: z.string().nullable(),
    stage: stageSchema.optional().describe('The enforcement ring verified against.'),
    strategy: strategySchema.optional(),
    declarativePolicyName: z.string().optional().describe('The EC2 declarative policy, if used.'),
  }),
  counts: statusCountsSchema,
  results: z
    .array(verifyResultSchema)
    .describe('Every target, sorted by OU path, account, then kind (SCP first) and region.'),
  rings: z.array(accountRingSchema).optional().describe('The enforcement ring of each account.'),
  exceptions: z
    .array(exceptionStatusSchema)
    .optional()
    .describe('Every configured exception; expired ones are findings.'),
});

/** `guardrails verify --format json`: the report plus the results that need attention. */
export const verifyReportJsonSchema = verifyReportSchema
  .extend({
    findings: z
      .array(verifyResultSchema)
      .describe(
        'The results that are not compliant (drift, error, unreachable, failing declarative).',
      ),
  })
  .meta({
    title: 'guardrails verify report',
    description:
      'Output of `guardrails verify --format json`: one result per account × region and per account SCP.',
  });

const changeBase = {
  id: z.string().describe('Deterministic id: a hash of kind + target.'),
  risk: z.enum(['relaxing', 'restricting', 'neutral']),
  dependsOn: z.array(z.string()).describe('Ids of changes that must succeed first.'),
};

const targetRefSchema = z.object({
  type: z.enum(['ROOT', 'ORGANIZATIONAL_UNIT', 'ACCOUNT']),
  id: z.string(),
  label: z.string(),
});

const changeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('policyType.enable'),
    ...changeBase,
    rootId: z.string(),
    policyType: z.string(),
  }),
  z.object({
    kind: z.literal('policy.create'),
    ...changeBase,
    policyName: z.string(),
    policyType: z.string(),
    description: z.string(),
    content: z.string(),
  }),
  z.object({
    kind: z.literal('policy.update'),
    ...changeBase,
    policyId: z.string(),
    policyName: z.string(),
    before: z.object({ content: z.string() }),
    after: z.object({ content: z.string() }),
    attachedTo: z
      .array(z.string())
      .optional()
      .describe(
        'Where the policy was attached when planning: the update reaches every account below.',
      ),
  }),
  z.object({
    kind: z.literal('policy.swap'),
    ...changeBase,
    policyId: z.string(),
    policyName: z.string(),
    canaryName: z
      .string()
      .describe('The second policy that carried the new content wave by wave (`<name>-next`).'),
    canaryId: z.string().optional().describe('Absent when this plan creates the canary.'),
    before: z.object({ content: z.string() }),
    after: z.object({ content: z.string() }),
    canaryContent: z
      .string()
      .optional()
      .describe("The canary's content when planning (absent: this plan creates it)."),
    attachedTo: z
      .array(z.string())
      .describe('Where the policy and its canary are attached when planning.'),
  }),
  z.object({
    kind: z.literal('policy.delete'),
    ...changeBase,
    policyId: z.string(),
    policyName: z.string(),
    before: z.object({ content: z.string() }),
  }),
  z.object({
    kind: z.literal('attachment.add'),
    ...changeBase,
    policyName: z.string(),
    policyType: z.string().optional().describe('Absent = SERVICE_CONTROL_POLICY.'),
    policyId: z.string().optional(),
    target: targetRefSchema,
  }),
  z.object({
    kind: z.literal('attachment.remove'),
    ...changeBase,
    policyName: z.string(),
    policyType: z.string().optional().describe('Absent = SERVICE_CONTROL_POLICY.'),
    policyId: z.string(),
    target: targetRefSchema,
  }),
  z.object({
    kind: z.literal('imds.set'),
    ...changeBase,
    accountId,
    accountName: z.string(),
    ouPath: z.string(),
    region: z.string(),
    before: imdsDefaultsSchema.describe('The defaults observed when planning.'),
    after: imdsSettingSchema,
    fields: z.array(imdsField).describe('The fields that differ.'),
  }),
  ...remediationChangeSchemas(changeBase),
]);

const changeKind = z.enum(CHANGE_KIND_NAMES);

const planHeldSchema = z.object({
  accountId,
  accountName: z.string(),
  reason: z.enum(['readiness', 'exception', 'wave', 'scope', 'launches']),
  detail: z.string().optional(),
});

/** `guardrails plan --json` / `plan --out plan.json`. */
export const planSchema = z
  .object({
    version: z.literal(1),
    toolVersion: z.string(),
    createdAt: z.string(),
    configHash: z.string().describe('sha256 of the resolved config the plan was made from.'),
    observedHash: z.string().describe('sha256 of the observed state the plan was made from.'),
    caller: z.object({ accountId, arn: z.string(), userId: z.string() }),
    organizationId: z.string(),
    managementAccountId: accountId,
    changes: z.array(changeSchema).describe('In a valid order: dependencies first.'),
    skipped: z.array(
      z.object({
        accountId,
        accountName: z.string(),
        ouPath: z.string(),
        region: z.string().optional().describe('Absent when the whole account is skipped.'),
        reason: z.enum([
          'role-denied',
          'suspended',
          'region-disabled',
          'not-in-scope',
          'error',
          'declarative-policy',
          'exception',
          'held',
        ]),
        message: z.string(),
        exception: z
          .object({ owner: z.string(), reason: z.string(), expires: z.string() })
          .optional()
          .describe('For reason `exception`: the config exception that applies.'),
      }),
    ),
    summary: z.object({
      toChange: z.number().int().min(0),
      unchanged: z.number().int().min(0),
      skipped: z.number().int().min(0),
      byKind: z.partialRecord(changeKind, z.number().int().min(0)),
      relaxing: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe(
          'Changes that loosen a protection (absent: none). Applying them needs their own approval: a terminal question or --allow-relaxing.',
        ),
    }),
    remediation: remediationNotesSchema.optional(),
    stage: stageSchema.optional().describe('The enforcement ring the plan was made for.'),
    strategy: strategySchema.optional(),
    held: z
      .array(planHeldSchema)
      .optional()
      .describe('Every account the run holds out, with why: no change of any lane reaches it.'),
    reach: z
      .array(
        z.object({
          policyName: z.string(),
          policyType: z.string(),
          targets: z.array(z.string()).describe('Attachment targets after the plan (labels).'),
          accounts: z.number().int().min(0).describe('Accounts the policy reaches after the plan.'),
          held: z.array(planHeldSchema),
          alreadyReached: z
            .array(z.object({ accountId, accountName: z.string(), via: z.string() }))
            .describe('Held accounts still reached through an attachment made before.'),
          outsideScope: z
            .number()
            .int()
            .min(0)
            .describe('Accounts outside the scope reached (only with --include-org-changes).'),
        }),
      )
      .optional()
      .describe('Per guardrail policy: the accounts it will reach (the reach model).'),
    leftOut: z
      .array(z.object({ change: changeSchema, outsideScope: z.number().int().min(0) }))
      .optional()
      .describe('Organization-level changes a narrowed run leaves out (--include-org-changes).'),
    canaries: z
      .array(
        z.object({
          policyName: z.string(),
          canaryName: z.string(),
          staged: z.boolean().describe('false: updated in place in swapWave (reason says why).'),
          reason: z.string().optional(),
          stages: z
            .array(z.object({ wave: z.string(), accounts: z.number().int().min(0) }))
            .describe('The waves that attach the canary, with how many accounts each adds.'),
          swapWave: z.string().describe('The wave where the policy gets the new content.'),
        }),
      )
      .optional()
      .describe('Content updates of attached SCPs: canaried wave by wave or not, and why.'),
    scopeFlags: z
      .object({
        accounts: z.array(z.string()).optional(),
        ous: z.array(z.string()).optional(),
        regions: z.array(z.string()).optional(),
      })
      .optional()
      .describe(
        'The --accounts / --ous / --regions the plan was made with (absent: none); `apply plan.json` needs the same flags.',
      ),
  })
  .meta({
    title: 'guardrails plan',
    description:
      'Output of `guardrails plan --json` and `plan --out`: every change with what it was based on.',
  });

// Compile-time guards, so a field added to the types without the schema (or the reverse) breaks
// `tsc`. FieldDiff's `expected`/`actual` may be undefined, which JSON drops: the schema makes them
// optional, so the verify check compares key sets rather than exact types.
type VerifyOutput = z.output<typeof verifyReportSchema>;
type ResultOf<T, K> = Extract<T, { kind: K }>;
type VerifyResultOutput = VerifyOutput['results'][number];
export const schemaTypeGuards: [
  VerifyReport extends z.input<typeof verifyReportSchema> ? true : false,
  Same<keyof VerifyOutput, keyof VerifyReport>,
  Same<keyof ResultOf<VerifyResultOutput, 'imds'>, keyof ImdsResult>,
  Same<keyof ResultOf<VerifyResultOutput, 'scp'>, keyof ScpResult>,
  Same<z.output<typeof planSchema>, Plan>,
] = [true, true, true, true, true];
