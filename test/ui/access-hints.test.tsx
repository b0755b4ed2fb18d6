/**
 * The hint for an account that cannot be reached shows in the guided rollout's screen where the
 * problem shows (under Discover), with the config line that excludes it kept whole.
 */
import { describe, expect, it } from 'vitest';
import { eventsUntilPlan } from '../_fixtures/demo-rollout.js';
import { renderHost, tick } from './_render.js';

describe('InkHost: hints for accounts that cannot be reached', () => {
  it('shows the role-denied hint with its config line whole, and the suspended account as information', async () => {
    // Given the rollout up to the plan, and the hints discovery gives
    const ui = renderHost();
    for (const event of eventsUntilPlan()) ui.host.notify(event);
    ui.host.notify({
      type: 'log',
      level: 'warn',
      message:
        'sandbox-bob (222222222210): cannot be reached (AssumeRole denied). Give it the member role (`guardrails permissions --role member`), or leave it out with this line in the config:',
      detail: "scope: { excludeAccounts: ['222222222210'] }",
    });
    ui.host.notify({
      type: 'log',
      level: 'info',
      message:
        'legacy-closed (222222222211): suspended, reported as information, not a finding (nothing can change or launch there)',
    });
    await tick();
    // Then the warning starts with the account and the config line is on its own line, whole
    const lines = ui.frame().split('\n');
    expect(
      lines.some((l) => l.startsWith('warn: sandbox-bob (222222222210): cannot be reached')),
    ).toBe(true);
    expect(lines).toContain("  scope: { excludeAccounts: ['222222222210'] }");
    // And at 80×24 the information line waits for the CI log and the reports: no room for it
    expect(lines.some((l) => l.startsWith('legacy-closed (222222222211)'))).toBe(false);
  });

  it('breaks a long resume command with \\ continuations instead of cutting a path in two', async () => {
    const ui = renderHost();
    for (const event of eventsUntilPlan()) ui.host.notify(event);
    const command =
      'node /home/admin/src/org-guardrails/bin/guardrails.js --config /home/admin/src/org-guardrails/guardrails.config.ts apply --resume guardrails-reports/journal-2026-12-05T22-04-03-057Z.jsonl';
    ui.host.notify({ type: 'step.started', step: 'apply', title: 'Apply' });
    ui.host.notify({
      type: 'run.finished',
      succeeded: 2,
      failed: 0,
      skipped: 0,
      durationMs: 300,
      journal: 'guardrails-reports/journal-2026-12-05T22-04-03-057Z.jsonl',
      resumeCommand: command,
    });
    ui.host.notify({ type: 'step.finished', step: 'apply', status: 'failed', summary: 'stopped' });
    await tick();
    const lines = ui.frame().split('\n');
    const start = lines.findIndex((l) => l.includes('Resume with:'));
    const shown: string[] = [];
    for (let i = start + 1; i < lines.length; i++) {
      const line = lines[i] ?? '';
      shown.push(line);
      if (!line.endsWith(' \\')) break;
    }
    expect(shown.length).toBeGreaterThan(1);
    expect(shown.map((l) => l.replace(/ \\$/, '').trim()).join(' ')).toBe(command);
  });
});
