/**
 * Run from a member account by mistake: the sandbox answers DescribeOrganization to members as
 * AWS does, so the CLI can name the management account before reading anything else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { assume } from '../sandbox/clients.js';

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0, seed: 1 });
});
afterAll(() => sb.close());

describe('guardrails with member-account credentials', () => {
  it('stops in preflight, names the caller and the management account, and reads nothing else', async () => {
    // Given credentials of security-audit's member role
    const creds = await assume(sb, '222222222201');
    const before = (await sb.admin.counters()).operations;
    // When an admin runs discover (and the guided rollout) with them
    const env = {
      AWS_ACCESS_KEY_ID: creds.accessKeyId,
      AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
      AWS_SESSION_TOKEN: creds.sessionToken ?? '',
    };
    for (const argv of [['discover'], ['plan'], ['--yes']]) {
      const run = await runAgainst(sb, tempDir(), argv, { env });
      // Then it stops before anything else with the management account named, and the fix
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain(
        'These credentials belong to account 222222222201 (arn:aws:sts::222222222201:assumed-role/OrganizationAccountAccessRole/test), but the management account of organization o-guardrails01 is 111111111111.',
      );
      expect(run.stderr).toContain(
        'hint: Run guardrails with credentials of the management account',
      );
    }
    // And no account was listed, nothing assumed
    const after = (await sb.admin.counters()).operations;
    const calls = (name: string, ops: typeof before) => ops[name]?.calls ?? 0;
    expect(calls('organizations:ListAccounts', after)).toBe(
      calls('organizations:ListAccounts', before),
    );
    expect(calls('sts:AssumeRole', after)).toBe(calls('sts:AssumeRole', before));
  });
});
