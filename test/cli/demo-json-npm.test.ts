/**
 * `npm run demo -- --json` starts stdout with npm's own "> org-guardrails@… demo" banner; the
 * documented command, `npm run -s demo -- --json`, gives NDJSON only. Run as a user would.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ndjsonEventSchema } from '../../src/ci/ndjson-schema.js';
import { tempDir } from '../_helpers/temp-dir.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run -s demo -- --json', () => {
  it('writes nothing but schema-valid NDJSON events to stdout', () => {
    // npm runs scripts in the package root: the reports go to a temp dir, not the checkout.
    const config = join(tempDir(), 'guardrails.config.json');
    writeFileSync(config, JSON.stringify({ reports: { dir: dirname(config) } }));
    const args = ['run', '-s', 'demo', '--', '--json', '--latency-ms', '0', '--config', config];
    const run = spawnSync('npm', args, {
      cwd: repo,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CI: '1',
        GUARDRAILS_RETRY_BASE_MS: '1',
        GUARDRAILS_RETRY_MAX_MS: '5',
      },
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      const event = JSON.parse(line);
      expect(ndjsonEventSchema.safeParse(event).success, line).toBe(true);
    }
    expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({
      type: 'step.finished',
      step: 'report',
    });
  }, 130_000);
});
