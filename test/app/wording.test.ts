/** Counts read as English and a failed step says why, not "[FAILED: failed]". */
import { describe, expect, it } from 'vitest';
import { failureSummary } from '../../src/app/failure-summary.js';
import { ListrHost } from '../../src/ci/listr-host.js';
import { AwsApiError, ConfigError, NonInteractiveError } from '../../src/errors.js';
import { describeDiscovery } from '../../src/events/describe.js';

describe('wording', () => {
  it('one account and one OU are singular, more are plural', () => {
    const one = {
      type: 'discover.progress' as const,
      ous: 1,
      accounts: 1,
      reachable: 1,
      unreachable: 0,
      regions: 1,
    };
    expect(describeDiscovery(one)).toBe('1 OU · 1 account (1 reachable, 0 unreachable) · 1 target');
    expect(describeDiscovery({ ...one, ous: 4, regions: 17 })).toBe(
      '4 OUs · 1 account (1 reachable, 0 unreachable) · 17 targets',
    );
  });

  it('a failed step names what failed instead of repeating "failed"', async () => {
    const denied = new AwsApiError(
      { service: 'organizations', operation: 'ListAccounts' },
      'AccessDeniedException',
      'no',
    );
    expect(failureSummary(denied)).toBe(
      'organizations:ListAccounts AccessDeniedException (see below)',
    );
    expect(failureSummary(new ConfigError('bad'))).toBe('config problem (see below)');
    expect(failureSummary(new NonInteractiveError('x', '--yes'))).toBe('no terminal to confirm in');
    expect(failureSummary(new Error('boom'))).toBe('unexpected error (see below)');

    let text = '';
    const host = new ListrHost({ write: (chunk: string) => (text += chunk) });
    host.notify({ type: 'step.started', step: 'discover', title: 'Discover' });
    host.notify({ type: 'step.finished', step: 'discover', status: 'failed' });
    await host.close();
    expect(text).not.toContain('FAILED: failed');
    expect(text).toContain('✖ Discover [FAILED: see below]');
  });
});
