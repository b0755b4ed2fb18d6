/**
 * Issue 18 point 10 (and the admin-API part of 11): `sandbox --host 0.0.0.0` printed a loopback
 * URL, gave no warning and exposed an unauthenticated admin API that rewrites accounts. Now a
 * non-loopback bind needs an admin token, the real address is printed with a warning, and the
 * admin API checks what it is sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SandboxStartError } from '../../src/sandbox/errors.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runCliCaptured } from '../_helpers/run-cli.js';

const TOKEN = 'test-admin-token-0123456789';
let sb: SandboxHandle | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

describe('sandbox on a non-loopback address', () => {
  it('refuses to start without an admin token', async () => {
    await expect(startSandbox({ host: '0.0.0.0', port: 0 })).rejects.toThrow(SandboxStartError);
    await expect(startSandbox({ host: '0.0.0.0', port: 0 })).rejects.toThrow(/0\.0\.0\.0/);
  });

  it('with a token: reports the real address, and the admin API answers only with the token', async () => {
    sb = await startSandbox({ host: '0.0.0.0', port: 0, adminToken: TOKEN });
    expect(sb.boundAddress).toBe('0.0.0.0');
    expect(sb.loopbackOnly).toBe(false);
    const anonymous = await fetch(`${sb.url}/_sandbox/accounts/222222222208`, {
      method: 'PUT',
      body: JSON.stringify({ status: 'SUSPENDED' }),
    });
    expect(anonymous.status).toBe(401);
    const wrong = await fetch(`${sb.url}/_sandbox/info`, {
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    expect(wrong.status).toBe(401);
    expect((await sb.admin.account('222222222208')).status).toBe('ACTIVE');
  });

  it('the CLI refuses --host 0.0.0.0 without a token, naming the address and the fix', async () => {
    const run = await runCliCaptured(['sandbox', '--host', '0.0.0.0', '--port', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('0.0.0.0');
    expect(run.stderr).toContain('GUARDRAILS_SANDBOX_ADMIN_TOKEN');
  });

  it('the CLI with a token prints the bound address and a warning, never the token', async () => {
    const controller = new AbortController();
    let stderr = '';
    const running = runCliCaptured(['sandbox', '--host', '0.0.0.0', '--port', '0'], {
      env: { GUARDRAILS_SANDBOX_ADMIN_TOKEN: TOKEN },
      signal: controller.signal,
    });
    // runCliCaptured returns only at the end: stop the sandbox once it had time to start.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    controller.abort();
    const run = await running;
    stderr = run.stderr;
    expect(run.code).toBe(0);
    expect(stderr).toMatch(/listening on 0\.0\.0\.0:\d+ \(locally http:\/\/127\.0\.0\.1:\d+\)/);
    expect(stderr).toContain('WARNING: listening on 0.0.0.0');
    expect(stderr).toContain('bearer token required');
    expect(stderr + run.stdout).not.toContain(TOKEN);
  });
});

describe('admin API input checks', () => {
  const bad: Array<[Record<string, unknown>, RegExp]> = [
    [{ throttleRate: 'abc' }, /throttleRate must be a number from 0 to 1/],
    [{ failRate: 2 }, /failRate must be a number from 0 to 1/],
    [{ latencyMs: -1 }, /latencyMs must be a whole number/],
    [{ throttling: 'fast' }, /throttling must be one of aws, lenient, off/],
    [{ deniedAccounts: 'x' }, /deniedAccounts must be an array of strings/],
    [{ credentialTtlSeconds: 0 }, /credentialTtlSeconds must be null or/],
    [{ nope: 1 }, /Unknown fault setting nope/],
  ];
  for (const [patch, message] of bad) {
    it(`PUT faults ${JSON.stringify(patch)} is a 400 and changes nothing`, async () => {
      sb = await startSandbox({ port: 0 });
      const before = await sb.admin.faults();
      const response = await fetch(`${sb.url}/_sandbox/faults`, {
        method: 'PUT',
        body: JSON.stringify(patch),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
      expect(await sb.admin.faults()).toEqual(before);
    });
  }

  it('a valid patch still applies', async () => {
    sb = await startSandbox({ port: 0 });
    await sb.admin.setFaults({ throttleRate: 0.5, credentialTtlSeconds: null });
    expect((await sb.admin.faults()).throttleRate).toBe(0.5);
  });

  it('names must be non-empty strings', async () => {
    sb = await startSandbox({ port: 0 });
    const response = await fetch(`${sb.url}/_sandbox/ous/ou-gr01-workloads`, {
      method: 'PUT',
      body: JSON.stringify({ name: 42 }),
    });
    expect(response.status).toBe(400);
  });
});

describe('admin API account patches', () => {
  it('bad roles are a 400 and the status in the same patch is not applied', async () => {
    sb = await startSandbox({ port: 0 });
    const response = await fetch(`${sb.url}/_sandbox/accounts/222222222208`, {
      method: 'PUT',
      body: JSON.stringify({ status: 'SUSPENDED', roles: [{ name: 7 }] }),
    });
    expect(response.status).toBe(400);
    expect((await sb.admin.account('222222222208')).status).toBe('ACTIVE');
  });
});
