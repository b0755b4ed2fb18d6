import { z } from 'zod';
import { isKnownRegion, KNOWN_REGIONS } from '../core/model/regions.js';
import { closestMatches } from '../core/model/suggest.js';

const accountId = z
  .string()
  .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
  .describe('a 12-digit AWS account id');

const regionName = z
  .string()
  .superRefine((value, ctx) => {
    if (isKnownRegion(value)) return;
    const near = closestMatches(value, KNOWN_REGIONS);
    ctx.addIssue({
      code: 'custom',
      message: `unknown AWS region "${value}"${near.length ? ` (did you mean ${near.map((n) => `"${n}"`).join(', ')}?)` : ''}`,
    });
  })
  .describe('an AWS region name, e.g. eu-west-1');

/** An OU by id (`ou-ab12-11111111`), by path (`Root/Workloads/Prod`) or the root (`Root` / `r-ab12`). */
const ouSelector = z
  .string()
  .min(1, 'must name an OU by id (ou-…) or path (Root/…)')
  .describe('an OU id (ou-…), an OU path (Root/Workloads/Prod) or the root (Root / r-…)');

/** A target for the SCP: the root, an OU (id or path) or an account id. */
const attachTarget = z
  .string()
  .min(1, 'must be "Root", an OU id or path, or a 12-digit account id')
  .describe('"Root", an OU id or path, or a 12-digit account id');

const roleArnPattern = z
  .string()
  .regex(
    /^arn:aws[\w-]*:iam::(\d{12}|\*):role\/.+$/,
    'must be an IAM role ARN pattern like arn:aws:iam::*:role/Admin*',
  )
  .describe('an IAM role ARN, wildcards allowed: arn:aws:iam::*:role/BreakGlass*');

const toggle = z.enum(['enabled', 'disabled']);

export const organizationSchema = z.strictObject({
  memberRoleName: z
    .string()
    .regex(/^[\w+=,.@-]{1,64}$/, 'must be an IAM role name (letters, digits and +=,.@_- up to 64)')
    .default('OrganizationAccountAccessRole')
    .describe('Role assumed in each member account.'),
  externalId: z
    .string()
    .min(2)
    .max(1224)
    .optional()
    .describe('ExternalId passed to sts:AssumeRole, if the role requires one.'),
  sessionName: z
    .string()
    .regex(/^[\w+=,.@-]{2,64}$/, 'must be 2-64 characters of letters, digits and +=,.@_-')
    .default('org-guardrails')
    .describe('RoleSessionName; shows in CloudTrail so the changes are attributable.'),
  sessionDurationSeconds: z
    .number()
    .int()
    .min(900)
    .max(43200)
    .default(3600)
    .describe('DurationSeconds for AssumeRole.'),
  includeManagementAccount: z
    .boolean()
    .default(true)
    .describe(
      'Set defaults in the management account too (SCPs never apply to it, so its defaults matter most).',
    ),
});

export const scopeSchema = z.strictObject({
  ous: z
    .array(ouSelector)
    .default([])
    .describe('Only accounts under these OUs (ids or paths). Empty = the whole organization.'),
  excludeOus: z.array(ouSelector).default([]).describe('Leave out accounts under these OUs.'),
  accounts: z
    .array(accountId)
    .default([])
    .describe('Only these accounts. Empty = every account in the selected OUs.'),
  excludeAccounts: z.array(accountId).default([]).describe('Leave out these accounts.'),
  regions: z
    .union([z.literal('enabled'), z.array(regionName).min(1)])
    .default('enabled')
    .describe('"enabled" = every region enabled in each account, or a list of region names.'),
  excludeRegions: z.array(regionName).default([]).describe('Leave out these regions.'),
});

export const companionsSchema = z.strictObject({
  maxHopLimit: z
    .strictObject({
      enabled: z.boolean().default(false).describe('Add this statement to the SCP.'),
      max: z
        .number()
        .int()
        .min(1)
        .max(64)
        .default(2)
        .describe('Highest hop limit a launch may ask for.'),
    })
    .default({ enabled: false, max: 2 })
    .describe(
      'Deny RunInstances with a metadata hop limit above `max` (containers need 2, nothing needs more).',
    ),
  denyMetadataOptionsRelaxing: z
    .strictObject({
      enabled: z.boolean().default(false).describe('Add this statement to the SCP.'),
    })
    .default({ enabled: false })
    .describe('Deny ec2:ModifyInstanceMetadataOptions that would set HttpTokens back to optional.'),
  requireRoleDelivery: z
    .strictObject({
      enabled: z.boolean().default(false).describe('Add this statement to the SCP.'),
      minVersion: z
        .number()
        .min(1)
        .max(2)
        .default(2)
        .describe('Lowest ec2:RoleDelivery version accepted (2 = IMDSv2).'),
    })
    .default({ enabled: false, minVersion: 2 })
    .describe(
      'Deny API calls made with instance role credentials delivered by IMDSv1 (ec2:RoleDelivery below 2.0).',
    ),
  protectDefaults: z
    .strictObject({
      enabled: z.boolean().default(false).describe('Add this statement to the SCP.'),
      adminRoleArns: z
        .array(roleArnPattern)
        .default([])
        .describe('Roles still allowed to change the defaults (this tool’s role, break-glass).'),
    })
    .default({ enabled: false, adminRoleArns: [] })
    .describe(
      'Deny ec2:ModifyInstanceMetadataDefaults except to the listed admin roles, so nobody relaxes the defaults.',
    ),
});

