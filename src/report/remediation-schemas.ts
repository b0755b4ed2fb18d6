/** JSON shapes of remediation plans (`plan --remediate`): their two change kinds and notes. */
import { z } from 'zod';

const accountId = z
  .string()
  .regex(/^\d{12}$/)
  .describe('12-digit AWS account id');
const tokens = z.enum(['optional', 'required']);
const toggle = z.enum(['enabled', 'disabled']);

const metadataOptions = z.object({
  httpTokens: tokens.optional(),
  hopLimit: z.number().int().min(1).max(64).optional(),
  httpEndpoint: toggle.optional(),
  httpProtocolIpv6: toggle.optional(),
  instanceMetadataTags: toggle.optional(),
});

const workloadTarget = {
  accountId,
  accountName: z.string(),
  ouPath: z.string(),
  region: z.string(),
};

/** The two change kinds, spread into the plan's change union by schemas.ts. */
export function remediationChangeSchemas<B extends z.ZodRawShape>(changeBase: B) {
  return [
    z.object({
      kind: z.literal('launchTemplate.update'),
      ...changeBase,
      ...workloadTarget,
      templateId: z.string(),
      templateName: z.string(),
      before: z.object({
        defaultVersion: z.number().int().min(1),
        metadata: metadataOptions
          .optional()
          .describe("The default version's MetadataOptions; absent = omitted."),
      }),
      after: z
        .union([
          z.object({ metadata: metadataOptions }),
          z.object({ defaultVersion: z.number().int().min(1) }),
        ])
        .describe(
          'A new version from before.defaultVersion with these MetadataOptions, made the default; or (rollback) this version made the default again.',
        ),
    }),
    z.object({
      kind: z.literal('instance.metadata'),
      ...changeBase,
      ...workloadTarget,
      instanceId: z.string(),
      instanceName: z.string().optional(),
      before: z.object({ httpTokens: tokens }),
      after: z.object({ httpTokens: tokens }),
    }),
  ] as const;
}

export const remediationNotesSchema = z
  .object({
    lookbackDays: z.number().int().min(1),
    window: z.object({ start: z.string(), end: z.string() }),
    keptInstances: z.array(
      z.object({
        accountId,
        accountName: z.string(),
        region: z.string(),
        instanceId: z.string(),
        name: z.string().optional(),
        noTokenCalls: z.number().int().min(0),
        reason: z.string(),
      }),
    ),
    autoScalingGroups: z.array(
      z.object({
        accountId,
        accountName: z.string(),
        region: z.string(),
        name: z.string(),
        templateId: z.string(),
        templateName: z.string().optional(),
        pinnedVersion: z.number().int().min(1),
        fix: z.string(),
        refreshCommand: z.string().describe('Run by a person; guardrails never starts a refresh.'),
      }),
    ),
  })
  .describe('Remediation plans only: instances and Auto Scaling groups listed, not changed.');
