/**
 * SCP content updates are canaried like everything else (issue 16): with the real rollout, apply
 * and rollback against the demo sandbox and the sandbox's SCP evaluation of RunInstances.
 * DenyIMDSv1 sits on Root/Workloads/Prod; the config adds the hop-limit statement (a stricter
 * update) with a canary wave (sandbox-alice) before production. The new content reaches the
 * canary through DenyIMDSv1-next first; production keeps the old content until its wave runs.
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apply } from '../../src/app/apply.js';
import type { AppContext } from '../../src/app/context.js';
import { rollback } from '../../src/app/rollback.js';
import { runRollout } from '../../src/app/rollout.js';
import { createRolloutSteps } from '../../src/app/rollout-steps.js';
import type { UserConfig } from '../../src/config/schema.js';
import { samePolicyContent } from '../../src/core/model/canonical-json.js';
import type { Plan } from '../../src/core/plan/types.js';
import type { Host } from '../../src/events/host.js';
import type { GuardrailsEvent, Question } from '../../src/events/types.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { scriptedHost } from '../_helpers/answering-host.js';
import { journalIn } from '../_helpers/journal-watch.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { dryRunLaunch } from '../sandbox/clients.js';
import { appContext } from './_demo.js';

const PAYMENTS_PROD = '222222222205';
const SANDBOX_ALICE = '222222222209';
const HOPS_3 = { tokens: 'required', hops: 3 } as const;

const CONFIG: UserConfig = {
  readiness: { gate: false },
  scp: { companions: { maxHopLimit: { enabled: true, max: 2 } } },
  rollout: {
    confirmBetweenWaves: true,
    waves: [
      { name: 'canary', accounts: [SANDBOX_ALICE] },
      { name: 'production', rest: true },
    ],
  },
};

let sb: SandboxHandle;
beforeEach(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0 });
});
afterEach(() => sb.close());

/** A launch asking for hop limit 3: the canaried statement refuses it. */
const launch = (accountId: string) => dryRunLaunch(sb, accountId, HOPS_3);
const admin = scriptedHost;

function context(host: Host, signal?: AbortSignal): AppContext {
  const { ctx } = appContext(sb, { config: CONFIG, overrides: { regions: ['us-east-1'] } });
  return { ...ctx, host, ...(signal ? { signal } : {}) };
}

const steps = (cwd: string) =>
  createRolloutSteps({
    reportsDir: `${cwd}/guardrails-reports`,
    interactive: true,
    yes: false,
    cwd,
  });

function yesToAll(q: Question): unknown {
  if (q.kind === 'type-to-confirm' || q.kind === 'confirm') return true;
  return q.defaultAnswer;
}

/** The SCPs by name with their content, as Organizations has them now. */
async function scps(ctx: AppContext): Promise<Map<string, string>> {
  const org = ctx.gateways.organizations;
  const out = new Map<string, string>();
  for (const p of await org.listPolicies('SERVICE_CONTROL_POLICY')) {
    if (!p.awsManaged) out.set(p.name, (await org.describePolicy(p.id)).content);
  }
  return out;
}

function newContentOf(plan: Plan): string {
  const swap = plan.changes.find((c) => c.kind === 'policy.swap');
  if (swap?.kind !== 'policy.swap') throw new Error('the plan has no canary swap');
  return swap.after.content;
}

