/**
 * Kill -9 at seeded random points of a real apply process, then `apply --resume`: every trial
 * must converge, and no target journaled `done` before the kill may be written again.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/execute/journal-store.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { createRng } from '../../src/sandbox/rng.js';
import { doneCount, journalIn } from '../_helpers/journal-watch.js';
import { runAgainst, sandboxEnv } from '../_helpers/sandbox-cli.js';

const bin = fileURLToPath(new URL('../../bin/guardrails.js', import.meta.url));
const TRIALS = 10;
const SUITE_SEED = 20261126;

// The sandbox's seeded PRNG, so a failing trial can be replayed from the suite seed.
const random = createRng(SUITE_SEED);
// Kill after k journaled `done` records (0 = as soon as the journal exists), k < the 120
// changes of the demo plan, plus a jitter of up to 15 ms so kills also land between an intent
// and its done record.
const killPoints = Array.from({ length: TRIALS }, (_, i) => ({
  trial: `#${i + 1}`,
  afterDone: Math.floor(random() * 110),
  jitterMs: Math.floor(random() * 15),
}));

const imdsKey = (change: { kind: string; accountId?: string; region?: string }) =>
  change.kind === 'imds.set' ? `${change.accountId}/${change.region}` : undefined;

describe(`apply killed with SIGKILL at ${TRIALS} seeded points (seed ${SUITE_SEED}), then resumed`, () => {
  // Trials are independent (own sandbox, own directory): two at a time bounds the suite's time
  // without starving the kill timing on a small CI machine.
  const lane = pLimit(2);
  it.concurrent.each(killPoints)(
    'trial $trial: killed after $afterDone done (+$jitterMs ms), resume converges and rewrites nothing done',
    ({ afterDone, jitterMs }) =>
      lane(async () => {
        // Given: a slow endpoint and little concurrency, so the kill lands mid-run.
        const sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1, latencyMs: 40 });
        // Not the shared tempDir(): its afterEach would remove a concurrent trial's directory.
        const cwd = mkdtempSync(join(tmpdir(), 'guardrails-kill-'));
        try {
          const child = spawn(
            process.execPath,
            [bin, 'apply', '--yes', '--allow-relaxing', '--concurrency', '8'],
            {
              cwd,
              env: { ...process.env, ...sandboxEnv(sb), CI: '1', NO_COLOR: '1' },
              stdio: ['ignore', 'ignore', 'pipe'],
            },
          );
          let stderr = '';
          child.stderr.on('data', (chunk) => {
            stderr += String(chunk);
          });
          const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
          let finishedEarly = false;
          child.on('exit', () => {
            finishedEarly = true;
          });
          const deadline = Date.now() + 60_000;
          let journal: string | undefined;
          while (Date.now() < deadline && !finishedEarly) {
            journal = journalIn(cwd);
            if (journal && doneCount(journal) >= afterDone) break;
            await new Promise((r) => setTimeout(r, 5));
          }
          await new Promise((r) => setTimeout(r, jitterMs));
          const exitedBeforeKill = finishedEarly;
          child.kill('SIGKILL');
          await exited;
          expect(journal, stderr).toBeDefined();
          const path = journal as string;
          const killed = await readJournal(path);
          // The kill really interrupted the run (a finished apply would prove nothing).
          expect(exitedBeforeKill, 'apply exited before the kill').toBe(false);
          expect(killed.finished, 'journal finished before the kill').toBe(false);
          const doneBeforeKill = [...killed.changes.values()]
            .filter((c) => c.status === 'done')
            .map((c) => imdsKey(c.change))
            .filter((k): k is string => k !== undefined);

          // When
          await sb.admin.setFaults({ latencyMs: 0 });
          const resumed = await runAgainst(sb, cwd, ['apply', '--resume', path, '--yes']);

          // Then: converged, every change done, nothing journaled done was written again.
          expect(resumed.code, resumed.stderr + resumed.stdout).toBe(0);
          const after = await readJournal(path);
          expect([...after.changes.values()].every((c) => c.status === 'done')).toBe(true);
          const { imdsWrites } = await sb.admin.counters();
          for (const key of doneBeforeKill) expect(imdsWrites[key], key).toBe(1);
          for (const change of after.changes.values()) {
            const key = imdsKey(change.change);
            // A target in flight at the kill may be written once more; never more than that.
            if (key) expect(imdsWrites[key], key).toBeGreaterThanOrEqual(1);
            if (key) expect(imdsWrites[key], key).toBeLessThanOrEqual(2);
          }
          const again = await runAgainst(sb, cwd, ['plan']);
          expect(again.stdout).toContain('No changes.');
        } finally {
          await sb.close();
          rmSync(cwd, { recursive: true, force: true });
        }
      }),
    240_000,
  );
});
