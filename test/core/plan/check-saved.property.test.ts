/**
 * `apply plan.json` walks the plan the config gives target by target (judgeSavedPlan) instead of
 * building it beside the saved one. Its verdicts must be the ones of the comparison it replaced
 * (kept below as the reference): build the expected plan, then compare change by change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDesiredState } from '../../../src/core/desired/build-desired-state.js';
import { canonicalJson } from '../../../src/core/model/canonical-json.js';
import type { ObservedState } from '../../../src/core/model/types.js';
import { assemblePlan, type BuildPlanInput, buildPlan } from '../../../src/core/plan/build-plan.js';
import { labelOf } from '../../../src/core/plan/change-kinds.js';
import { judgeSavedPlan } from '../../../src/core/plan/check-saved.js';
import { staleChanges } from '../../../src/core/plan/check-stale.js';
import type { Change, Plan } from '../../../src/core/plan/types.js';
import type { HeldAccount } from '../../../src/core/reach/reach.js';
import { createPolicyChange, imdsChange } from '../../_helpers/change-builders.js';
import { demoConfig, TEMPLATES } from '../_fixtures/demo.js';
import { PLAN_META } from '../_fixtures/plan.js';
import { observedState, userConfig } from '../properties/arbitraries.js';

/** The comparison before judgeSavedPlan, verbatim: the whole expected plan in hand. */
function referenceVerdict(saved: Plan, expected: Plan, now: ObservedState) {
  const stale = staleChanges(saved, now);
  const isStale = (c: Change) => stale.ids.has(c.id);
  const byId = new Map(expected.changes.map((c) => [c.id, c]));
  const savedIds = new Set<string>();
  const edited: string[] = [];
  for (const [index, change] of saved.changes.entries()) {
    savedIds.add(change.id);
    if (isStale(change)) continue;
    const want = byId.get(change.id);
    const where = `changes[${index}] (${labelOf(change)})`;
    if (!want) {
      edited.push(`${where} is not a change the config gives for the organization as it is`);
      continue;
    }
    const field = firstDifference(change, want);
    if (field !== undefined) {
      edited.push(
        `${where} has ${field} ${canonicalJson(fieldOf(change, field))}, but the config gives ${canonicalJson(fieldOf(want, field))}`,
      );
    }
  }
  const drifted = expected.changes
    .filter((c) => !savedIds.has(c.id))
    .map((c) => `${labelOf(c)} (changed since the plan was made; it now needs a change)`);
  return { stale: stale.labels, drifted, edited };
}

function fieldOf(change: Change, field: string): unknown {
  return (change as unknown as Record<string, unknown>)[field] ?? null;
}

function firstDifference(saved: Change, want: Change): string | undefined {
  const keys = new Set([...Object.keys(saved), ...Object.keys(want)]);
  const ordered = ['after', 'risk', ...[...keys].sort()].filter(
    (k, i, all) => all.indexOf(k) === i,
  );
  return ordered.find(
    (key) =>
      keys.has(key) && canonicalJson(fieldOf(saved, key)) !== canonicalJson(fieldOf(want, key)),
  );
}