/**
 * Policy names: 1–128 letters, digits and +=,.@-_. Organizations itself accepts more (any ASCII),
 * but a name is shown in terminals and logs, so the tool keeps to the characters AWS allows in
 * IAM names: nothing that can steer a terminal or a path.
 */
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const POLICY_NAME_RULE = 'must be 1-128 characters: letters, digits and +=,.@-_ only';

export const scpSchema = z.strictObject({
  enabled: z
    .boolean()
    .default(true)
    .describe('Deploy and attach the SCP. false = manage only the account defaults.'),
  name: z
    .string()
    .regex(POLICY_NAME, POLICY_NAME_RULE)
    .default('DenyIMDSv1')
    .describe(
      'Name of the SCP in Organizations; the tool finds its policy by this name. 1-128 letters, digits and +=,.@-_.',
    ),
  description: z
    .string()
    .max(512)
    .default('Deny launching EC2 instances that allow IMDSv1 (managed by org-guardrails).')
    .describe('Description of the SCP in Organizations.'),
  attachTo: z
    .array(attachTarget)
    .min(1)
    .default(['Root'])
    .describe('Root, OU ids/paths or account ids to attach the SCP to.'),
  companions: companionsSchema
    .default({
      maxHopLimit: { enabled: false, max: 2 },
      denyMetadataOptionsRelaxing: { enabled: false },
      requireRoleDelivery: { enabled: false, minVersion: 2 },
      protectDefaults: { enabled: false, adminRoleArns: [] },
    })
    .describe('Optional extra deny statements added to the SCP (all off by default).'),
  exemptPrincipals: z
    .array(roleArnPattern)
    .default([])
    .describe('Role ARN patterns the SCP does not apply to (break-glass roles).'),
});

export const imdsDefaultsSchema = z.strictObject({
  httpTokens: z
    .enum(['required', 'optional'])
    .default('required')
    .describe('required = IMDSv2 only for new launches.'),
  httpPutResponseHopLimit: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be between 1 and 64')
    .max(64, 'must be between 1 and 64')
    .default(2)
    .describe('1 blocks containers on a bridge network; 2 lets containers reach IMDS.'),
  httpEndpoint: toggle.optional().describe('Leave unset to not manage it.'),
  instanceMetadataTags: toggle.optional().describe('Leave unset to not manage it.'),
  httpTokensEnforced: toggle
    .optional()
    .describe(
      'enabled = refuse launching or re-enabling IMDSv1 instances at all (strongest setting).',
    ),
});

export const waveSchema = z.strictObject({
  name: z.string().min(1).describe('Shown in progress output and reports.'),
  accounts: z.array(accountId).default([]).describe('Accounts in this wave.'),
  ous: z.array(ouSelector).default([]).describe('Accounts under these OUs are in this wave.'),
  /** Everything not placed in an earlier wave. */
  rest: z
    .boolean()
    .default(false)
    .describe('Every in-scope account not placed in an earlier wave.'),
});

export const rolloutSchema = z.strictObject({
  waves: z
    .array(waveSchema)
    .min(1)
    .default([{ name: 'all', accounts: [], ous: [], rest: true }])
    .describe('Ordered waves, e.g. a canary account, then an OU, then the rest.'),
  concurrency: z.number().int().min(1).max(512).default(32).describe('Parallel AWS calls overall.'),
  perAccountConcurrency: z
    .number()
    .int()
    .min(1)
    .max(64)
    .default(8)
    .describe('Parallel calls into one account.'),
  maxFailureRatio: z
    .number()
    .min(0)
    .max(1)
    .default(0.1)
    .describe('Stop the rollout when a wave fails more than this share of its changes.'),
  confirmBetweenWaves: z
    .boolean()
    .default(true)
    .describe('Ask before each wave after the first (TTY only).'),
  stage: z
    .union([z.literal(1), z.literal(2), z.literal(3)], {
      error: 'must be 1 (account defaults), 2 (+ the SCP) or 3 (+ HttpTokensEnforced)',
    })
    .optional()
    .describe(
      'Enforcement ring to roll out: 1 = account defaults HttpTokens=required, 2 = + the DenyIMDSv1 SCP, 3 = + HttpTokensEnforced=enabled. Unset = what the rest of the config asks for (2 with the defaults).',
    ),
});

