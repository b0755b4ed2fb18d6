/**
 * Issue 18 point 11 (saved plans): a change listed twice in a saved plan was applied twice, and a
 * crafted detach of FullAWSAccess ended in "BUG: Internal error". Both are refused when the plan
 * file is read, before any AWS call that writes. (Digests of plan content are t18b's work.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';

let sb: SandboxHandle;
let cwd: string;
let plan: { changes: Array<Record<string, unknown>> } & Record<string, unknown>;
beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0, seed: 1 });
  cwd = mkdtempSync(join(tmpdir(), 'guardrails-crafted-'));
  const planned = await runAgainst(sb, cwd, ['plan', '--out', 'plan.json']);
  expect([0, 2], planned.stderr).toContain(planned.code);
  plan = JSON.parse(readFileSync(join(cwd, 'plan.json'), 'utf8'));
});
afterAll(async () => {
  await sb.close();
  rmSync(cwd, { recursive: true, force: true });
});

async function applyEdited(name: string, edit: (p: typeof plan) => typeof plan) {
  writeFileSync(join(cwd, name), JSON.stringify(edit(structuredClone(plan)), null, 2));
  await sb.admin.resetCounters();
  const run = await runAgainst(sb, cwd, ['apply', name, '--yes']);
  const counters = await sb.admin.counters();
  return { run, counters };
}

describe('crafted saved plans', () => {
  it('a duplicated change is refused, naming it, and nothing is written', async () => {
    const imds = plan.changes.find((c) => c.kind === 'imds.set');
    expect(imds).toBeDefined();
    const { run, counters } = await applyEdited('dup.json', (p) => ({
      ...p,
      changes: [...p.changes, structuredClone(imds as Record<string, unknown>)],
    }));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`lists change ${String(imds?.id)} more than once`);
    expect(counters.imdsWrites).toEqual({});
  });

  it('a detach of FullAWSAccess is a clear refusal, not an internal error', async () => {
    const { run, counters } = await applyEdited('fullaccess.json', (p) => ({
      ...p,
      changes: [
        ...p.changes,
        {
          id: 'crafted-detach',
          kind: 'attachment.remove',
          risk: 'neutral',
          dependsOn: [],
          policyName: 'FullAWSAccess',
          policyId: 'p-FullAWSAccess',
          target: { type: 'ROOT', id: 'r-gr01', label: 'Root' },
        },
      ],
    }));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('asks to detach FullAWSAccess');
    expect(run.stderr).not.toMatch(/BUG|Internal error/i);
    expect(counters.imdsWrites).toEqual({});
    expect(JSON.stringify(counters)).not.toContain('DetachPolicy');
  });
});