/** What a hand (or a script) may do to a saved plan file. */
type Edit =
  | { op: 'after'; at: number }
  | { op: 'risk'; at: number }
  | { op: 'field'; at: number }
  | { op: 'before'; at: number }
  | { op: 'foreign-id'; at: number }
  | { op: 'drop'; at: number }
  | { op: 'add-foreign'; which: 0 | 1 }
  | { op: 'repeat'; at: number }
  | { op: 'swap'; at: number; with: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('after' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('risk' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('field' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('before' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('foreign-id' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('add-foreign' as const),
    which: fc.constantFrom(0 as const, 1 as const),
  }),
  fc.record({ op: fc.constant('repeat' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
);

function edited(plan: Plan, edits: readonly Edit[]): Plan {
  const changes = structuredClone(plan.changes);
  for (const e of edits) {
    if (e.op === 'add-foreign') {
      changes.push(e.which === 0 ? imdsChange('999999999999', 'us-east-1') : createPolicyChange());
      continue;
    }
    if (changes.length === 0) continue;
    const at = e.at % changes.length;
    const c = changes[at] as Change;
    const record = c as unknown as Record<string, unknown>;
    if (e.op === 'after') {
      record.after =
        c.kind === 'imds.set' ? { ...c.after, httpTokens: 'optional' } : { content: '{}' };
    } else if (e.op === 'risk') {
      c.risk = c.risk === 'relaxing' ? 'restricting' : 'relaxing';
    } else if (e.op === 'before') {
      // A before-state the world never had: the change reads as stale, not as edited.
      if ('before' in c)
        record.before =
          c.kind === 'imds.set' ? { httpPutResponseHopLimit: 63 } : { content: '{"x":1}' };
    } else if (e.op === 'field') {
      record.zz = 'added by hand';
    } else if (e.op === 'foreign-id') {
      c.id = `c-${(0xabcdef00 + at).toString(16)}00000000`;
    } else if (e.op === 'drop') {
      changes.splice(at, 1);
    } else if (e.op === 'repeat') {
      changes.push(structuredClone(c));
    } else {
      const other = e.with % changes.length;
      changes[at] = changes[other] as Change;
      changes[other] = c;
    }
  }
  return { ...plan, changes };
}

const rarely = fc.integer({ min: 0, max: 3 }).map((n) => n === 0);

/** The world now: as planned, or some accounts and the policy as another world has them. */
const worlds = fc
  .record({
    made: observedState,
    other: observedState,
    // Often nothing moved: the clean verdict must come up as well.
    moved: fc.oneof(fc.constant([]), fc.subarray([...Array(13).keys()], { maxLength: 3 })),
    policyMoved: rarely,
    scpTypeMoved: rarely,
  })
  .map(({ made, other, moved, policyMoved, scpTypeMoved }) => {
    const now = structuredClone(made);
    for (const i of moved) {
      const account = other.accounts[i];
      if (account && i < now.accounts.length) now.accounts[i] = structuredClone(account);
    }
    if (policyMoved) {
      now.policies = structuredClone(other.policies);
      now.org.scpAttachments = structuredClone(other.org.scpAttachments);
    }
    if (scpTypeMoved) now.org.root.policyTypes = structuredClone(other.org.root.policyTypes);
    return { made, now };
  });

const held = fc
  .subarray(['222222222202', '222222222206', '222222222211', '111111111111'])
  .chain((ids) =>
    fc.tuple(
      ...ids.map((accountId) =>
        fc
          .constantFrom('readiness' as const, 'wave' as const, 'launches' as const)
          .map((reason): HeldAccount => ({ accountId, reason })),
      ),
    ),
  );

function inputFor(
  observed: ObservedState,
  raw: ReturnType<typeof demoConfig>,
  holds: HeldAccount[],
) {
  const desired = buildDesiredState(raw, TEMPLATES, observed.org);
  return { observed, desired, held: holds, meta: PLAN_META } satisfies BuildPlanInput;
}

describe('judgeSavedPlan (the saved plan against a walk of the plan the config gives)', () => {
  it('gives the verdicts of the comparison against a whole expected plan', () => {
    const seen = { clean: 0, stale: 0, drifted: 0, edited: 0 };
    fc.assert(
      fc.property(
        worlds,
        userConfig,
        held,
        fc.oneof(fc.constant([]), fc.array(edit, { minLength: 1, maxLength: 4 })),
        ({ made, now }, raw, holds, edits) => {
          const config = demoConfig(raw);
          const saved = edited(buildPlan(inputFor(made, config, holds)), edits);
          const input = inputFor(now, config, holds);
          const expected = buildPlan(input);

          const verdict = judgeSavedPlan(saved, input);
          const reference = referenceVerdict(saved, expected, now);
          expect({
            stale: verdict.stale,
            drifted: verdict.drifted,
            edited: verdict.edited,
          }).toEqual(reference);
          // What plan.ready shows: the fresh plan's summary (same key order), skipped, reach.
          const shown = assemblePlan(input, expected.changes, verdict.walk, verdict.summary);
          expect(JSON.stringify(shown)).toBe(JSON.stringify(expected));

          if (reference.stale.length > 0) seen.stale += 1;
          if (reference.drifted.length > 0) seen.drifted += 1;
          if (reference.edited.length > 0) seen.edited += 1;
          if (Object.values(reference).every((l) => l.length === 0)) seen.clean += 1;
        },
      ),
      { numRuns: 300 },
    );
    // Every verdict was met, so the equality above was not only about empty lists.
    expect(Math.min(...Object.values(seen)), JSON.stringify(seen)).toBeGreaterThan(20);
  });

  it('an untouched plan of an unmoved world passes; each edit is named like before', () => {
    fc.assert(
      fc.property(observedState, userConfig, (observed, raw) => {
        const input = inputFor(observed, demoConfig(raw), []);
        const saved = buildPlan(input);
        const verdict = judgeSavedPlan(saved, input);
        expect([verdict.stale, verdict.drifted, verdict.edited]).toEqual([[], [], []]);
        fc.pre(saved.changes.length > 0);
        const risky = edited(saved, [{ op: 'risk', at: saved.changes.length - 1 }]);
        const last = risky.changes.at(-1) as Change;
        expect(judgeSavedPlan(risky, input).edited).toEqual([
          `changes[${saved.changes.length - 1}] (${labelOf(last)}) has risk "${last.risk}", but the config gives "${saved.changes.at(-1)?.risk}"`,
        ]);
      }),
      { numRuns: 60 },
    );
  });
});