describe('SCP content updates are canaried', { timeout: 180_000 }, () => {
  it('the new content reaches the canary wave only until production runs; then only DenyIMDSv1 remains, with it; rollback puts the old content back', async () => {
    const cwd = tempDir();
    const oldContent = (await scps(context(admin(yesToAll)))).get('DenyIMDSv1');
    expect(await launch(SANDBOX_ALICE)).toBe('allowed');
    const between: Record<string, string> = {};
    let policiesBetween: string[] = [];
    let waveScreen: unknown[] = [];
    const host = admin(async (q) => {
      if (q.kind === 'choose-waves') waveScreen = q.waves.map((w) => [w.name, w.scp]);
      if (q.id === 'apply.next-wave') {
        // When the canary wave is done and the rollout asks to go on to production
        between.canary = await launch(SANDBOX_ALICE);
        between.production = await launch(PAYMENTS_PROD);
        policiesBetween = [...(await scps(context(host))).keys()].sort();
      }
      return yesToAll(q);
    });
    const result = await runRollout(context(host), steps(cwd), { yes: false, interactive: true });
    expect(result.exitCode).toBe(0);
    // The screen said which wave gets the new content
    const said = host.events.flatMap((e) => (e.type === 'log' ? [e.message] : []));
    expect(said).toContain(
      'DenyIMDSv1 content update: canaried as DenyIMDSv1-next in wave canary (1 account), swapped in wave production',
    );
    expect(waveScreen).toEqual([
      ['canary', 'DenyIMDSv1-next (new DenyIMDSv1 content)'],
      ['production', 'DenyIMDSv1 takes the new content'],
    ]);
    // Then between the waves the canary ran under the new content, production under the old
    expect(policiesBetween).toEqual(['DenyIMDSv1', 'DenyIMDSv1-next']);
    expect(between).toEqual({ canary: 'UnauthorizedOperation', production: 'allowed' });
    // And after production only DenyIMDSv1 is left, with the new content, refusing everywhere
    const after = await scps(context(host));
    expect([...after.keys()]).toEqual(['DenyIMDSv1']);
    expect(samePolicyContent(after.get('DenyIMDSv1'), newContentOf(result.plan))).toBe(true);
    expect(await launch(PAYMENTS_PROD)).toBe('UnauthorizedOperation');
    expect(await launch(SANDBOX_ALICE)).toBe('UnauthorizedOperation');

    // When the run is rolled back
    const journal = journalIn(cwd) as string;
    const undone = await rollback(context(admin(yesToAll)), {
      journalPath: journal,
      reportsDir: `${cwd}/guardrails-reports`,
      interactive: false,
      yes: true,
    });
    // Then the old content is back and no canary is left
    expect(undone.status).toBe('restored');
    const restored = await scps(context(host));
    expect([...restored.keys()]).toEqual(['DenyIMDSv1']);
    expect(samePolicyContent(restored.get('DenyIMDSv1'), oldContent)).toBe(true);
    expect(await launch(PAYMENTS_PROD)).toBe('allowed');
  });

  it('Ctrl-C after the canary wave, then apply --resume: the leftover DenyIMDSv1-next is reused and swapped, and the organization converges', async () => {
    const cwd = tempDir();
    const controller = new AbortController();
    const host = admin((q) => {
      if (q.id === 'apply.next-wave') {
        // Ctrl-C at the question between the waves
        controller.abort();
        return false;
      }
      return yesToAll(q);
    });
    await expect(
      runRollout(context(host, controller.signal), steps(cwd), { yes: false, interactive: true }),
    ).rejects.toThrow(/Stopped/);
    // Stopped mid-canary: the canary is refused, production not yet
    expect([...(await scps(context(host))).keys()].sort()).toEqual([
      'DenyIMDSv1',
      'DenyIMDSv1-next',
    ]);
    expect(await launch(SANDBOX_ALICE)).toBe('UnauthorizedOperation');
    expect(await launch(PAYMENTS_PROD)).toBe('allowed');

    // When the run is resumed from its journal
    const journal = journalIn(cwd) as string;
    const resumeHost = admin(yesToAll);
    const resumed = await apply(context(resumeHost), {
      resumeJournal: journal,
      reportsDir: `${cwd}/guardrails-reports`,
      interactive: false,
      yes: true,
    });
    // Then the canary was not created again, the swap ran, and nothing is left to do
    expect(resumed.status).toBe('converged');
    const labels = resumeHost.events.flatMap((e) => (e.type === 'change.started' ? [e.label] : []));
    expect(labels).not.toContain('create policy DenyIMDSv1-next');
    expect(labels).toContain('swap canary DenyIMDSv1-next into policy DenyIMDSv1');
    expect([...(await scps(context(host))).keys()]).toEqual(['DenyIMDSv1']);
    expect(await launch(PAYMENTS_PROD)).toBe('UnauthorizedOperation');
    const again = await apply(context(admin(yesToAll)), {
      reportsDir: `${cwd}/guardrails-reports-2`,
      interactive: false,
      yes: true,
    });
    expect(again.status).toBe('no-changes');
  });

  it('a run stopped after the canary wave rolls back cleanly: DenyIMDSv1-next detached and deleted', async () => {
    const cwd = tempDir();
    const host = admin((q) => (q.id === 'apply.next-wave' ? false : yesToAll(q)));
    const result = await runRollout(context(host), steps(cwd), { yes: false, interactive: true });
    expect(result.apply?.stopped).toBe(true);
    expect(await launch(SANDBOX_ALICE)).toBe('UnauthorizedOperation');
    const undone = await rollback(context(admin(yesToAll)), {
      journalPath: journalIn(cwd) as string,
      reportsDir: `${cwd}/guardrails-reports`,
      interactive: false,
      yes: true,
    });
    expect(undone.status).toBe('restored');
    expect([...(await scps(context(host))).keys()]).toEqual(['DenyIMDSv1']);
    expect(await launch(SANDBOX_ALICE)).toBe('allowed');
  });

  it('the CLI: `plan` names the wave that gets the new content, and a saved plan applies with its canary', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'guardrails.config.json'), JSON.stringify(CONFIG));
    const planned = await runAgainst(sb, cwd, [
      '--regions',
      'us-east-1',
      'plan',
      '--out',
      'p.json',
    ]);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toContain('+ create policy DenyIMDSv1-next');
    expect(planned.stdout).toContain('+ attach DenyIMDSv1-next to sandbox-alice (222222222209)');
    expect(planned.stdout).toContain('~ swap canary DenyIMDSv1-next into policy DenyIMDSv1');
    expect(planned.stdout).toContain(
      'DenyIMDSv1 content update: canaried as DenyIMDSv1-next in wave canary (1 account), swapped in wave production',
    );
    const applied = await runAgainst(sb, cwd, [
      '--regions',
      'us-east-1',
      'apply',
      'p.json',
      '--yes',
      '--allow-relaxing',
    ]);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    expect([...(await scps(context(admin(yesToAll)))).keys()]).toEqual(['DenyIMDSv1']);
    expect(await launch(SANDBOX_ALICE)).toBe('UnauthorizedOperation');
    expect(await launch(PAYMENTS_PROD)).toBe('UnauthorizedOperation');
  });

  it('a loosening update is not canaried: the plan updates in place in production and says why', async () => {
    // Given the stricter content already rolled out
    const cwd = tempDir();
    const config = join(cwd, 'guardrails.config.json');
    writeFileSync(config, JSON.stringify(CONFIG));
    const args = ['--regions', 'us-east-1'];
    const applied = await runAgainst(sb, cwd, [...args, 'apply', '--yes', '--allow-relaxing']);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    // When the config drops the hop-limit statement again (a Deny removed: loosening)
    writeFileSync(config, JSON.stringify({ ...CONFIG, scp: {} }));
    const planned = await runAgainst(sb, cwd, [...args, 'plan']);
    // Then the plan updates DenyIMDSv1 in place, in production, and says why no canary
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toContain('~ update policy DenyIMDSv1');
    expect(planned.stdout).not.toContain('DenyIMDSv1-next');
    expect(planned.stdout).toMatch(
      /DenyIMDSv1 content update: not canaried \(the update loosens it .*\); updated in place in wave production/s,
    );
  });

  it('Ctrl-C right after DenyIMDSv1-next is created, then apply --resume: attached and swapped, never created twice', async () => {
    const cwd = tempDir();
    const controller = new AbortController();
    const labels = new Map<string, string>();
    const host: Host & { events: GuardrailsEvent[] } = {
      events: [],
      notify(e) {
        if (e.type === 'change.started') labels.set(e.changeId, e.label);
        // Ctrl-C the moment the canary exists, before anything is attached to it
        if (
          e.type === 'change.succeeded' &&
          labels.get(e.changeId) === 'create policy DenyIMDSv1-next'
        ) {
          controller.abort();
        }
      },
      ask: async (q) => yesToAll(q) as never,
    };
    await expect(
      runRollout(context(host, controller.signal), steps(cwd), { yes: false, interactive: true }),
    ).rejects.toThrow(/Stopped/);
    expect([...(await scps(context(host))).keys()].sort()).toEqual([
      'DenyIMDSv1',
      'DenyIMDSv1-next',
    ]);
    const resumeHost = admin(yesToAll);
    const resumed = await apply(context(resumeHost), {
      resumeJournal: journalIn(cwd) as string,
      reportsDir: `${cwd}/guardrails-reports`,
      interactive: false,
      yes: true,
    });
    expect(resumed.status).toBe('converged');
    const started = resumeHost.events.flatMap((e) =>
      e.type === 'change.started' ? [e.label] : [],
    );
    expect(started).not.toContain('create policy DenyIMDSv1-next');
    expect(started).toContain('attach DenyIMDSv1-next to sandbox-alice (222222222209)');
    expect([...(await scps(context(host))).keys()]).toEqual(['DenyIMDSv1']);
    expect(await launch(SANDBOX_ALICE)).toBe('UnauthorizedOperation');
    expect(await launch(PAYMENTS_PROD)).toBe('UnauthorizedOperation');
  });
});
