/**
 * Byte-for-byte guard for the plan text now that it is printed piece by piece: the hashes were
 * taken from the one-string renderer. `UPDATE_GOLDEN=1` rewrites them (only for a change that
 * means to alter the output).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planTextChunks, renderPlanText } from '../../src/report/plan-text.js';
import { convergedPlan, demoPlan, firstRunPlan } from '../_fixtures/plans.js';

const GOLDEN = new URL('../_fixtures/golden/plan-text.json', import.meta.url);
const PLANS = { demo: demoPlan(), firstRun: firstRunPlan(), converged: convergedPlan() };
const OPTIONS = { plain: {}, color: { color: true, width: 60 } };
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('plan text stays byte-identical', () => {
  it('matches the recorded hashes, and its pieces join to the same text', () => {
    const actual: Record<string, string> = {};
    for (const [name, plan] of Object.entries(PLANS)) {
      for (const [style, options] of Object.entries(OPTIONS)) {
        const text = renderPlanText(plan, options);
        actual[`${name}.${style}`] = sha(text);
        const pieces = [...planTextChunks(plan, options)];
        expect(pieces.join('')).toBe(text);
        for (const piece of pieces) expect(piece.endsWith('\n')).toBe(true);
      }
    }
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) {
      writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
    }
    expect(actual).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });
});
