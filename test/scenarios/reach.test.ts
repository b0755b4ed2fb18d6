/**
 * The reach model end to end: what the rollout holds back is outside every guardrail, checked
 * with the real CLI against the demo sandbox and the sandbox's SCP evaluation (RunInstances as
 * the member account).
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJournal } from '../../src/execute/journal-store.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { doneCount, journalIn } from '../_helpers/journal-watch.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { assume, clients, dryRunLaunchCommand, failure } from '../sandbox/clients.js';

const PAYMENTS_DEV = '222222222207';
const WEB_DEV = '222222222208';

let sb: SandboxHandle;
beforeEach(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0 });
});
afterEach(() => sb.close());

function writeConfig(cwd: string, extra: Record<string, unknown> = {}): void {
  writeFileSync(
    join(cwd, 'guardrails.config.json'),
    JSON.stringify({
      rollout: {
        waves: [
          { name: 'non-production', ous: ['Root/Workloads/Dev', 'Root/Sandbox'] },
          { name: 'production', rest: true },
        ],
      },
      ...extra,
    }),
  );
}

/** An IMDSv1 launch (DryRun) as the account's member role: the SCP decides before EC2 does. */
async function imdsV1Launch(accountId: string) {
  const { ec2 } = clients(sb, await assume(sb, accountId));
  return failure(ec2.send(dryRunLaunchCommand({ HttpTokens: 'optional' })));
}

describe('the SCP reaches exactly the accounts the run enforces', () => {
  it('after a guided rollout with the gate on, payments-dev (held) can still launch IMDSv1; web-dev cannot', async () => {
    // Given the demo, where payments-dev calls IMDSv1 and the gate holds it (web-dev's Karpenter
    // launches would hold it too: the admin lets it in, so it is the enforced account here)
    const cwd = tempDir();
    writeConfig(cwd);
    // When the guided rollout runs without a terminal
    const run = await runAgainst(sb, cwd, [
      '--regions',
      'us-east-1',
      '--allow-at-risk',
      WEB_DEV,
      '--yes',
      '--allow-relaxing',
    ]);
    expect(run.code, run.stderr).toBe(0);
    // Then it says in words where DenyIMDSv1 reaches and which account it holds
    expect(run.stderr).toContain(
      'DenyIMDSv1 will reach 11 accounts; held: payments-dev (readiness)',
    );
    // And the SCP refuses the IMDSv1 launch in web-dev but not in payments-dev
    expect(await imdsV1Launch(WEB_DEV)).toMatchObject({ name: 'UnauthorizedOperation' });
    expect(await imdsV1Launch(PAYMENTS_DEV)).toMatchObject({ name: 'DryRunOperation' });
    // And DenyIMDSv1 is attached around payments-dev, never to Root
    const attachments = await sb.admin.attachments();
    const deny = (await sb.admin.policies()).find((p) => p.name === 'DenyIMDSv1');
    const where = Object.entries(attachments)
      .filter(([, ids]) => ids.includes(deny?.id ?? ''))
      .map(([target]) => target);
    expect(where).not.toContain('r-gr01');
    expect(where).toContain(WEB_DEV);
  }, 90_000);
});

