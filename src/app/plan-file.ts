/** Saved plans (`plan --out plan.json`): the documented plan JSON, read back with its schema. */
import { readFile } from 'node:fs/promises';
import type { Plan } from '../core/plan/types.js';
import { UsageError } from '../errors.js';
import { parsePlanJson, writePlanJson } from '../report/plan-json.js';
import { checkSavedPlan } from './plan-file-checks.js';
import { writeReportFile } from './write-report-file.js';

export async function writePlanFile(path: string, plan: Plan): Promise<void> {
  writeReportFile(path, (write) => writePlanJson(plan, write));
}

export async function readPlanFile(path: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read plan file ${path}: ${(err as Error).message}`, {
      hint: 'Make one with `guardrails plan --out plan.json`.',
    });
  }
  const source = `plan file ${path}`;
  return checkSavedPlan(parsePlanJson(text, source), source);
}
