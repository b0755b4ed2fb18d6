import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runCliCaptured } from '../_helpers/run-cli.js';
import { FAST_RETRY } from './_demo.js';

let sb: SandboxHandle;
let dir: string;
// The CLI runs here read state only, so one sandbox serves the file.
beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0, seed: 1 });
  dir = mkdtempSync(join(tmpdir(), 'guardrails-verify-'));
});
afterAll(async () => {
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
});

function run(argv: string[], env: Record<string, string> = {}) {
  return runCliCaptured(argv, { env: { ...sb.env, ...FAST_RETRY, ...env }, cwd: dir });
}

describe('guardrails verify (CLI)', () => {
  it('exits 2 with findings: JSON on stdout, progress counts on stderr', async () => {
    const result = await run(['verify', '--format', 'json']);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report.counts.total).toBe(203);
    expect(result.stderr).toContain('reading defaults: 188/188 account × region targets');
    expect(result.stderr).toMatch(/203 targets: 56 compliant, 127 drift/);
    // The mark agrees with the exit code, and the denied account comes with its fix
    expect(result.stderr).toMatch(/^✗ report: \d+ findings$/m);
    expect(result.stderr).toContain(
      "warn: sandbox-bob (222222222210): cannot be reached (AssumeRole denied). Give it the member role (`guardrails permissions --role member`), or leave it out with this line in the config:\n  scope: { excludeAccounts: ['222222222210'] }\n",
    );
    expect(result.stderr).toContain(
      'legacy-closed (222222222211): suspended, reported as information',
    );
  });

  it('exits 0 when every in-scope target is compliant', async () => {
    // web-prod in us-east-1: defaults required/2 and DenyIMDSv1 inherited from its OU
    const result = await run(['verify', '--accounts', 'web-prod', '--regions', 'us-east-1']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/2 targets: 2 compliant/);
  });

  it('writes several formats with --out-dir and nothing to stdout', async () => {
    const out = join(dir, 'reports');
    const result = await run([
      'verify',
      '--ous',
      'Root/Security',
      '--format',
      'json,junit',
      '--out-dir',
      out,
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(readdirSync(out).sort()).toEqual(
      ['verify-report.json', 'verify-report.junit.xml'].sort(),
    );
    const report = JSON.parse(readFileSync(join(out, 'verify-report.json'), 'utf8'));
    expect(report.scope.accounts).toBe(2);
    expect(readFileSync(join(out, 'verify-report.junit.xml'), 'utf8')).toContain('<testsuite');
  });

  it('exits 0 on a compliant account when the config manages only the defaults', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'guardrails-cfg-'));
    writeFileSync(join(cwd, 'guardrails.config.json'), JSON.stringify({ scp: { enabled: false } }));
    const result = await runCliCaptured(['verify', '--accounts', 'security-audit'], {
      env: { ...sb.env, ...FAST_RETRY },
      cwd,
    });
    rmSync(cwd, { recursive: true, force: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/17 targets: 17 compliant/);
  });

  it.each([
    [['--ous', 'Root/Workload/Prod'], 'Root/Workloads/Prod'],
    [['--accounts', 'web-prd'], 'web-prod'],
    [['--regions', 'eu-wset-1'], 'eu-west-1'],
  ])('rejects unknown scope %j with exit 1 and the closest name', async (flags, closest) => {
    const result = await run(['verify', ...flags]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(closest);
    expect(result.stdout).toBe('');
  });

  it('rejects a bad report destination before sweeping anything', async () => {
    await sb.admin.resetCounters();
    const result = await run(['verify', '--format', 'json,csv']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('need --out-dir');
    const counters = await sb.admin.counters();
    expect(counters.operations['ec2:GetInstanceMetadataDefaults']).toBeUndefined();
  });

  it('stops in preflight when the caller is not the management account', async () => {
    const member = sb.credentialsFor('222222222201');
    const result = await run(['verify'], {
      AWS_ACCESS_KEY_ID: member.accessKeyId,
      AWS_SECRET_ACCESS_KEY: member.secretAccessKey,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('222222222201');
    expect(result.stderr).toContain('credentials of the management account');
    expect(result.stderr).toContain('SCPs never apply to the management account');
  });

  it('exits 1 with a clear message when the endpoint does not answer', async () => {
    const result = await runCliCaptured(['verify'], {
      env: {
        ...sb.env,
        ...FAST_RETRY,
        AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
        AWS_MAX_ATTEMPTS: '1',
      },
      cwd: dir,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ECONNREFUSED');
  });
});
