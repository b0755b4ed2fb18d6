import { afterEach, describe, expect, it, vi } from 'vitest';
import { ListrHost } from '../../src/ci/listr-host.js';
import { NonInteractiveError } from '../../src/errors.js';
import {
  DEMO_WAVES,
  eventsAfterConfirm,
  eventsUntilPlan,
  waveEvents,
} from '../_fixtures/demo-rollout.js';

function capture() {
  let text = '';
  return { sink: { write: (chunk: string) => (text += chunk) }, text: () => text };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ListrHost: the CI renderer', () => {
  it('prints each step as a listr2 task with its progress lines, in order', async () => {
    // Given a whole rollout's events
    const out = capture();
    const host = new ListrHost(out.sink);
    for (const event of eventsUntilPlan()) host.notify(event);
    host.notify({ type: 'step.started', step: 'confirm', title: 'Confirm' });
    host.notify({
      type: 'step.finished',
      step: 'confirm',
      status: 'ok',
      summary: '3 waves (--yes)',
    });
    for (const event of eventsAfterConfirm()) host.notify(event);
    await host.close();
    // Then the log reads as the same steps the UI shows, one task each
    const lines = out.text().split('\n');
    expect(lines.filter((l) => l.startsWith('❯ '))).toEqual([
      '❯ Preflight',
      '❯ Discover',
      '❯ Plan',
      '❯ Confirm',
      '❯ Apply',
      '❯ Verify',
      '❯ Report',
    ]);
    expect(lines).toContain(
      '› caller arn:aws:iam::111111111111:user/admin · organization o-guardrails01 · management account 111111111111 · config /repo/guardrails.config.ts',
    );
    expect(lines).toContain('› 121 to change · 85 unchanged · 3 skipped');
    expect(lines).toContain('› wave 1/3 canary: 17 changes');
    expect(lines).toContain('› wave production done: 35 succeeded · 0 failed · 0 skipped');
    expect(lines).toContain('✔ Confirm: 3 waves (--yes)');
    expect(lines).toContain('› journal: guardrails-reports/journal-20261126T100000Z.jsonl');
    expect(lines).toContain('› html report: guardrails-reports/verify-20261126T100002Z.html');
    expect(lines.at(-2)).toBe('✔ Report');
    // And no escape codes (NO_COLOR / not a TTY)
    expect(out.text()).not.toContain('\u001B[');
  });

  it('prints a failure as it happens and marks a failed step', async () => {
    const out = capture();
    const host = new ListrHost(out.sink);
    host.notify({ type: 'step.started', step: 'apply', title: 'Apply' });
    for (const event of waveEvents('canary', 0, 1, ['Root/Sandbox'], { failRegion: 'eu-west-1' }))
      host.notify(event);
    host.notify({ type: 'step.finished', step: 'apply', status: 'failed', summary: '1 failed' });
    await host.close();
    expect(out.text()).toContain(
      '› ✖ sandbox-alice eu-west-1: UnauthorizedOperation: You are not authorized to perform this operation.',
    );
    expect(out.text()).toContain('✖ Apply [FAILED: 1 failed]');
  });

  it('throttles progress lines and prints a heartbeat after 30 s of silence', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-26T10:00:00Z') });
    const out = capture();
    const host = new ListrHost(out.sink);
    host.notify({ type: 'step.started', step: 'verify', title: 'Verify' });
    // When 50 progress events arrive within a second
    for (let done = 1; done <= 50; done++)
      host.notify({ type: 'sweep.progress', done, total: 200 });
    await vi.advanceTimersByTimeAsync(10);
    // Then only the first is printed now
    expect(out.text().match(/read \d+\/200/g)).toEqual(['read 1/200']);
    // When nothing happens for 35 s
    await vi.advanceTimersByTimeAsync(35_000);
    expect(out.text()).toContain(
      '› still running: Verify for 30.0s (read 50/200 account × region targets)',
    );
    host.notify({ type: 'step.finished', step: 'verify', status: 'ok' });
    await host.close();
  });

  it('refuses a question it cannot safely answer, naming the flag', async () => {
    const host = new ListrHost(capture().sink);
    await expect(
      host.ask({
        kind: 'choose-waves',
        id: 'waves',
        message: 'Apply which waves?',
        flag: '--yes',
        defaultAnswer: DEMO_WAVES.map((w) => w.name),
        waves: [],
      }),
    ).rejects.toThrow(NonInteractiveError);
    await expect(
      host.ask({
        kind: 'confirm',
        id: 'go',
        message: 'Apply?',
        defaultAnswer: true,
        flag: '--yes',
      }),
    ).rejects.toMatchObject({ hint: 'Pass --yes to proceed without a prompt.' });
    // But an optional offer takes its default
    await expect(
      host.ask({
        kind: 'confirm',
        id: 'again',
        message: 'Run verify again?',
        defaultAnswer: false,
        flag: '--yes',
        safeDefault: true,
      }),
    ).resolves.toBe(false);
    await host.close();
  });
});
