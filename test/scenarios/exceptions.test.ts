import { afterEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plan/types.js';
import type { VerifyReport } from '../../src/core/verify/types.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { diffWorlds, snapshotWorld } from '../_helpers/sandbox-world.js';
import { tempDir } from '../_helpers/temp-dir.js';

let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
});

const WEB_DEV = '222222222208';

const config = JSON.stringify({
  exceptions: [
    {
      account: WEB_DEV,
      owner: 'alice@example.com',
      reason: 'batch jobs still read IMDSv1',
      expires: '2999-12-31',
    },
    { ou: 'Root/Sandbox', owner: 'bob@example.com', reason: 'old trial', expires: '2020-01-31' },
    {
      principalArnPattern: 'arn:aws:iam::*:role/BreakGlass*',
      owner: 'security@example.com',
      reason: 'incident response',
      expires: '2999-01-01',
    },
  ],
});

// Every step observes the whole demo organization; a busy machine needs more than 30 s.
describe('exceptions with owner and expiry', { timeout: 240_000 }, () => {
  it('given an active and an expired exception, then the plan skips only the active one, the SCP exempts the principal, and verify reports the expired one as a finding', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const cwd = tempDir({ 'guardrails.config.json': config });

    const planned = await runAgainst(sb, cwd, ['plan', '--json']);
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout) as Plan;
    expect(plan.skipped.filter((s) => s.reason === 'exception')).toEqual([
      expect.objectContaining({
        accountId: WEB_DEV,
        exception: {
          owner: 'alice@example.com',
          reason: 'batch jobs still read IMDSv1',
          expires: '2999-12-31',
        },
      }),
    ]);
    const imdsAccounts = new Set(
      plan.changes.flatMap((c) => (c.kind === 'imds.set' ? [c.accountName] : [])),
    );
    expect(imdsAccounts.has('web-dev')).toBe(false);
    expect(imdsAccounts.has('sandbox-alice')).toBe(true); // its exception expired
    const scp = plan.changes.find((c) => c.kind === 'policy.update');
    expect(scp?.kind === 'policy.update' && scp.after.content).toContain(
      'arn:aws:iam::*:role/BreakGlass*',
    );
    const text = await runAgainst(sb, cwd, ['plan']);
    expect(text.stdout).toMatch(/exception owned by alice@example\.com until 2999-12-31/);

    const applied = await runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing']);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);

    const verified = await runAgainst(sb, cwd, ['verify', '--format', 'json']);
    expect(verified.code).toBe(2);
    const report = JSON.parse(verified.stdout) as VerifyReport;
    expect(report.counts.drift).toBe(0);
    // 17 account × region defaults, and web-dev's SCP: the reach model keeps DenyIMDSv1 off it.
    expect(report.counts.excepted).toBe(18);
    expect(report.exceptions?.map((e) => `${e.kind}:${e.status}`)).toEqual([
      'account:active',
      'ou:expired',
      'principal:active',
    ]);
    expect(verified.stderr).toMatch(/1 expired exception/);

    const table = await runAgainst(sb, cwd, ['verify']);
    expect(table.code).toBe(2);
    expect(table.stdout).toMatch(
      /ou Root\/Sandbox: owner bob@example\.com, until 2020-01-31: old trial \(EXPIRED/,
    );
  });

  it('and the apply rolls back exactly', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const cwd = tempDir({ 'guardrails.config.json': config });
    const before = await snapshotWorld(sb.admin);
    const applied = await runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing']);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    const match = /Journal: (\S+)/.exec(applied.stdout);
    const back = await runAgainst(sb, cwd, ['rollback', '--journal', match?.[1] ?? '', '--yes']);
    expect(back.code, back.stderr + back.stdout).toBe(0);
    expect(diffWorlds(before, await snapshotWorld(sb.admin))).toEqual([]);
  });

  it('rejects an exception without an owner, naming the path', async () => {
    sb = await startSandbox({ scenario: 'empty', port: 0, seed: 1 });
    const bad = JSON.stringify({
      exceptions: [{ account: WEB_DEV, reason: 'x', expires: '2030-01-01' }],
    });
    const run = await runAgainst(sb, tempDir({ 'guardrails.config.json': bad }), ['plan']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/exceptions\[0\]\.owner {2}must name who owns the exception/);
  });
});
