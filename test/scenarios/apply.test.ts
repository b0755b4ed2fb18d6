import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';
import { journalIn } from '../_helpers/journal-watch.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { DEMO, demoDriftKeys } from './_demo-drift.js';

const open: SandboxHandle[] = [];
afterEach(async () => {
  for (const sb of open.splice(0)) await sb.close();
});

async function sandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const sb = await startSandbox({
    scenario: 'demo',
    port: 0,
    latencyMs: 0,
    seed: 1,

    ...options,
  });
  open.push(sb);
  return sb;
}

function onePerKey(keys: string[]): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, 1]));
}

// Each case observes the whole demo organization; a busy machine needs more than 30 s.
describe('guardrails apply against the demo organization', { timeout: 120_000 }, () => {
  it('given the seeded drift, when applied with --yes, then converges: verify is clean and a second plan says "No changes."', async () => {
    // Given
    const sb = await sandbox();
    const cwd = tempDir();
    // When
    const run = await runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing']);
    // Then
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toMatch(/Apply complete: 120 changed, 0 failed\./);
    expect(run.stdout).toMatch(/Journal: .*guardrails-reports\/journal-.*\.jsonl/);
    expect((await sb.admin.counters()).imdsWrites).toEqual(onePerKey(demoDriftKeys()));
    const root = (await sb.admin.attachments())[DEMO.rootId] ?? [];
    const deny = (await sb.admin.policies()).find((p) => p.name === 'DenyIMDSv1');
    expect(root).toContain(deny?.id);

    const again = await runAgainst(sb, cwd, ['plan', '--detailed-exitcode']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes.');

    const verify = await runAgainst(sb, cwd, ['verify', '--format', 'json']);
    const report = JSON.parse(verify.stdout) as {
      results: { accountId: string; status: string }[];
    };
    const skippedAccounts = new Set<string>([
      DEMO.sandboxBob,
      DEMO.legacyClosed,
      DEMO.dataPlatform,
    ]);
    const findings = report.results.filter((r) => r.status !== 'compliant');
    expect(findings.filter((r) => !skippedAccounts.has(r.accountId))).toEqual([]);

    const noop = await runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing']);
    expect(noop.code).toBe(0);
    expect(noop.stdout).toContain('No changes.');
  });

  it('without a terminal and without --yes, refuses and names the flag', async () => {
    const sb = await sandbox();
    const run = await runAgainst(sb, tempDir(), ['apply']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--yes');
    expect((await sb.admin.counters()).imdsWrites).toEqual({});
  });

  it('given a saved plan, when a target changes before apply, then refuses the stale plan naming it and writes nothing', async () => {
    // Given
    const sb = await sandbox();
    const cwd = tempDir();
    const planned = await runAgainst(sb, cwd, ['plan', '--out', 'plan.json']);
    expect(planned.code, planned.stderr).toBe(0);
    await sb.admin.setImds(DEMO.webDev, 'us-east-1', {
      httpTokens: 'optional',
      httpPutResponseHopLimit: 1,
    });
    await sb.admin.resetCounters();
    // When
    const run = await runAgainst(sb, cwd, ['apply', 'plan.json']);
    // Then
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/stale/i);
    expect(run.stderr).toContain('web-dev');
    expect(run.stderr).toContain('us-east-1');
    expect((await sb.admin.counters()).imdsWrites).toEqual({});
  });

  it('given a fresh saved plan, when applied without --yes and without a terminal, then applies it exactly', async () => {
    const sb = await sandbox();
    const cwd = tempDir();
    await runAgainst(sb, cwd, ['plan', '--out', 'plan.json']);
    // network's hop limit 1 → 2 relaxes: a saved plan needs the approval too.
    const run = await runAgainst(sb, cwd, ['apply', 'plan.json', '--allow-relaxing']);
    expect(run.code, run.stderr).toBe(0);
    expect((await sb.admin.counters()).imdsWrites).toEqual(onePerKey(demoDriftKeys()));
  });

  it('on Ctrl-C lets running writes finish, exits 130 and prints the resume command', async () => {
    // Given: slow writes once the journal exists.
    const sb = await sandbox();
    const cwd = tempDir();
    const controller = new AbortController();
    const poll = setInterval(() => {
      // The journal, not the reports directory: the organization lock creates that before planning.
      if (journalIn(cwd) && !controller.signal.aborted) {
        void sb.admin.setFaults({ latencyMs: 100 }).then(() => controller.abort());
      }
    }, 10);
    // When
    const run = await runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing'], {
      signal: controller.signal,
    });
    clearInterval(poll);
    // Then
    expect(run.code, run.stderr + run.stdout).toBe(130);
    expect(run.stdout).toMatch(/Apply interrupted: \d+ changed/);
    expect(run.stdout).toMatch(
      /Resume with: guardrails apply --resume guardrails-reports\/journal-.*\.jsonl --yes/,
    );
    const writes = Object.values((await sb.admin.counters()).imdsWrites).reduce((a, b) => a + b, 0);
    expect(writes).toBeLessThan(demoDriftKeys().length);
  });

  it('refuses a plan made for another organization', async () => {
    const sb = await sandbox();
    const cwd = tempDir();
    await runAgainst(sb, cwd, ['--regions', 'us-east-1', 'plan', '--out', 'plan.json']);
    const plan = JSON.parse(readFileSync(join(cwd, 'plan.json'), 'utf8'));
    writeFileSync(join(cwd, 'other.json'), JSON.stringify({ ...plan, organizationId: 'o-other' }));
    const run = await runAgainst(sb, cwd, ['--regions', 'us-east-1', 'apply', 'other.json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('o-other');
  });

  it('given 10% throttling, when applied, then converges with each needed write done exactly once', async () => {
    const sb = await sandbox({ throttleRate: 0.1, seed: 7 });
    const run = await runAgainst(sb, tempDir(), ['apply', '--yes', '--allow-relaxing', '--json']);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    // --json: NDJSON events on stdout, ending with the run's result.
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string });
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', succeeded: 120, failed: 0 });
    const counters = await sb.admin.counters();
    expect(counters.imdsWrites).toEqual(onePerKey(demoDriftKeys()));
    const throttled = Object.values(counters.operations).reduce(
      (n, op) =>
        n +
        Object.entries(op.errors)
          .filter(([code]) => /Throttl|TooMany|RequestLimit/.test(code))
          .reduce((m, [, c]) => m + c, 0),
      0,
    );
    expect(throttled).toBeGreaterThan(0);
  });
});
