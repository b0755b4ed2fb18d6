import { describe, expect, it } from 'vitest';
import { checkStale } from '../../../src/core/plan/check-stale.js';
import { DENY_SUMMARY, demoConfig, demoObserved } from '../_fixtures/demo.js';
import { planFor } from '../_fixtures/plan.js';

describe('checkStale', () => {
  it('finds nothing when the world is as planned', () => {
    expect(checkStale(planFor(), demoObserved())).toEqual([]);
  });

  it('names each target whose state moved since the plan', () => {
    // Given a plan that creates the policy, attaches it to Root and fixes IMDS defaults
    const observed = demoObserved();
    observed.policies = [];
    observed.org.scpAttachments['ou-gr01-prod'] = [];
    const plan = planFor(demoConfig(), observed);
    // When someone else creates the policy, attaches it to Root and changes two targets
    const fresh = demoObserved();
    fresh.org.scpAttachments['r-gr01']?.push(DENY_SUMMARY);
    const network = fresh.accounts.find((a) => a.accountId === '222222222203');
    const region = network?.regions.find((r) => r.region === 'eu-west-1');
    if (region?.status === 'ok')
      region.imds.defaults = { httpTokens: 'required', httpPutResponseHopLimit: 3 };
    const alice = fresh.accounts.find((a) => a.accountId === '222222222209');
    if (alice) alice.regions = alice.regions.filter((r) => r.region !== 'us-east-1');
    // Then each is named
    expect(checkStale(plan, fresh)).toEqual([
      'policy DenyIMDSv1 (now exists)',
      'DenyIMDSv1 on Root (now attached)',
      'network (222222222203) eu-west-1',
      'sandbox-alice (222222222209) us-east-1 (no longer readable)',
    ]);
  });

  it('notices a policy whose content changed under an update', () => {
    const config = demoConfig({ scp: { companions: { maxHopLimit: { enabled: true } } } });
    const plan = planFor(config);
    const fresh = demoObserved();
    const policy = fresh.policies[0];
    if (policy) policy.content = policy.content.replace('required', 'optional');
    expect(checkStale(plan, fresh)).toEqual(['policy DenyIMDSv1 (content changed)']);
  });
});
