/**
 * At 80×24 the rollout screen folds what it used to cut — the launch preview's counts and fixes,
 * the plan's Skipped list, the accounts held out under Apply, Confirm's reach and canary — and
 * counts the folded lines, so the frame still fits the screen.
 */
import { describe, expect, it } from 'vitest';
import type { GuardrailsEvent, PreviewedPrincipal } from '../../src/events/types.js';
import {
  DEMO_WAVES,
  demoPlan,
  eventsAfterConfirm,
  eventsUntilPlan,
  waveEvents,
} from '../_fixtures/demo-rollout.js';
import { renderHost, tick } from './_render.js';

const KARPENTER_FIX =
  'EC2NodeClass spec.metadataOptions.httpTokens: required. Karpenter validates each EC2NodeClass on apply; nodes launched before keep their options';
const CONSOLE_FIX =
  'Launch instance wizard → Advanced details → Metadata version: V2 only (token required).';
const TERRAFORM_FIX =
  'metadata_options { http_tokens = "required" } on the aws_instance or aws_launch_template.';

function principal(
  accountName: string,
  n: number,
  who: string,
  launcher: string,
  fix: string,
): PreviewedPrincipal {
  return {
    accountId: `22222222220${n}`,
    accountName,
    principal: who,
    launcher,
    verdict: 'refused',
    launches: 1,
    refused: 1,
    fix,
  };
}

/** The demo's launch preview: three refusing principals, four launches unknown. */
const PREVIEW: GuardrailsEvent = {
  type: 'launches.previewed',
  policy: 'DenyIMDSv1',
  lookbackDays: 14,
  launches: 15,
  refused: 6,
  unknown: 4,
  accountsWithRefusals: 3,
  principals: [
    principal(
      'web-dev',
      8,
      'role/KarpenterControllerRole-web-dev',
      'Karpenter 1.5.0',
      KARPENTER_FIX,
    ),
    principal(
      'shared-services',
      4,
      'role/AWSReservedSSO_AdministratorAccess_0a1b2c3d4e5f6a7b',
      'AWS console',
      CONSOLE_FIX,
    ),
    principal(
      'payments-dev',
      7,
      'user/legacy-deployer',
      'Terraform (AWS provider 3.76.1)',
      TERRAFORM_FIX,
    ),
  ],
  lookupDenied: [],
};

/** Preflight and Discover of the demo, then Readiness with its launch preview. */
function untilReadiness(): GuardrailsEvent[] {
  const discovered = eventsUntilPlan().filter(
    (e) => !('step' in e && e.step === 'plan') && e.type !== 'plan.ready',
  );
  return [
    ...discovered,
    { type: 'step.started', step: 'readiness', title: 'Readiness' },
    PREVIEW,
    {
      type: 'step.finished',
      step: 'readiness',
      status: 'ok',
      summary: '13 accounts: 9 ready, 1 at risk, 3 unknown',
    },
  ];
}

/** A line and the lines folded under it (indented deeper than `indent`), trimmed and joined. */
function foldedFrom(lines: string[], start: number, indent: number): string {
  const parts = [lines[start]?.trim() ?? ''];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith(' '.repeat(indent + 1)) || line.trim().startsWith('fix: ')) break;
    parts.push(line.trim());
  }
  return parts.join(' ');
}

function fitsTheScreen(frame: string, columns: number, rows: number): string[] {
  const lines = frame.split('\n');
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
  expect(lines.length).toBeLessThanOrEqual(rows);
  return lines;
}

