/**
 * The guided rollout at the terminal sizes people use (80×24, 100×32): questions and warnings
 * fold onto more lines instead of being cut, and the frame still fits the screen.
 */
import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/events/types.js';
import { DEMO_WAVES, eventsUntilPlan, waveEvents } from '../_fixtures/demo-rollout.js';
import { renderHost, tick } from './_render.js';

const ROLE_DENIED =
  'sandbox-bob (222222222210): cannot be reached (AssumeRole denied). Give it the member role (`guardrails permissions --role member`), or leave it out with this line in the config:';

/** The demo's wave question: both counts, the held accounts and the relaxing ones. */
const demoWaves: Extract<Question, { kind: 'choose-waves' }> = {
  kind: 'choose-waves',
  id: 'waves',
  message: 'Apply which waves?',
  flag: '--yes',
  planned: 121,
  heldNote: "held out: payments-dev (readiness) · out of the SCP's reach: shared-services, web-dev",
  defaultAnswer: ['canary', 'non-production', 'production'],
  waves: [
    {
      name: 'canary',
      changes: 18,
      accounts: 2,
      production: false,
      scp: 'DenyIMDSv1-next (new DenyIMDSv1 content)',
    },
    {
      name: 'non-production',
      changes: 52,
      accounts: 5,
      production: false,
      relaxing: 17,
      scp: 'DenyIMDSv1-next (new DenyIMDSv1 content)',
    },
    {
      name: 'production',
      changes: 36,
      accounts: 4,
      production: true,
      scp: 'DenyIMDSv1 takes the new content',
    },
  ],
};

function warnRoleDenied(ui: ReturnType<typeof renderHost>) {
  ui.host.notify({
    type: 'log',
    level: 'warn',
    message: ROLE_DENIED,
    detail: "scope: { excludeAccounts: ['222222222210'] }",
  });
}

/** The lines of the warning as drawn, from its first line up to the config line. */
function warningLines(frame: string): string[] {
  const lines = frame.split('\n');
  const start = lines.findIndex((l) => l.startsWith('warn: '));
  const end = lines.findIndex((l) => l.startsWith('  scope: { excludeAccounts'));
  return start < 0 || end < start ? [] : lines.slice(start, end);
}

