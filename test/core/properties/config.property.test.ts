import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validate } from '../../../src/config/load-config.js';
import { buildDesiredState } from '../../../src/core/desired/build-desired-state.js';
import { resolveScope } from '../../../src/core/desired/resolve-scope.js';
import { ConfigError, UsageError } from '../../../src/errors.js';
import { demoOrg, TEMPLATES } from '../_fixtures/demo.js';

/** Config-shaped junk: the right section names with anything inside, or anything at all. */
const section = fc.oneof(fc.anything(), fc.dictionary(fc.string(), fc.anything()));
const rawConfig = fc.oneof(
  fc.anything(),
  fc.record(
    {
      organization: section,
      scope: fc.oneof(
        section,
        fc.record(
          { ous: fc.array(fc.string()), accounts: fc.array(fc.string()), regions: fc.anything() },
          { requiredKeys: [] },
        ),
      ),
      scp: fc.oneof(
        section,
        fc.record(
          { attachTo: fc.array(fc.string()), name: fc.string(), companions: section },
          { requiredKeys: [] },
        ),
      ),
      imdsDefaults: section,
      rollout: section,
      reports: section,
    },
    { requiredKeys: [] },
  ),
);

describe('config property', () => {
  it('any input either validates and resolves, or fails with a ConfigError / UsageError', () => {
    fc.assert(
      fc.property(rawConfig, fc.array(fc.string(), { maxLength: 2 }), (raw, flags) => {
        try {
          const config = validate(raw, 'guardrails.config.json');
          const org = demoOrg();
          resolveScope(org, config, { accounts: flags });
          buildDesiredState(config, TEMPLATES, org);
        } catch (error) {
          expect(error instanceof ConfigError || error instanceof UsageError).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
