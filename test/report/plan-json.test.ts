import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parsePlanJson, renderPlanJson } from '../../src/report/plan-json.js';
import { planSchema } from '../../src/report/schemas.js';
import { convergedPlan, demoPlan, firstRunPlan } from '../_fixtures/plans.js';

describe('renderPlanJson / parsePlanJson', () => {
  it('writes the plan as is, valid against the documented schema, and reads it back', () => {
    for (const plan of [demoPlan(), firstRunPlan(), convergedPlan()]) {
      const text = renderPlanJson(plan);
      expect(planSchema.safeParse(JSON.parse(text)).success).toBe(true);
      expect(parsePlanJson(text)).toEqual(plan);
    }
  });

  it('refuses a file that is not JSON or not a plan, naming the problem', () => {
    expect(() => parsePlanJson('{not json', 'plan.json')).toThrow(UsageError);
    const data = JSON.parse(renderPlanJson(demoPlan()));
    data.changes[3].kind = 'imds.explode';
    expect(() => parsePlanJson(JSON.stringify(data), 'plan.json')).toThrow(
      /plan\.json is not a guardrails plan:[\s\S]*changes\[3\]/,
    );
  });
});
