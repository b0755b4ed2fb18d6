/**
 * Saved plans and journals are files on disk, not trusted: an edited plan or journal is refused
 * before anything is written, and a plan with no changes still sees drift.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { journalIn } from '../_helpers/journal-watch.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { DEMO } from './_demo-drift.js';

let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
});

interface SavedChange {
  kind: string;
  risk: string;
  after?: Record<string, unknown>;
}

async function savedPlan(cwd: string): Promise<{ changes: SavedChange[] }> {
  sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
  const planned = await runAgainst(sb, cwd, ['plan', '--out', 'plan.json']);
  expect(planned.code, planned.stderr).toBe(0);
  return JSON.parse(readFileSync(join(cwd, 'plan.json'), 'utf8'));
}

describe('saved plan integrity', () => {
  it('given every imds.set after edited to optional/64, when applied, then refuses naming the file and the first change, and writes nothing', async () => {
    const cwd = tempDir();
    const plan = await savedPlan(cwd);
    for (const change of plan.changes) {
      if (change.kind === 'imds.set') {
        change.after = { httpTokens: 'optional', httpPutResponseHopLimit: 64 };
        change.risk = 'restricting';
      }
    }
    writeFileSync(join(cwd, 'plan.json'), JSON.stringify(plan));
    await sb?.admin.resetCounters();
    const run = await runAgainst(sb as SandboxHandle, cwd, ['apply', 'plan.json']);
    expect(run.code, run.stdout).toBe(1);
    expect(run.stderr).toMatch(
      /The plan file .*plan\.json was edited: changes\[\d+\] \(.*\) has after \{"httpPutResponseHopLimit":64,"httpTokens":"optional"\}, but the config gives/,
    );
    expect((await sb?.admin.counters())?.imdsWrites).toEqual({});
  });

  it('given only a risk field edited, when applied, then refuses it as edited', async () => {
    const cwd = tempDir();
    const plan = await savedPlan(cwd);
    const target = plan.changes.find((c) => c.kind === 'imds.set') as SavedChange;
    target.risk = target.risk === 'relaxing' ? 'restricting' : 'relaxing';
    writeFileSync(join(cwd, 'plan.json'), JSON.stringify(plan));
    const run = await runAgainst(sb as SandboxHandle, cwd, ['apply', 'plan.json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/was edited: changes\[\d+\] .* has risk "(relaxing|restricting)"/);
    expect((await sb?.admin.counters())?.imdsWrites).toEqual({});
  });

  it('given a zero-change plan, when a target drifts before it is applied, then refuses it as stale naming the target', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const cwd = tempDir();
    expect((await runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing'])).code).toBe(0);
    const planned = await runAgainst(sb, cwd, ['plan', '--out', 'empty.json']);
    expect(planned.stdout).toContain('No changes.');
    await sb.admin.setImds(DEMO.webDev, 'us-east-1', { httpTokens: 'optional' });
    await sb.admin.resetCounters();
    const run = await runAgainst(sb, cwd, ['apply', 'empty.json']);
    expect(run.code, run.stdout).toBe(1);
    expect(run.stderr).toMatch(/stale/i);
    expect(run.stderr).toContain(`web-dev`);
    expect(run.stderr).toContain('us-east-1');
    expect((await sb.admin.counters()).imdsWrites).toEqual({});
  });
});

describe('journal integrity through the CLI', () => {
  it('given an apply journal whose before-value was edited, when rolled back, then refuses naming the file and line, and writes nothing', async () => {
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const cwd = tempDir();
    expect((await runAgainst(sb, cwd, ['apply', '--yes', '--allow-relaxing'])).code).toBe(0);
    const path = journalIn(cwd) as string;
    const lines = readFileSync(path, 'utf8').split('\n');
    const at = lines.findIndex(
      (l) => l.startsWith('{"type":"intent"') && l.includes('"kind":"imds"'),
    );
    lines[at] = (lines[at] as string).replace(
      /"defaults":\{[^}]*\}/,
      '"defaults":{"httpTokens":"optional","httpPutResponseHopLimit":64}',
    );
    writeFileSync(path, lines.join('\n'));
    await sb.admin.resetCounters();
    for (const argv of [
      ['rollback', '--journal', path, '--yes'],
      ['apply', '--resume', path, '--yes'],
    ]) {
      const run = await runAgainst(sb, cwd, argv);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `fails its integrity check at line ${at + 1} (intent record for`,
      );
    }
    expect((await sb.admin.counters()).imdsWrites).toEqual({});
  });
});
