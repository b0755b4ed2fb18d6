import { afterEach, describe, expect, it } from 'vitest';
import { apply } from '../../src/app/apply.js';
import { createAppContext } from '../../src/app/create-app-context.js';
import { exitCodeOf } from '../../src/commands/apply.js';
import { configSchema } from '../../src/config/schema.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { answeringHost } from '../_helpers/answering-host.js';
import { sandboxEnv } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { DEMO, demoDriftKeys } from './_demo-drift.js';

let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
});

// Each case observes the whole demo organization; a busy machine needs more than 30 s.
describe('apply when an account denies the role during the run', { timeout: 120_000 }, () => {
  it('given web-dev starts refusing AssumeRole after planning, when applied, then exits 3 listing it while every other target converges', async () => {
    // Given: between plan and execution (the confirmation) web-dev starts denying the role and
    // every issued credential expires, so the apply must assume the role again.
    sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1 });
    const box = sb;
    const host = answeringHost();
    host.ask = async (question) => {
      // The demo's payments-dev hop limit 1 → 2 relaxes a field: that is asked on its own first.
      if (question.id === 'apply.relaxing') return true as never;
      expect(question.id).toBe('apply.confirm');
      await box.admin.setFaults({ deniedAccounts: [DEMO.webDev] });
      await box.admin.expireCredentials();
      return true as never;
    };
    const ctx = createAppContext({
      globals: { interactive: true, color: false },
      io: { env: sandboxEnv(box), signal: new AbortController().signal },
      loaded: { config: configSchema.parse({}), file: undefined },
      host,
    });
    // When
    const result = await apply(ctx, {
      reportsDir: tempDir(),
      interactive: true,
      yes: false,
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    ctx.gateways.close?.();
    // Then
    expect(exitCodeOf(result)).toBe(3);
    const failedAccounts = new Set(
      result.execution?.failed.map((f) =>
        f.change.kind === 'imds.set' ? f.change.accountId : 'org',
      ),
    );
    expect([...failedAccounts]).toEqual([DEMO.webDev]);
    expect(result.resumeCommand).toMatch(/apply --resume .*journal-.*\.jsonl/);
    const others = demoDriftKeys().filter((k) => !k.startsWith(`${DEMO.webDev}/`));
    expect((await box.admin.counters()).imdsWrites).toEqual(
      Object.fromEntries(others.map((k) => [k, 1])),
    );
  });
});
