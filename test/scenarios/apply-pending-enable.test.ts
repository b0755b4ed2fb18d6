import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';

let sb: SandboxHandle;
beforeAll(async () => {
  // SCPs not enabled yet; enabling answers PENDING_ENABLE for 600 ms, reads lag writes by 300 ms.
  sb = await startSandbox({
    scenario: 'empty',
    port: 0,
    seed: 1,
    consistency: 'eventual',
    policyTypePendingMs: 600,
    consistencyWindowMs: 300,
  });
});
afterAll(async () => {
  await sb.close();
});

describe('apply where EnablePolicyType is asynchronous', { timeout: 120_000 }, () => {
  it('waits for PENDING_ENABLE to become ENABLED before attaching, and enables once', async () => {
    const run = await runAgainst(sb, tempDir(), ['apply', '--yes', '--allow-relaxing']);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const info = await sb.admin.info();
    const deny = (await sb.admin.policies()).find((p) => p.name === 'DenyIMDSv1');
    expect((await sb.admin.attachments())[info.rootId]).toContain(deny?.id);
    const ops = (await sb.admin.counters()).operations;
    expect(ops['organizations:EnablePolicyType']?.ok).toBe(1);
    expect(ops['organizations:AttachPolicy']?.errors ?? {}).toEqual({});
  });
});
