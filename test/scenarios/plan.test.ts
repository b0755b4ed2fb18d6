import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plan/types.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { DEMO, demoDriftKeys } from './_demo-drift.js';

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({
    scenario: 'demo',
    port: 0,
    latencyMs: 0,
    seed: 1,
  });
});
afterAll(async () => {
  await sb.close();
});

// Each case observes the whole demo organization; a busy machine needs more than 30 s.
describe('guardrails plan against the demo organization', { timeout: 120_000 }, () => {
  it('given the seeded drift, when planned as JSON, then shows exactly that drift and the skipped accounts', async () => {
    await sb.admin.resetCounters();
    // When
    const run = await runAgainst(sb, tempDir(), ['plan', '--json']);
    // Then
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout) as Plan;
    const imds = plan.changes.flatMap((c) =>
      c.kind === 'imds.set' ? [`${c.accountId}/${c.region}`] : [],
    );
    expect(imds.sort()).toEqual(demoDriftKeys());
    const org = plan.changes.filter((c) => c.kind !== 'imds.set');
    expect(org.map((c) => c.kind)).toEqual(['attachment.add']);
    expect(org[0]).toMatchObject({
      kind: 'attachment.add',
      policyName: 'DenyIMDSv1',
      target: { id: DEMO.rootId },
    });
    const skipped = new Map(plan.skipped.map((s) => [s.accountId, s.reason]));
    expect(skipped.get(DEMO.sandboxBob)).toBe('role-denied');
    expect(skipped.get(DEMO.legacyClosed)).toBe('suspended');
    expect(skipped.get(DEMO.dataPlatform)).toBe('declarative-policy');
    expect(plan.organizationId).toBe('o-guardrails01');
    // And nothing was written.
    const counters = await sb.admin.counters();
    expect(counters.imdsWrites).toEqual({});
    const writes = Object.keys(counters.operations).filter((op) =>
      /Modify|Attach|Detach|CreatePolicy|UpdatePolicy|DeletePolicy|EnablePolicyType/.test(op),
    );
    expect(writes).toEqual([]);
  });

  it('prints the human plan to stdout and exits 2 with --detailed-exitcode', async () => {
    const run = await runAgainst(sb, tempDir(), ['plan', '--detailed-exitcode']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toContain('payments-prod');
    expect(run.stdout).not.toContain('No changes.');
  });
});