export const readinessSchema = z.strictObject({
  lookbackDays: z
    .number()
    .int()
    .min(1)
    .max(90)
    .default(14)
    .describe(
      'Days of history `readiness` reads: CloudTrail launches (CloudTrail keeps 90) and CloudWatch MetadataNoToken (at most the last 63).',
    ),
  gate: z
    .boolean()
    .default(true)
    .describe('Hold accounts that readiness finds at-risk out of rollout waves.'),
  allowAtRisk: z
    .array(accountId)
    .default([])
    .describe('At-risk accounts the rollout may change anyway (overrides the gate).'),
});

export const strategies = ['scp-and-defaults', 'declarative-policy', 'both'] as const;

export const declarativeSchema = z.strictObject({
  name: z
    .string()
    .regex(POLICY_NAME, POLICY_NAME_RULE)
    .default('guardrails-ec2-imds')
    .describe(
      'Name of the EC2 declarative policy; the tool finds it by this name. 1-128 letters, digits and +=,.@-_.',
    ),
  description: z
    .string()
    .max(512)
    .default('EC2 instance metadata defaults (managed by org-guardrails).')
    .describe('Description of the declarative policy in Organizations.'),
  attachTo: z
    .array(attachTarget)
    .min(1)
    .default(['Root'])
    .describe('Root, OU ids/paths or account ids to attach the declarative policy to.'),
  exceptionMessage: z
    .string()
    .min(1)
    .max(1024)
    .optional()
    .describe('Custom error text EC2 shows when a call is refused by the policy.'),
});

/** ISO calendar date (2026-12-31) or date-time; compared with the run's clock. */
const isoDate = z
  .string({ error: 'must be an ISO date like 2026-12-31' })
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/,
    'must be an ISO date like 2026-12-31 (or 2026-12-31T18:00:00Z)',
  )
  .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real calendar date')
  .describe('ISO date (2026-12-31) or date-time; the exception stops exempting after it.');

export const exceptionSchema = z
  .strictObject({
    account: accountId.optional().describe('Leave this account’s defaults alone.'),
    ou: ouSelector.optional().describe('Leave the defaults of every account under this OU alone.'),
    principalArnPattern: roleArnPattern
      .optional()
      .describe('Exempt these principals from the SCP (ArnNotLike aws:PrincipalArn).'),
    owner: z
      .string({ error: 'must name who owns the exception' })
      .min(1, 'must name who owns the exception')
      .describe('Who owns it (a person or team to ask before it expires).'),
    reason: z
      .string({ error: 'must say why the exception exists' })
      .min(1, 'must say why the exception exists')
      .describe('Why it exists.'),
    expires: isoDate,
  })
  .superRefine((value, ctx) => {
    const set = [value.account, value.ou, value.principalArnPattern].filter((v) => v !== undefined);
    if (set.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'name exactly one of account, ou or principalArnPattern',
      });
    }
  });

export const reportFormats = ['table', 'json', 'csv', 'junit', 'markdown', 'html'] as const;

export const reportsSchema = z.strictObject({
  dir: z
    .string()
    .min(1)
    .default('guardrails-reports')
    .describe('Where journals and reports are written.'),
  formats: z
    .array(z.enum(reportFormats))
    .default(['html', 'json', 'markdown'])
    .describe('Report files written after a rollout or verify.'),
});

export const configSchema = z.strictObject({
  organization: organizationSchema.prefault({}),
  scope: scopeSchema.prefault({}),
  scp: scpSchema.prefault({}),
  imdsDefaults: imdsDefaultsSchema.prefault({}),
  rollout: rolloutSchema.prefault({}),
  readiness: readinessSchema.prefault({}),
  reports: reportsSchema.prefault({}),
  strategy: z
    .enum(strategies)
    .default('scp-and-defaults')
    .describe(
      'scp-and-defaults = the SCP + account-level defaults; declarative-policy = an EC2 declarative policy instead of both; both = the SCP + the declarative policy (account defaults where it does not reach).',
    ),
  declarative: declarativeSchema.prefault({}),
  exceptions: z
    .array(exceptionSchema)
    .default([])
    .describe('Time-boxed exceptions, each with an owner, a reason and an expiry date.'),
});

/** What a user writes (everything optional). */
export type UserConfig = z.input<typeof configSchema>;
/** What the tool works with (defaults filled in). */
export type ResolvedConfig = z.output<typeof configSchema>;