describe('narrowed runs change nothing outside their scope by default', () => {
  // Companions on: the template differs from the demo's DenyIMDSv1, so there is an update.
  const companions = { scp: { companions: { maxHopLimit: { enabled: true, max: 2 } } } };

  it('a one-account plan leaves the update of the policy attached elsewhere out, and lists it', async () => {
    const cwd = tempDir();
    writeConfig(cwd, companions);
    const run = await runAgainst(sb, cwd, [
      '--regions',
      'us-east-1',
      '--accounts',
      WEB_DEV,
      'plan',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout);
    // Nothing in the plan reaches an account but web-dev
    for (const change of plan.changes) {
      if (change.kind === 'attachment.add') expect(change.target.id).toBe(WEB_DEV);
      else expect(['imds.set']).toContain(change.kind);
    }
    expect(plan.leftOut).toMatchObject([{ change: { kind: 'policy.update' }, outsideScope: 3 }]);
    const text = await runAgainst(sb, cwd, [
      '--regions',
      'us-east-1',
      '--accounts',
      WEB_DEV,
      'plan',
    ]);
    expect(text.stdout).toContain(
      'Left out: the update of DenyIMDSv1 would reach 3 accounts outside the scope (add --include-org-changes to include it).',
    );
  }, 60_000);

  it('--include-org-changes includes them and says how many accounts outside the scope they reach', async () => {
    const cwd = tempDir();
    writeConfig(cwd, companions);
    const run = await runAgainst(sb, cwd, [
      '--regions',
      'us-east-1',
      '--accounts',
      WEB_DEV,
      '--include-org-changes',
      'plan',
    ]);
    expect(run.code, run.stderr).toBe(0);
    // The content update goes to web-dev first (its canary), then everywhere in production
    expect(run.stdout).toContain('+ attach DenyIMDSv1-next to web-dev (222222222208)');
    expect(run.stdout).toContain('~ swap canary DenyIMDSv1-next into policy DenyIMDSv1');
    expect(run.stdout).toContain('+ attach DenyIMDSv1 to Root');
    expect(run.stdout).toContain('DenyIMDSv1 will reach 12 accounts (11 outside the scope');
  }, 60_000);
});

describe('resume keeps the run decisions', () => {
  it('after Ctrl-C in a gated rollout, apply --resume leaves the held account untouched in every lane', async () => {
    // Given a guided rollout holding payments-dev, stopped (Ctrl-C) once it has written a little
    const cwd = tempDir();
    writeConfig(cwd);
    await sb.admin.setFaults({ latencyMs: 20 });
    const controller = new AbortController();
    const running = runAgainst(
      sb,
      cwd,
      ['--regions', 'us-east-1,eu-west-1', '--allow-at-risk', WEB_DEV, '--yes', '--allow-relaxing'],
      { signal: controller.signal },
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      const journal = journalIn(cwd);
      if ((journal && doneCount(journal) >= 2) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    controller.abort();
    const stopped = await running;
    expect(stopped.code, stopped.stderr).toBe(130);
    const journal = journalIn(cwd) as string;
    // The journal header keeps the decision and why
    const state = await readJournal(journal);
    // (in eu-west-1 shared-services has a console launch the SCP would refuse: held too)
    expect(state.header.decisions?.held).toEqual([
      expect.objectContaining({ accountId: PAYMENTS_DEV, reason: 'readiness' }),
      expect.objectContaining({ accountId: '222222222204', reason: 'launches' }),
    ]);
    expect([...state.changes.values()].filter((c) => c.status === 'done').length).toBeLessThan(30);
    await sb.admin.setFaults({ latencyMs: 0 });

    // When the run is resumed (without the gate's readiness read: only the journal remembers)
    const resumed = await runAgainst(sb, cwd, ['apply', '--resume', journal, '--yes']);

    // Then it says what it honours, finishes, and payments-dev is untouched: defaults and SCP
    expect(resumed.code, resumed.stderr + resumed.stdout).toBe(0);
    expect(resumed.stderr).toContain(
      'Run decisions (from the journal): held payments-dev (readiness)',
    );
    expect((await sb.admin.getImds(PAYMENTS_DEV, 'us-east-1')).account).toMatchObject({
      httpTokens: 'optional',
      httpPutResponseHopLimit: 1,
    });
    expect((await sb.admin.getImds(WEB_DEV, 'eu-west-1')).account.httpTokens).toBe('required');
    expect(await imdsV1Launch(PAYMENTS_DEV)).toMatchObject({ name: 'DryRunOperation' });
    expect(await imdsV1Launch(WEB_DEV)).toMatchObject({ name: 'UnauthorizedOperation' });
  }, 120_000);
});
