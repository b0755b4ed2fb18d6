import { describe, expect, it } from 'vitest';
import type { MatchesItsSchema } from '../../src/ci/ndjson-schema.js';
import { eventsMatchTheirSchemas } from '../../src/ci/ndjson-schema.js';
import type { CallerIdentity } from '../../src/core/model/types.js';

// These checks run in `tsc` (npm test typechecks test/): each @ts-expect-error line must fail to
// compile, so an event type and its NDJSON schema that drift apart in any field are caught.
const accepted: true = true;

describe('event types and the NDJSON schema', () => {
  it('match field by field (compile-time guard)', () => {
    expect(eventsMatchTheirSchemas).toBe(true);
    const same: MatchesItsSchema<{ type: 'heartbeat'; message: string }> = accepted;
    expect(same).toBe(true);
  });

  it('a field added to the type only, or typed differently, fails to compile', () => {
    // @ts-expect-error a field the schema does not have
    const extra: MatchesItsSchema<{ type: 'heartbeat'; message: string; extra: number }> = accepted;
    // @ts-expect-error a field the type no longer has
    const missing: MatchesItsSchema<{ type: 'change.failed'; changeId: string; code: string }> =
      accepted;
    // @ts-expect-error the same field, another type
    const retyped: MatchesItsSchema<{ type: 'heartbeat'; message: number }> = accepted;
    // @ts-expect-error an optional field the schema does not have
    const optional: MatchesItsSchema<{ type: 'heartbeat'; message: string; hint?: string }> =
      accepted;
    type Identity = {
      type: 'preflight.identity';
      caller: CallerIdentity & { partition: string };
      organizationId: string;
      managementAccountId: string;
      configFile: string | undefined;
    };
    // @ts-expect-error a nested field (the caller) the schema does not have
    const nested: MatchesItsSchema<Identity> = accepted;
    expect([extra, missing, retyped, optional, nested]).toEqual([true, true, true, true, true]);
  });
});
