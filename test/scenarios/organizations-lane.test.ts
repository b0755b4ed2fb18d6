/**
 * The Organizations lane under latency and eventual consistency: one write at a time (the sandbox
 * refuses overlapping writes on one policy with ConcurrentModificationException), read-backs that
 * overlap the next write, in an apply and in its rollback. The ranks that keep attach before
 * detach are tested in test/execute/scheduler-ranks.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GuardrailsEvent } from '../../src/events/types.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { DEMO } from './_demo-drift.js';

const ACCOUNTS = [
  DEMO.securityAudit,
  DEMO.logArchive,
  DEMO.network,
  DEMO.sharedServices,
  DEMO.paymentsProd,
  DEMO.webProd,
  DEMO.paymentsDev,
  DEMO.webDev,
  DEMO.sandboxAlice,
  DEMO.sandboxBob,
];

let sb: SandboxHandle;
afterEach(() => sb.close());

function writeConfig(cwd: string, attachTo: string[]): void {
  const config = { scp: { attachTo }, readiness: { gate: false } };
  writeFileSync(join(cwd, 'guardrails.config.json'), JSON.stringify(config));
}

async function apply(cwd: string): Promise<GuardrailsEvent[]> {
  const run = await runAgainst(sb, cwd, [
    'apply',
    '--yes',
    '--allow-relaxing',
    '--regions',
    'us-east-1',
    '--json',
  ]);
  expect(run.code, run.stderr).toBe(0);
  return parseEvents(run.stdout);
}

const parseEvents = (stdout: string): GuardrailsEvent[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as GuardrailsEvent);

/** Event positions of each change: when it started and when it succeeded. */
function timeline(events: GuardrailsEvent[], kind: string) {
  const ids = new Set<string>();
  const started = new Map<string, number>();
  const succeeded = new Map<string, number>();
  events.forEach((e, i) => {
    if (e.type === 'change.started' && e.kind === kind) {
      ids.add(e.changeId);
      started.set(e.changeId, i);
    }
    if (e.type === 'change.succeeded' && ids.has(e.changeId)) succeeded.set(e.changeId, i);
  });
  return { ids: [...ids], started, succeeded };
}

/** Whether some change started before the one before it had been read back (succeeded). */
function overlaps(t: ReturnType<typeof timeline>): boolean {
  return t.ids.some((id, i) => {
    const next = t.ids[i + 1];
    return next !== undefined && (t.started.get(next) ?? 0) < (t.succeeded.get(id) ?? 0);
  });
}

describe('the Organizations lane with latency', { timeout: 120_000 }, () => {
  it('attaches to ten accounts one write at a time, the next write going out while earlier ones read back; then rolled back the same way', async () => {
    // Given the demo organization answering after 20 ms, reads eventually consistent (300 ms)
    sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 20, seed: 1 });
    const cwd = tempDir();
    writeConfig(cwd, ACCOUNTS);

    // When the SCP is attached to ten accounts
    const first = await apply(cwd);

    // Then every account has it, no write overlapped another (no ConcurrentModificationException),
    // and an attachment started before the one before it was read back
    const deny = (await sb.admin.policies()).find((p) => p.name === 'DenyIMDSv1')?.id ?? '';
    const attachments = await sb.admin.attachments();
    for (const account of ACCOUNTS) expect(attachments[account]).toContain(deny);
    const { operations } = await sb.admin.counters();
    expect(operations['organizations:AttachPolicy']?.errors ?? {}).toEqual({});
    expect(operations['organizations:AttachPolicy']?.calls).toBe(ACCOUNTS.length);
    const attaches = timeline(first, 'attachment.add');
    expect(attaches.ids).toHaveLength(ACCOUNTS.length);
    const overlapped = attaches.ids.some((id, i) => {
      const next = attaches.ids[i + 1];
      return (
        next !== undefined && (attaches.started.get(next) ?? 0) < (attaches.succeeded.get(id) ?? 0)
      );
    });
    expect(overlapped).toBe(true);

    // When the apply is rolled back
    await sb.admin.resetCounters();
    const journal = first.find((e) => e.type === 'run.finished');
    const journalPath = journal && 'journal' in journal ? String(journal.journal) : '';
    expect(journalPath).not.toBe('');
    const run = await runAgainst(sb, cwd, [
      'rollback',
      '--journal',
      journalPath,
      '--yes',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const second = parseEvents(run.stdout);

    // Then every attachment is detached, none conflicted, and the detaches too went out while
    // earlier ones were read back
    const detaches = timeline(second, 'attachment.remove');
    expect(detaches.ids).toHaveLength(ACCOUNTS.length);
    expect(overlaps(detaches)).toBe(true);
    const after = await sb.admin.attachments();
    for (const account of ACCOUNTS) expect(after[account] ?? []).not.toContain(deny);
    const counters = await sb.admin.counters();
    expect(counters.operations['organizations:DetachPolicy']?.errors ?? {}).toEqual({});
  });
});
