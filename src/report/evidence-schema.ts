/** The documented shape of an evidence bundle's manifest.json (docs/schemas/evidence-manifest.schema.json). */

import { z } from 'zod';
import type { EvidenceManifest } from '../core/evidence/chain.js';
import type { Same } from './type-guards.js';

const sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .describe('Lower-case hex SHA-256.');

export const evidenceManifestSchema = z
  .object({
    schemaVersion: z.literal(1),
    algorithm: z.literal('sha256'),
    toolVersion: z.string(),
    generatedAt: z.string().describe('ISO 8601 time of the verify sweep.'),
    records: z
      .array(
        z.object({
          index: z.number().int().min(0),
          path: z.string().describe('Relative to the bundle, `/`-separated.'),
          size: z.number().int().min(0).describe('Bytes.'),
          sha256: sha256.describe('SHA-256 of the file.'),
          prev: sha256.describe(
            'The previous record\'s hash; for the first, SHA-256 of [1, "sha256", toolVersion, generatedAt] as JSON.',
          ),
          hash: sha256.describe('SHA-256 of [index, path, size, sha256, prev] as JSON.'),
        }),
      )
      .describe('One record per file, sorted by path.'),
    head: sha256.describe(
      "The last record's hash: store it elsewhere to detect a rewritten bundle.",
    ),
  })
  .meta({
    title: 'guardrails evidence manifest',
    description:
      'manifest.json of `guardrails verify --evidence <dir>`; `guardrails evidence check <dir>` validates it.',
  });

export const evidenceSchemaTypeGuard: Same<
  z.output<typeof evidenceManifestSchema>,
  EvidenceManifest
> = true;