describe('the rollout screen at 80×24 folds instead of cutting', () => {
  it('folds the launch preview: its counts whole, each listed principal with its whole fix, the rest counted', async () => {
    // Given the demo at the ring question, its launch preview listing three principals
    const ui = renderHost({ columns: 80, rows: 24 });
    for (const event of untilReadiness()) ui.host.notify(event);
    void ui.host.ask({
      kind: 'choose-stage',
      id: 'rollout.stage',
      message: 'Which enforcement ring to roll out?',
      stages: [
        { stage: 1, title: 'account defaults HttpTokens=required' },
        { stage: 2, title: 'defaults + the DenyIMDSv1 SCP' },
        { stage: 3, title: 'defaults + SCP + HttpTokensEnforced=enabled' },
      ],
      defaultAnswer: 2,
      reason:
        '9 of 13 ready, 1 at risk, 3 unknown, 6 instances still allow IMDSv1: ring 3 waits until they are ready',
      flag: '--stage',
    });
    await tick();
    const lines = fitsTheScreen(ui.frame(), 80, 24);
    // Then the counts are whole, "4 unknown" included
    const head = lines.findIndex((l) => l.startsWith('  Launches (14 days)'));
    expect(foldedFrom(lines, head, 2)).toBe(
      'Launches (14 days): 15 read, 6 would be refused by DenyIMDSv1 in 3 accounts, 4 unknown',
    );
    // And every principal listed comes with its whole fix; none is cut
    const listed = lines.filter((l) => l.startsWith('  ⚠ '));
    expect(listed.length).toBeGreaterThan(0);
    for (const p of PREVIEW.type === 'launches.previewed' ? PREVIEW.principals : []) {
      const at = lines.findIndex((l) => l.startsWith(`  ⚠ ${p.accountName} `));
      if (at < 0) continue;
      expect(foldedFrom(lines, at, 2)).toBe(
        `⚠ ${p.accountName} ${p.principal} · ${p.launcher} · 1 refused`,
      );
      const fix = lines.findIndex((l, i) => i > at && l.startsWith('    fix: '));
      expect(foldedFrom(lines, fix, 4)).toBe(`fix: ${p.fix}`);
    }
    // And those that do not fit are counted, not dropped
    expect(frameLine(lines, /^ {2}… (\d) more in guardrails readiness$/)).toBe(
      String(3 - listed.length),
    );
    expect(lines.filter((l) => l.endsWith('…'))).toEqual([]);
  });

  it('folds the Skipped list under the plan when the table leaves it the rows', async () => {
    const ui = renderHost({ columns: 80, rows: 24 });
    for (const event of eventsUntilPlan()) ui.host.notify(event);
    await tick();
    const lines = fitsTheScreen(ui.frame(), 80, 24);
    const at = lines.findIndex((l) => l.startsWith('  Skipped: '));
    expect(lines[at + 1]).toMatch(/^ {11}\S/);
    expect(foldedFrom(lines, at, 2)).toBe(
      'Skipped: data-platform (declarative-policy) · sandbox-bob (role-denied) · legacy-closed (suspended)',
    );
  });

  it('folds the accounts held out under Apply with their evidence, within 24 rows', async () => {
    const ui = renderHost({ columns: 80, rows: 24 });
    for (const event of eventsUntilPlan()) ui.host.notify(event);
    const evidence = '5,088 IMDSv1 calls in 14 days from 3 instances in us-east-1';
    ui.host.notify({
      type: 'readiness.gated',
      held: [
        {
          accountId: '222222222207',
          accountName: 'payments-dev',
          changes: 17,
          evidence: [evidence],
        },
      ],
      overridden: [],
    });
    ui.host.notify({ type: 'step.started', step: 'confirm', title: 'Confirm' });
    ui.host.notify({
      type: 'step.finished',
      step: 'confirm',
      status: 'ok',
      summary: '3 of 3 waves',
    });
    ui.host.notify({ type: 'step.started', step: 'apply', title: 'Apply' });
    for (const [i, w] of DEMO_WAVES.entries())
      for (const e of waveEvents(w.name, i, DEMO_WAVES.length, w.ous)) ui.host.notify(e);
    ui.host.notify({
      type: 'step.finished',
      step: 'apply',
      status: 'ok',
      summary: '104 succeeded',
    });
    ui.host.notify({ type: 'step.started', step: 'verify', title: 'Verify' });
    await tick();
    const lines = fitsTheScreen(ui.frame(), 80, 24);
    const at = lines.findIndex((l) => l.startsWith('  ⚠ held out: payments-dev'));
    expect(foldedFrom(lines, at, 2)).toBe(
      `⚠ held out: payments-dev (222222222207) · 17 changes not applied · ${evidence}`,
    );
  });

  it("gives Confirm's summary the rows the apply does not need: the canary sentence whole at 100×32", async () => {
    const ui = renderHost({ columns: 100, rows: 32 });
    for (const event of eventsUntilPlan()) ui.host.notify(event);
    const summary =
      '3 of 3 waves: canary, non-production, production · 17 relaxing changes approved separately · DenyIMDSv1 will reach 9 accounts; held: shared-services (launches would be refused), payments-dev (readiness), web-dev (launches would be refused) · DenyIMDSv1 content update: canaried as DenyIMDSv1-next in wave canary (3 accounts), widened in wave non-production (3 accounts), swapped in wave production';
    ui.host.notify({ type: 'step.started', step: 'confirm', title: 'Confirm' });
    ui.host.notify({ type: 'step.finished', step: 'confirm', status: 'ok', summary });
    ui.host.notify({ type: 'step.started', step: 'apply', title: 'Apply' });
    const wave = DEMO_WAVES[1];
    for (const e of waveEvents(wave?.name ?? '', 1, 3, wave?.ous ?? []).slice(0, 4))
      ui.host.notify(e);
    await tick();
    const lines = fitsTheScreen(ui.frame(), 100, 32);
    const at = lines.findIndex((l) => l.startsWith('✔ 4 Confirm '));
    expect(foldedFrom(lines, at, 14).replace(/ +/g, ' ')).toBe(`✔ 4 Confirm ${summary}`);
    expect(lines.some((l) => l.includes('wave 2/3 non-production'))).toBe(true);
  });
});

