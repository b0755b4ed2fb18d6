/** JSON Schema text of each documented output, keyed by its path in the repository. */
import { z } from 'zod';
import { evidenceManifestSchema } from './evidence-schema.js';
import { evidenceCheckSchema, permissionsSchema } from './permissions-schema.js';
import { proveReportSchema } from './prove/prove-schema.js';
import { readinessReportSchema } from './readiness/readiness-schema.js';
import { planSchema, verifyReportJsonSchema } from './schemas.js';

function toJsonSchema(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' });
  return `${JSON.stringify(json, null, 2)}\n`;
}

export function schemaFiles(): Record<string, string> {
  return {
    'docs/schemas/verify-report.schema.json': toJsonSchema(verifyReportJsonSchema),
    'docs/schemas/plan.schema.json': toJsonSchema(planSchema),
    'docs/schemas/prove-report.schema.json': toJsonSchema(proveReportSchema),
    'docs/schemas/evidence-manifest.schema.json': toJsonSchema(evidenceManifestSchema),
    'docs/schemas/evidence-check.schema.json': toJsonSchema(evidenceCheckSchema),
    'docs/schemas/permissions.schema.json': toJsonSchema(permissionsSchema),
    'docs/schemas/readiness-report.schema.json': toJsonSchema(readinessReportSchema),
  };
}