describe('InkHost at 80 and 100 columns', () => {
  it.each([80, 100])(
    'folds the role-denied warning at %i columns: account and reason first, the whole text kept',
    async (columns) => {
      // Given the rollout up to the plan, no question open, and the role-denied warning
      const ui = renderHost({ columns, rows: columns === 80 ? 24 : 32 });
      for (const event of eventsUntilPlan()) ui.host.notify(event);
      warnRoleDenied(ui);
      await tick();
      // Then its first line names the account and why, and no line is cut or wider than the screen
      const lines = warningLines(ui.frame());
      expect(lines[0]).toMatch(
        /^warn: sandbox-bob \(222222222210\): cannot be reached \(AssumeRole denied\)/,
      );
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) {
        expect(line.length).toBeLessThanOrEqual(columns);
        expect(line).not.toContain('…');
      }
      // And the whole advice can be read, the command that gives the role included
      expect(lines.map((l) => l.trim()).join(' ')).toBe(`warn: ${ROLE_DENIED}`);
    },
  );

  it('shows the same hint once when the verify sweep repeats it', async () => {
    const ui = renderHost({ columns: 100, rows: 32 });
    for (const event of eventsUntilPlan()) ui.host.notify(event);
    const suspended = 'legacy-closed (222222222211): suspended, reported as information';
    ui.host.notify({ type: 'log', level: 'info', message: suspended });
    warnRoleDenied(ui);
    ui.host.notify({ type: 'log', level: 'info', message: suspended });
    await tick();
    const frame = ui.frame();
    expect(frame.split(suspended).length - 1).toBe(1);
    expect(frame).toContain('warn: sandbox-bob (222222222210)');
  });

  it('keeps the role-denied warning when newer information lines come (three lines at most)', async () => {
    const ui = renderHost({ columns: 100, rows: 32 });
    for (const event of eventsUntilPlan()) ui.host.notify(event);
    warnRoleDenied(ui);
    for (const message of ['suspended: legacy-closed', 'DenyIMDSv1 will reach 9', 'canaried'])
      ui.host.notify({ type: 'log', level: 'info', message });
    await tick();
    const frame = ui.frame();
    expect(frame).toContain('warn: sandbox-bob (222222222210)');
    expect(frame).not.toContain('suspended: legacy-closed');
    expect(frame).toContain('DenyIMDSv1 will reach 9');
    expect(frame).toContain('canaried');
  });

  it('keeps the wave question and its "(number toggles)" hint whole at 80×24, within 24 rows', async () => {
    // Given an 80×24 terminal at the wave question of the demo
    const ui = renderHost({ columns: 80, rows: 24 });
    for (const event of eventsUntilPlan()) ui.host.notify(event);
    ui.host.notify({ type: 'step.started', step: 'confirm', title: 'Confirm' });
    void ui.host.ask(demoWaves);
    await tick();
    const frame = ui.frame();
    const lines = frame.split('\n');
    // Then the question, the hint and the held accounts are shown uncut
    expect(frame).toContain(
      '? Apply 106 of 121 planned changes in 3 of 3 waves? 17 relaxing: asked next.',
    );
    expect(
      lines.some((l) => l.trim() === '(number toggles)' || l.endsWith(' (number toggles)')),
    ).toBe(true);
    expect(frame).toContain(
      "  held out: payments-dev (readiness) · out of the SCP's reach: shared-services,",
    );
    expect(lines).toContain('  web-dev');
    expect(frame).toMatch(/\[x\] 3 production\s+36 changes · 4 accounts ⚠ production\n/);
    // And what each wave does with the SCP's new content goes under its row, whole
    expect(lines).toContain(`${' '.repeat(8)}DenyIMDSv1 takes the new content`);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    // And the whole frame fits the screen
    expect(lines.length).toBeLessThanOrEqual(24);
  });

  it('keeps the apply within 24 rows at 80×24: the launch preview keeps its counts and holds', async () => {
    // Given a rollout whose launch preview listed three refusing principals with their fix and
    // held two accounts out of the SCP's reach, confirmed with a long summary, now applying
    const ui = renderHost({ columns: 80, rows: 24 });
    for (const event of eventsUntilPlan()) ui.host.notify(event);
    ui.host.notify({ type: 'step.started', step: 'readiness', title: 'Readiness' });
    ui.host.notify({ type: 'step.finished', step: 'readiness', status: 'ok' });
    const principal = (accountName: string, n: number) => ({
      accountId: `22222222220${n}`,
      accountName,
      principal: `role/deployer-${n}`,
      launcher: 'Terraform',
      verdict: 'refused' as const,
      launches: 1,
      refused: 1,
      fix: 'metadata_options { http_tokens = "required" } on the aws_launch_template',
    });
    ui.host.notify({
      type: 'launches.previewed',
      policy: 'DenyIMDSv1',
      lookbackDays: 14,
      launches: 15,
      refused: 6,
      unknown: 4,
      accountsWithRefusals: 3,
      principals: [principal('web-dev', 8), principal('shared-services', 4), principal('x', 7)],
      lookupDenied: [],
    });
    const held = (accountId: string, accountName: string) => ({
      accountId,
      accountName,
      changes: 17,
      evidence: ['launches the SCP would refuse'],
    });
    ui.host.notify({
      type: 'readiness.gated',
      lane: 'scp',
      held: [held('222222222204', 'shared-services'), held('222222222208', 'web-dev')],
      overridden: [],
    });
    ui.host.notify({ type: 'step.started', step: 'confirm', title: 'Confirm' });
    ui.host.notify({
      type: 'step.finished',
      step: 'confirm',
      status: 'ok',
      summary:
        '3 of 3 waves: canary, non-production, production · 17 relaxing changes approved separately · DenyIMDSv1 will reach 9 accounts; held: shared-services (launches would be refused), payments-dev (readiness), web-dev (launches would be refused)',
    });
    ui.host.notify({ type: 'step.started', step: 'apply', title: 'Apply' });
    const wave = DEMO_WAVES[1];
    const started = waveEvents(wave?.name ?? '', 1, 3, wave?.ous ?? []).slice(0, 4);
    for (const event of started) ui.host.notify(event);
    await tick();
    // Then the frame fits the screen, with the progress, the holds and the folded Confirm line
    const lines = ui.frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(lines.some((l) => l.includes('wave 2/3 non-production'))).toBe(true);
    expect(lines).toContain('  ⚠ held out of the SCP: web-dev (222222222208) · defaults still set');
    expect(lines.some((l) => l.startsWith('               changes approved separately'))).toBe(
      true,
    );
    // And the principals with their fix, read before the plan, give their rows to the apply
    expect(lines.some((l) => l.includes('fix:'))).toBe(false);
  });

  it('keeps why an account is held whole at 80 columns: the evidence goes under its row', async () => {
    const ui = renderHost({ columns: 80, rows: 24 });
    for (const event of eventsUntilPlan()) ui.host.notify(event);
    const evidence =
      '1 launch the SCP would refuse (AWS console: role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0a1b2c3d4e5f6a7b)';
    void ui.host.ask({
      kind: 'choose-accounts',
      id: 'rollout.launch-gate',
      message:
        '2 accounts launch instances the SCP would refuse: held out of its reach (account defaults still apply). Include any anyway?',
      flag: '--allow-at-risk',
      defaultAnswer: [],
      accounts: [
        {
          accountId: '222222222204',
          accountName: 'shared-services',
          changes: 15,
          evidence: [evidence],
        },
        {
          accountId: '222222222207',
          accountName: 'payments-dev',
          changes: 17,
          evidence: ['at risk'],
        },
      ],
    });
    await tick();
    const lines = ui.frame().split('\n');
    const row = lines.findIndex((l) => l.includes('1 shared-services (222222222204)'));
    const below: string[] = [];
    for (const line of lines.slice(row + 1)) {
      if (!line.startsWith(' '.repeat(8))) break;
      below.push(line.trim());
    }
    // The row fits, the evidence follows it whole (a long ARN cut into pieces, not lost)
    expect(lines[row]).toMatch(/\[ \] 1 shared-services \(222222222204\)\s+held out$/);
    expect(below[0]).toBe('1 launch the SCP would refuse (AWS console:');
    expect(below.join('').replace(/\s/g, '')).toBe(evidence.replace(/\s/g, ''));
    // A short reason stays on its row
    expect(lines).toContain('  [ ] 2 payments-dev (222222222207)     held out · at risk');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines.length).toBeLessThanOrEqual(24);
  });
});