describe('the end of the rollout at 80×24', () => {
  it('fits the screen: the identity line and the launch preview give their rows to the outcome and the reports', async () => {
    // Given a demo rollout with a launch preview, both gates holding accounts, a long Confirm
    // summary, at the end with the verify-again question
    const ui = renderHost({ columns: 80, rows: 24 });
    for (const event of untilReadiness()) ui.host.notify(event);
    const held = (accountId: string, accountName: string, evidence: string) => ({
      accountId,
      accountName,
      changes: 17,
      evidence: [evidence],
    });
    ui.host.notify({
      type: 'readiness.gated',
      held: [
        held('222222222207', 'payments-dev', '5,088 IMDSv1 calls in 14 days from 3 instances'),
      ],
      overridden: [],
    });
    ui.host.notify({
      type: 'readiness.gated',
      lane: 'scp',
      held: [held('222222222208', 'web-dev', 'launches the SCP would refuse')],
      overridden: [],
    });
    for (const event of eventsUntilPlan().filter((e) => 'step' in e && e.step === 'plan'))
      ui.host.notify(event);
    const plan = demoPlan();
    ui.host.notify({ type: 'plan.revised', summary: plan.summary, plan, planned: 126 });
    ui.host.notify({ type: 'step.started', step: 'confirm', title: 'Confirm' });
    ui.host.notify({
      type: 'step.finished',
      step: 'confirm',
      status: 'ok',
      summary:
        '3 of 3 waves: canary, non-production, production · 17 relaxing changes approved separately · DenyIMDSv1 will reach 10 accounts; held: payments-dev (readiness), web-dev (launches would be refused) · DenyIMDSv1 content update: canaried as DenyIMDSv1-next in wave canary (3 accounts), widened in wave non-production (3 accounts), swapped in wave production',
    });
    for (const event of eventsAfterConfirm()) {
      ui.host.notify(event);
      // The demo's verify says the rings too (three lines at 80 columns)
      if (event.type === 'verify.finished')
        ui.host.notify({
          type: 'step.finished',
          step: 'verify',
          status: 'ok',
          summary:
            '164/203 compliant · 20 drift · 17 declarative policy · 1 unreachable · 1 suspended · 8 in ring 2, 2 in ring 1, 1 in ring 0, 2 unknown',
        });
    }
    ui.host.notify({ type: 'report.written', format: 'markdown', path: 'guardrails-reports/v.md' });
    void ui.host.ask({
      kind: 'confirm',
      id: 'rollout.verify-again',
      message: 'Run the verification sweep again?',
      defaultAnswer: false,
      flag: '--yes',
      safeDefault: true,
    });
    await tick();
    // Then the whole frame fits, with the held account's evidence and every report path
    // (the finished accounts above the title went to the terminal's scrollback: <Static>)
    const all = ui.frame();
    const frame = all.slice(all.indexOf('guardrails · guided rollout'));
    fitsTheScreen(frame, 80, 24);
    expect(frame).toContain('⚠ held out: payments-dev (222222222207)');
    expect(frame).toContain('guardrails-reports/verify-20261126T100002Z.html');
    expect(frame).toContain('? Run the verification sweep again?');
  });
});

/** The first group a line of the frame matches. */
function frameLine(lines: string[], pattern: RegExp): string | undefined {
  for (const line of lines) {
    const match = pattern.exec(line);
    if (match) return match[1];
  }
  return undefined;
}
