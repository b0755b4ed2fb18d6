/**
 * The documented shapes of `guardrails permissions --json` and `guardrails evidence check --json`
 * (docs/schemas/permissions.schema.json, evidence-check.schema.json).
 */
import { z } from 'zod';
import { COMMANDS } from '../core/permissions/command-actions.js';

const policyDocument = z
  .object({
    Version: z.literal('2012-10-17'),
    Statement: z.array(
      z.object({
        Sid: z.string(),
        Effect: z.literal('Allow'),
        Action: z.array(z.string()),
        Resource: z.union([z.string(), z.array(z.string())]),
      }),
    ),
  })
  .describe('An IAM policy document, ready for IAM.');

const rolePolicies = z.object({
  management: policyDocument.describe('For the management-account caller.'),
  member: policyDocument.describe('For the member role in every member account.'),
});

export const permissionsSchema = z
  .object({
    schemaVersion: z.literal(1),
    memberRoleName: z.string(),
    commands: z
      .partialRecord(z.enum(COMMANDS), rolePolicies)
      .describe('Each command asked for (all by default).'),
    combined: rolePolicies.describe('The union for the commands listed.'),
  })
  .meta({
    title: 'guardrails permissions',
    description: 'Output of `guardrails permissions --json`.',
  });

export const evidenceCheckSchema = z
  .union([
    z.object({
      ok: z.literal(true),
      dir: z.string(),
      files: z.number().int().min(0),
      head: z.string().describe('The chain head.'),
    }),
    z.object({
      ok: z.literal(false),
      dir: z.string(),
      problem: z.object({
        kind: z.enum([
          'manifest-invalid',
          'record-altered',
          'chain-broken',
          'file-missing',
          'file-altered',
          'head-mismatch',
          'file-unlisted',
          'head-unexpected',
          'entry-not-regular',
          'file-too-large',
        ]),
        index: z.number().int().min(0).optional().describe('The manifest record concerned.'),
        path: z.string().optional(),
        message: z.string(),
      }),
    }),
  ])
  .meta({
    title: 'guardrails evidence check',
    description: 'Output of `guardrails evidence check <dir> --json`.',
  });
