/**
 * `plan --json` / `plan --out plan.json`: the Plan exactly as the core built it (documented by
 * `planSchema`, docs/schemas/plan.schema.json), and the matching reader for saved plans.
 */
import { z } from 'zod';
import { prettyJsonChunks } from '../core/model/json-chunks.js';
import type { Plan } from '../core/plan/types.js';
import { UsageError } from '../errors.js';
import { planSchema } from './schemas.js';

export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/** The same text as renderPlanJson, handed over in pieces (plan files of large organizations). */
export function writePlanJson(plan: Plan, write: (chunk: string) => void): void {
  prettyJsonChunks(plan, write);
  write('\n');
}

/** Reads a saved plan file's text; a file that is not a plan is a UsageError naming the problem. */
export function parsePlanJson(text: string, source = 'plan file'): Plan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The ${source} is not JSON: ${(error as Error).message}`, {
      hint: 'Pass a file written by `guardrails plan --out <file>`.',
    });
  }
  const parsed = planSchema.safeParse(data);
  if (!parsed.success) {
    throw new UsageError(
      `The ${source} is not a guardrails plan:\n${z.prettifyError(parsed.error)}`,
      {
        hint: 'Pass a file written by `guardrails plan --out <file>` by this version of guardrails.',
      },
    );
  }
  return parsed.data;
}
