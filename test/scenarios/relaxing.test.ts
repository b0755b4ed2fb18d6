/**
 * Relaxing changes need their own approval (issue 16, point 6): in the demo, network's hop limit
 * 1 → 2 loosens a protection. Without a terminal, --yes alone refuses it (naming the change and
 * the field) — for a saved plan too — and --allow-relaxing lets it through; the journal keeps the
 * approval so `apply --resume` does not need the flag again.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { apply } from '../../src/app/apply.js';
import type { Question } from '../../src/events/types.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { journalIn } from '../_helpers/journal-watch.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { appContext } from './_demo.js';
import { DEMO } from './_demo-drift.js';

const ONE_REGION = ['--regions', 'us-east-1'];
// payments-dev's defaults relax the same field (apply has no readiness gate; the rollout does).
const NAMED = 'network (222222222203) us-east-1: httpPutResponseHopLimit 1 → 2';
const PAYMENTS_DEV = 'payments-dev (222222222207) us-east-1: httpPutResponseHopLimit 1 → 2';

const open: SandboxHandle[] = [];
afterEach(async () => {
  for (const sb of open.splice(0)) await sb.close();
});

async function sandbox(): Promise<SandboxHandle> {
  const sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0, seed: 1 });
  open.push(sb);
  return sb;
}

const writes = async (sb: SandboxHandle) =>
  Object.values((await sb.admin.counters()).imdsWrites).reduce((a, b) => a + b, 0);

describe('relaxing changes need their own approval', { timeout: 120_000 }, () => {
  it('apply --yes without a terminal refuses them, naming each change and field and the flag; nothing is written', async () => {
    const sb = await sandbox();
    const run = await runAgainst(sb, tempDir(), [...ONE_REGION, 'apply', '--yes']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('Refusing 2 relaxing changes');
    expect(run.stderr).toContain(NAMED);
    expect(run.stderr).toContain(PAYMENTS_DEV);
    expect(run.stderr).toContain('--allow-relaxing');
    expect(await writes(sb)).toBe(0);
    expect((await sb.admin.getImds(DEMO.network, 'us-east-1')).account).toMatchObject({
      httpPutResponseHopLimit: 1,
    });
  });

  it('a saved plan is refused too, and applies with --allow-relaxing', async () => {
    const sb = await sandbox();
    const cwd = tempDir();
    const planned = await runAgainst(sb, cwd, [...ONE_REGION, 'plan', '--out', 'plan.json']);
    expect(planned.code, planned.stderr).toBe(0);
    // The plan text names the field that relaxes and counts the relaxing changes
    expect(planned.stdout).toContain('! relaxes httpPutResponseHopLimit (needs its own approval)');
    expect(planned.stdout).toMatch(/Plan: \d+ to change \(2 relaxing\)/);
    expect(JSON.parse(readFileSync(`${cwd}/plan.json`, 'utf8')).summary.relaxing).toBe(2);

    const refused = await runAgainst(sb, cwd, [...ONE_REGION, 'apply', 'plan.json']);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toContain(NAMED);
    expect(await writes(sb)).toBe(0);

    const applied = await runAgainst(sb, cwd, [
      ...ONE_REGION,
      'apply',
      'plan.json',
      '--allow-relaxing',
    ]);
    expect(applied.code, applied.stderr).toBe(0);
    expect((await sb.admin.getImds(DEMO.network, 'us-east-1')).account).toMatchObject({
      httpPutResponseHopLimit: 2,
    });
  });

  it('with --allow-relaxing it applies, the journal records the approval, NDJSON counts them', async () => {
    const sb = await sandbox();
    const cwd = tempDir();
    const run = await runAgainst(sb, cwd, [
      ...ONE_REGION,
      'apply',
      '--yes',
      '--allow-relaxing',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const events = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(events.find((e) => e.type === 'plan.ready')?.summary.relaxing).toBe(2);
    expect(
      events.some((e) => e.type === 'log' && e.message.includes(`(--allow-relaxing): ${NAMED}`)),
    ).toBe(true);
    const header = JSON.parse(readFileSync(journalIn(cwd) ?? '', 'utf8').split('\n')[0] ?? '{}');
    expect(header.decisions).toMatchObject({ allowRelaxing: true });
    expect((await sb.admin.getImds(DEMO.network, 'us-east-1')).account).toMatchObject({
      httpPutResponseHopLimit: 2,
    });
  });

  it('apply --resume keeps the approval of the run it continues', async () => {
    const sb = await sandbox();
    const cwd = tempDir();
    const controller = new AbortController();
    const poll = setInterval(() => {
      if (journalIn(cwd) && !controller.signal.aborted) {
        void sb.admin.setFaults({ latencyMs: 100 }).then(() => controller.abort());
      }
    }, 10);
    const first = await runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing'], {
      signal: controller.signal,
    });
    clearInterval(poll);
    expect(first.code, first.stderr).toBe(130);
    await sb.admin.setFaults({ latencyMs: 0 });
    const journal = journalIn(cwd) ?? '';
    // No --allow-relaxing now: the journal's decision carries it
    const resumed = await runAgainst(sb, cwd, ['apply', '--resume', journal, '--yes']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('--allow-relaxing');
    for (const region of ['us-east-1', 'eu-west-1']) {
      expect((await sb.admin.getImds(DEMO.network, region)).account).toMatchObject({
        httpPutResponseHopLimit: 2,
      });
    }
  });

  it('the guided rollout without a terminal refuses them before any write', async () => {
    const sb = await sandbox();
    const before = await sb.admin.attachments();
    const run = await runAgainst(sb, tempDir(), [...ONE_REGION, '--yes']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('relaxing changes need --allow-relaxing');
    expect(run.stderr).toContain(NAMED);
    expect(await writes(sb)).toBe(0);
    expect(await sb.admin.attachments()).toEqual(before);
  });

  it('in a terminal a separate question lists them; no declines and writes nothing, yes is journaled', async () => {
    const sb = await sandbox();
    const run = async (approve: boolean) => {
      const cwd = tempDir();
      const asked: Question[] = [];
      const { ctx } = appContext(sb, { overrides: { regions: ['us-east-1'] } });
      const host = {
        notify: () => {},
        ask: async (q: Question) => {
          asked.push(q);
          return (q.id === 'apply.relaxing' ? approve : true) as never;
        },
      };
      const outcome = await apply(
        { ...ctx, host },
        { reportsDir: `${cwd}/guardrails-reports`, interactive: true, yes: false },
      ).catch((error: unknown) => error);
      return { asked, outcome, cwd };
    };
    // When the admin confirms the plan but says no to the relaxing changes
    const declined = await run(false);
    // Then the relaxing question came after the plan's, listing each change with its field
    expect(declined.asked.map((q) => q.id)).toEqual(['apply.confirm', 'apply.relaxing']);
    const question = declined.asked[1];
    expect(question?.kind === 'confirm' && question.details).toEqual([NAMED, PAYMENTS_DEV]);
    expect(declined.outcome).toMatchObject({ code: 'USER_ABORT' });
    expect(await writes(sb)).toBe(0);
    expect(journalIn(declined.cwd)).toBeUndefined();
    // When the admin says yes, the run applies and its journal keeps the approval
    const approved = await run(true);
    expect(approved.outcome).toMatchObject({ status: 'converged' });
    const header = JSON.parse(
      readFileSync(journalIn(approved.cwd) ?? '', 'utf8').split('\n')[0] ?? '{}',
    );
    expect(header.decisions).toMatchObject({ allowRelaxing: true });
  });
});
