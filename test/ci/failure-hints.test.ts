/**
 * The answers of docs/troubleshooting.md where a failure shows: a change that failed for
 * throttling, expired credentials or a missing permission carries what to do, once per kind.
 */
import { describe, expect, it } from 'vitest';
import { ListrHost } from '../../src/ci/listr-host.js';
import { failureHint } from '../../src/events/failure-hints.js';
import { eventsUntilPlan } from '../_fixtures/demo-rollout.js';

describe('failure hints', () => {
  it('names the fix for throttling, expired credentials and a missing permission, and nothing else', () => {
    expect(failureHint('TooManyRequestsException')).toMatch(/lower --concurrency/);
    expect(failureHint('RequestLimitExceeded')).toMatch(/lower --concurrency/);
    expect(failureHint('ExpiredToken')).toMatch(/log in again.*guardrails apply --resume/);
    expect(failureHint('UnauthorizedOperation')).toMatch(/`guardrails permissions`/);
    expect(failureHint('InvalidParameterValue')).toBeUndefined();
  });

  it('the CI log prints the hint under the first failure of each kind only', async () => {
    let text = '';
    const host = new ListrHost({ write: (chunk: string) => (text += chunk) });
    for (const event of eventsUntilPlan()) host.notify(event);
    host.notify({ type: 'step.started', step: 'apply', title: 'Apply' });
    host.notify({ type: 'wave.started', wave: 'canary', index: 0, total: 1, changes: 3 });
    for (const [id, code] of [
      ['c1', 'Throttling'],
      ['c2', 'Throttling'],
      ['c3', 'ExpiredToken'],
    ] as const) {
      host.notify({ type: 'change.started', changeId: id, kind: 'imds.set', label: id });
      host.notify({ type: 'change.failed', changeId: id, code, message: 'failed after retries' });
    }
    host.notify({ type: 'step.finished', step: 'apply', status: 'ok', summary: '0 succeeded' });
    await host.close();
    const hints = text.split('\n').filter((l) => l.includes('hint: '));
    expect(hints).toHaveLength(2);
    expect(hints[0]).toContain('lower --concurrency');
    expect(hints[1]).toContain('the credentials expired');
  });
});
