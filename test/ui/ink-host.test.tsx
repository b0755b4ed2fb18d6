import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/events/types.js';
import {
  DEMO_WAVES,
  eventsAfterConfirm,
  eventsUntilPlan,
  waveEvents,
} from '../_fixtures/demo-rollout.js';
import { KEYS, renderHost, tick } from './_render.js';

const chooseWaves: Extract<Question, { kind: 'choose-waves' }> = {
  kind: 'choose-waves',
  id: 'waves',
  message: 'Apply which waves?',
  flag: '--yes',
  defaultAnswer: DEMO_WAVES.map((w) => w.name),
  waves: [
    {
      name: 'canary',
      changes: 17,
      accounts: 1,
      production: false,
      scp: 'DenyIMDSv1-next (new DenyIMDSv1 content)',
    },
    { name: 'non-production', changes: 67, accounts: 5, production: false },
    { name: 'production', changes: 36, accounts: 3, production: true },
  ],
};

async function atConfirm() {
  const ui = renderHost();
  for (const event of eventsUntilPlan()) ui.host.notify(event);
  ui.host.notify({ type: 'step.started', step: 'confirm', title: 'Confirm' });
  const answer = ui.host.ask(chooseWaves);
  await tick();
  return { ...ui, answer };
}

describe('InkHost: the guided rollout screen', () => {
  it('shows the checklist filled in up to the plan, the per-OU summary and the wave choice', async () => {
    // Given the events of preflight, discover and plan, and the wave question
    const ui = await atConfirm();
    // Then the finished steps carry their summaries and the plan is grouped by OU
    const frame = ui.frame();
    expect(frame).toContain('✔ 1 Preflight  arn:aws:iam::111111111111:user/admin');
    expect(frame).toContain(
      '✔ 2 Discover   6 OUs · 13 accounts (11 reachable, 2 unreachable) · 188 targets',
    );
    expect(frame).toContain('✔ 3 Plan       121 to change · 85 unchanged · 3 skipped');
    expect(frame).toMatch(/▸ Root\/Workloads\/Prod\s+18\s+17\s+17/);
    expect(frame).toContain('SCP: ~ update policy DenyIMDSv1 · + attach DenyIMDSv1 to Root');
    expect(frame).toContain('sandbox-bob (role-denied)');
    expect(frame).toMatch(/\[x\] 3 production\s+36 changes · 3 accounts ⚠ production/);
    // The wave that gets the SCP's new content first says so
    expect(frame).toMatch(
      /\[x\] 1 canary\s+17 changes · 1 account · DenyIMDSv1-next \(new DenyIMDSv1 content\)/,
    );
    expect(frame).toContain('○ 5 Apply');
    expect(frame).toContain('esc cancel');
  });

  it('expands an OU into its accounts and shows the SCP diff on d', async () => {
    const ui = await atConfirm();
    // When the admin moves to Root/Infrastructure and expands it
    await ui.press(KEYS.down, KEYS.right);
    // Then its accounts appear with their own counts
    expect(ui.frame()).toMatch(/› ▾ Root\/Infrastructure/);
    expect(ui.frame()).toMatch(/shared-services \(222222222204\)\s+15\s+2\s+0/);
    // When d is pressed, the policy diff replaces the table
    await ui.press('d');
    expect(ui.frame()).toContain('SCP diff');
    expect(ui.frame()).toContain('+       "Sid": "MaxHopLimit",');
    // And x lists the skipped targets with reasons
    await ui.press('x');
    expect(ui.frame()).toContain(
      'legacy-closed (222222222211) · suspended · account: the account is SUSPENDED',
    );
  });

  it('folds the skipped list per account and opens the whole reason at the cursor', async () => {
    // Given a plan where data-platform is skipped in 17 regions and sandbox-bob with a long reason
    const regions = Array.from({ length: 17 }, (_, i) => `r-${String(i).padStart(2, '0')}`);
    const longReason =
      'AssumeRole arn:aws:iam::222222222213:role/OrganizationAccountAccessRole: AccessDenied: User is not authorized to perform sts:AssumeRole; exclude it with scope.excludeAccounts';
    const events = eventsUntilPlan().map((e) => {
      if (e.type !== 'plan.ready' || !e.plan) return e;
      const skipped = [
        ...regions.map((region) => ({
          accountId: '222222222209',
          accountName: 'data-platform',
          ouPath: 'Root/Workloads',
          region,
          reason: 'declarative-policy' as const,
          message: 'EC2 defaults are managed by a declarative policy',
        })),
        {
          accountId: '222222222213',
          accountName: 'sandbox-bob',
          ouPath: 'Root/Sandbox',
          reason: 'role-denied' as const,
          message: longReason,
        },
      ];
      return { ...e, plan: { ...e.plan, skipped } };
    });
    const ui = renderHost();
    for (const event of events) ui.host.notify(event);
    ui.host.notify({ type: 'step.started', step: 'confirm', title: 'Confirm' });
    void ui.host.ask(chooseWaves);
    await tick();
    // When x is pressed
    await ui.press('x');
    // Then data-platform is one row (not 17), opened at the cursor
    const frame = ui.frame();
    expect(frame).toContain('Skipped (2)');
    expect(frame.match(/data-platform/g)).toHaveLength(1);
    expect(frame).toContain('› data-platform (222222222209) · declarative-policy · 17 regions');
    expect(frame).toContain('r-00, r-01');
    // And sandbox-bob's reason is cut while closed, whole once the cursor opens it
    expect(frame).not.toContain('exclude it with scope.excludeAccounts');
    await ui.press(KEYS.down);
    const opened = ui.frame().replace(/\s+/g, ' ');
    expect(opened).toContain('› sandbox-bob (222222222213) · role-denied · account');
    expect(opened).toContain('exclude it with scope.excludeAccounts');
  });

  it('answers the wave question with the toggled selection', async () => {
    const ui = await atConfirm();
    // When wave 2 is toggled off and enter pressed
    expect(ui.frame()).toContain('Apply 120 changes in 3 of 3 waves?');
    await ui.press('2');
    expect(ui.frame()).toContain('[ ] 2 non-production');
    // And the header follows: what Enter applies now
    expect(ui.frame()).toContain('Apply 53 changes in 2 of 3 waves?');
    await ui.press(KEYS.enter);
    // Then only the other waves are chosen
    await expect(ui.answer).resolves.toEqual(['canary', 'production']);
  });

  it('lists at-risk accounts as held out; a number includes one, Enter goes on', async () => {
    // Given the readiness step and the gate's question about payments-dev
    const ui = renderHost();
    for (const event of eventsUntilPlan()) ui.host.notify(event);
    ui.host.notify({ type: 'step.started', step: 'readiness', title: 'Readiness' });
    ui.host.notify({
      type: 'step.finished',
      step: 'readiness',
      status: 'ok',
      summary: '13 accounts: 9 ready, 1 at risk, 3 unknown',
    });
    const payments = {
      accountId: '222222222207',
      accountName: 'payments-dev',
      changes: 17,
      evidence: ['5,088 IMDSv1 calls in 14 days from 3 instances in us-east-1'],
    };
    const answer = ui.host.ask({
      kind: 'choose-accounts',
      id: 'rollout.at-risk',
      message: '1 account calls IMDSv1: held out of the rollout. Include any anyway?',
      accounts: [payments],
      defaultAnswer: [],
      flag: '--allow-at-risk',
    });
    await tick();
    // Then Readiness sits before Plan in the checklist and the account is shown held out
    expect(ui.frame()).toMatch(/✔ 3 Readiness\s+13 accounts: 9 ready, 1 at risk, 3 unknown/);
    expect(ui.frame()).toMatch(/✔ 4 Plan/);
    expect(ui.frame()).toMatch(
      /\[ \] 1 payments-dev \(222222222207\)\s+held out\n {8}5,088 IMDSv1 calls in 14 days/,
    );
    // When 1 is pressed, then Enter
    await ui.press('1');
    expect(ui.frame()).toMatch(/\[x\] 1 payments-dev \(222222222207\)\s+included/);
    await ui.press(KEYS.enter);
    await expect(answer).resolves.toEqual(['222222222207']);
    // And once held accounts are known, the apply outcome lists them
    ui.host.notify({ type: 'readiness.gated', held: [payments], overridden: [] });
    ui.host.notify({ type: 'step.started', step: 'apply', title: 'Apply' });
    ui.host.notify({ type: 'step.finished', step: 'apply', status: 'ok', summary: 'done' });
    await tick();
    expect(ui.frame()).toContain(
      '⚠ held out: payments-dev (222222222207) · 17 changes not applied · 5,088 IMDSv1 calls',
    );
  });

  it('declines with esc (an empty selection)', async () => {
    const ui = await atConfirm();
    await ui.press(KEYS.escape);
    await expect(ui.answer).resolves.toEqual([]);
  });

  it('asks to type the organization id for production and rejects a wrong value', async () => {
    const ui = renderHost();
    const answer = ui.host.ask({
      kind: 'type-to-confirm',
      id: 'production',
      message: 'Wave production changes production: type the organization id',
      expected: 'o-guardrails01',
      flag: '--yes',
    });
    await tick();
    await ui.press('o-wrong', KEYS.enter);
    expect(ui.frame()).toContain('"o-wrong" is not o-guardrails01');
    // When the field is cleared and the right id typed
    await ui.press(...Array.from({ length: 7 }, () => '\u007F'), 'o-guardrails01', KEYS.enter);
    await expect(answer).resolves.toBe(true);
  });

  it('accepts the id and Enter arriving in one chunk (paste, a fast terminal)', async () => {
    const ui = renderHost();
    const answer = ui.host.ask({
      kind: 'type-to-confirm',
      id: 'production',
      message: 'Type the organization id',
      expected: 'o-guardrails01',
      flag: '--yes',
    });
    await tick();
    await ui.press('o-guardrails01\r');
    await expect(answer).resolves.toBe(true);
  });

  it('moves finished accounts into the static log and shows live wave progress', async () => {
    const ui = renderHost();
    for (const event of eventsUntilPlan()) ui.host.notify(event);
    ui.host.notify({ type: 'step.started', step: 'apply', title: 'Apply' });
    const wave = waveEvents('non-production', 1, 3, ['Root/Infrastructure'], {
      failRegion: 'ap-south-1',
    });
    // When half of the wave's events arrived
    for (const event of wave.slice(0, 40)) ui.host.notify(event);
    await tick();
    // Then the live area shows the wave's progress and the account still running
    expect(ui.frame()).toMatch(/wave 2\/3 non-production [█░]+ \d+% \d+\/32/);
    expect(ui.frame()).toMatch(/› shared-services \(222222222204\)/);
    expect(ui.frame()).toContain('✖ network ap-south-1: UnauthorizedOperation');
    // And the finished account went to the static log above
    expect(ui.output()).toMatch(
      /✖ non-production · network \(222222222203\) · 16\/17 done, 1 failed/,
    );
    expect(ui.frame()).toContain('Ctrl-C stop (resumable)');
  });

  it('stops gracefully on Ctrl-C during the apply and shows the resume command', async () => {
    let interrupted = 0;
    const ui = renderHost({ onInterrupt: () => (interrupted += 1) });
    ui.host.notify({ type: 'step.started', step: 'apply', title: 'Apply' });
    for (const event of waveEvents('canary', 0, 3, ['Root/Sandbox']).slice(0, 5))
      ui.host.notify(event);
    await tick();
    // When Ctrl-C is pressed (twice: the second does nothing more)
    await ui.press(KEYS.ctrlC, KEYS.ctrlC);
    expect(interrupted).toBe(1);
    expect(ui.frame()).toContain('Stopping: in-flight calls finish, the journal is flushed');
    // And the account cut short is logged as stopped, not as done
    ui.host.notify({ type: 'wave.finished', wave: 'canary', succeeded: 2, failed: 0, skipped: 0 });
    await tick();
    expect(ui.output()).toContain('↷ canary · sandbox-alice (222222222209) · 2/17 done, stopped');
    // And when the run reports where to resume
    ui.host.notify({
      type: 'run.finished',
      succeeded: 2,
      failed: 0,
      skipped: 0,
      durationMs: 300,
      journal: 'guardrails-reports/journal-1.jsonl',
      resumeCommand: 'guardrails apply --resume guardrails-reports/journal-1.jsonl',
    });
    ui.host.notify({ type: 'step.finished', step: 'apply', status: 'failed', summary: 'stopped' });
    await tick();
    expect(ui.frame()).toContain('✖ 5 Apply      stopped');
    expect(ui.frame()).toContain('guardrails apply --resume guardrails-reports/journal-1.jsonl');
  });

  it('ends with every step done, the verify summary and the report paths', async () => {
    const ui = renderHost();
    for (const event of eventsUntilPlan()) ui.host.notify(event);
    ui.host.notify({ type: 'step.started', step: 'confirm', title: 'Confirm' });
    ui.host.notify({
      type: 'step.finished',
      step: 'confirm',
      status: 'ok',
      summary: 'all 3 waves',
    });
    for (const event of eventsAfterConfirm()) ui.host.notify(event);
    await ui.host.close();
    const frame = ui.frame();
    expect(frame).toContain('✔ 5 Apply      121 succeeded · 0 failed');
    expect(frame).toContain(
      'organization o-guardrails01 · management 111111111111 · config /repo/guardrails.config.ts',
    );
    expect(frame).toContain(
      '✔ 6 Verify     197/216 compliant · 17 declarative policy · 2 unreachable',
    );
    expect(frame).toContain('journal  guardrails-reports/journal-20261126T100000Z.jsonl');
    expect(frame).toContain('html     guardrails-reports/verify-20261126T100002Z.html');
    // And it fits an 80×24 terminal
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
  });

  it('says how the waves relate to the plan when holds took changes out', async () => {
    const ui = renderHost();
    for (const event of eventsUntilPlan()) ui.host.notify(event);
    ui.host.notify({ type: 'step.started', step: 'confirm', title: 'Confirm' });
    void ui.host.ask({
      ...chooseWaves,
      planned: 137,
      heldNote: 'held out: payments-dev (readiness)',
    });
    await tick();
    expect(ui.frame()).toContain('Apply 120 of 137 planned changes in 3 of 3 waves?');
    expect(ui.frame()).toContain('  held out: payments-dev (readiness)');
  });

  it('answers y/n questions; Ctrl-C declines and stops the run', async () => {
    let interrupted = 0;
    const ui = renderHost({ onInterrupt: () => (interrupted += 1) });
    const question = {
      kind: 'confirm',
      id: 'again',
      message: 'Run verify again?',
      defaultAnswer: false,
      flag: '--yes',
    } as const;
    const first = ui.host.ask(question);
    await tick();
    expect(ui.frame()).toContain('? Run verify again? (y/N)');
    await ui.press('y');
    await expect(first).resolves.toBe(true);
    const second = ui.host.ask(question);
    await tick();
    await ui.press(KEYS.ctrlC);
    await expect(second).resolves.toBe(false);
    expect(interrupted).toBe(1);
  });
});
