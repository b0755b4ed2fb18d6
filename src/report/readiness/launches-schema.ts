/** The `launches` part of the readiness report: who the SCP would refuse (launch preview). */
import { z } from 'zod';

const accountId = z
  .string()
  .regex(/^\d{12}$/)
  .describe('12-digit AWS account id.');
const count = z.number().int().min(0);

const launcherId = z.enum([
  'karpenter',
  'terraform',
  'cloudformation',
  'console',
  'ec2-fleet',
  'auto-scaling',
  'spot',
  'github-actions-runner',
  'gitlab-runner',
  'pulumi',
  'cdk',
  'aws-cli',
  'sdk',
  'unknown',
]);

export const launchPreviewSchema = z
  .object({
    policy: z
      .string()
      .nullable()
      .describe('The SCP evaluated, as the plan would leave it; null when the config has none.'),
    window: z.object({ start: z.string(), end: z.string() }),
    lookbackDays: z.number().int().min(1).max(90),
    summary: z.object({
      accounts: count,
      accountsWithRefusals: count,
      launches: count.describe(
        'Launch requests read: RunInstances and CreateFleet records, dry runs included (an instant fleet counts once, by its CreateFleet record).',
      ),
      refused: count.describe('Launches that work today and the SCP would refuse.'),
      unknown: count.describe('Launches whose outcome the record cannot tell (see reason).'),
      alreadyRefused: count.describe(
        'Launches refused today (UnauthorizedOperation) that it would refuse too.',
      ),
      unreadRegions: count,
    }),
    accounts: z.array(
      z.object({
        accountId,
        accountName: z.string(),
        launches: count,
        refused: count,
        unknown: count,
        alreadyRefused: count,
        principals: count,
        unread: z.array(z.string()).describe('Regions whose history could not be read, with why.'),
        lookupDenied: z
          .array(z.string())
          .describe(
            'Regions where the member role may not call cloudtrail:LookupEvents: launches there are not previewed (fix: guardrails permissions).',
          ),
      }),
    ),
    principals: z.array(
      z.object({
        accountId,
        accountName: z.string(),
        principalArn: z
          .string()
          .describe('aws:PrincipalArn (the role for assumed roles), or the calling service.'),
        principalType: z.string().describe('CloudTrail userIdentity.type.'),
        launcher: z.object({ id: launcherId, label: z.string(), fix: z.string() }),
        verdict: z
          .enum(['refused', 'unknown', 'already-refused', 'allowed', 'not-subject'])
          .describe('The worst outcome among its launches; not-subject = service-linked role.'),
        launches: count,
        refused: count,
        unknown: count,
        alreadyRefused: count,
        dryRuns: count,
        reason: z.string().describe('Why, for the example launch.'),
        deniedBy: z.object({ policyName: z.string(), statement: z.string() }).optional(),
        example: z.object({
          eventId: z.string(),
          time: z.string(),
          region: z.string(),
          userAgent: z.string(),
          dryRun: z.boolean(),
          errorCode: z.string().optional(),
        }),
        regions: z.array(z.string()),
      }),
    ),
  })
  .describe('Who the DenyIMDSv1 SCP would refuse: CloudTrail RunInstances records of the window.');
