import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../_helpers/run-cli.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('guardrails CLI', () => {
  it('prints the version', async () => {
    const run = await runCliCaptured(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('lists every global flag from DESIGN §3 in --help', async () => {
    const run = await runCliCaptured(['--help']);
    expect(run.code).toBe(0);
    for (const flag of [
      '--config',
      '--profile',
      '--region',
      '--endpoint-url',
      '--accounts',
      '--ous',
      '--regions',
      '--concurrency',
      '--json',
      '--no-interactive',
      '--yes',
      '--allow-relaxing',
      '--debug',
      '--no-color',
    ]) {
      expect(run.stdout).toContain(flag);
    }
  });

  it('suggests the closest command for a typo and exits 1', async () => {
    const run = await runCliCaptured(['confg']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("unknown command 'confg'");
    expect(run.stderr).toContain('Did you mean config?');
  });

  it('suggests the closest flag for a typo and exits 1', async () => {
    const run = await runCliCaptured(['config', '--debgu']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("unknown option '--debgu'");
    expect(run.stderr).toContain('Did you mean --debug?');
  });

  it('has help for each subcommand', async () => {
    const top = await runCliCaptured(['--help']);
    const names = [...top.stdout.matchAll(/^ {2}(\w[\w-]*)\b/gm)]
      .map((m) => m[1])
      .filter((n) => n !== 'help');
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const run = await runCliCaptured([name as string, '--help']);
      expect(run.code, name).toBe(0);
      expect(run.stdout, name).toContain(`Usage: guardrails ${name}`);
    }
  });
});
