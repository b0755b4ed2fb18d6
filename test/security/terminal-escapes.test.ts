/**
 * Issue 18 point 1: account and OU names and a declarative policy's exception message reached the
 * table output and the .txt/.md/.csv reports raw, so a name could erase the line above, set the
 * window title or clear the screen. Here they are seeded in the sandbox (admin API + the real
 * Organizations API) and pushed through every text output: each must show them, never obey them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttachPolicyCommand, CreatePolicyCommand } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { clients } from '../sandbox/clients.js';

const ERASE_LINE_ABOVE = '\u001b[1A\u001b[2K';
const HOSTILE_ACCOUNT = `web-dev${ERASE_LINE_ABOVE}\u001b]0;pwned\u0007\u009b2J\u202eved`;
const HOSTILE_OU = 'Dev\u001b[2J\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007\rX';
const HOSTILE_MESSAGE = `Ask the team${ERASE_LINE_ABOVE}\u001b[8mhidden`;

const WEB_DEV = '222222222208';
const PAYMENTS_PROD = '222222222206';
const DEV_OU = 'ou-gr01-workloadsdev';

/** Anything a terminal would obey: ESC, BEL, C1, a lone CR, bidi overrides (CRLF ends CSV records). */
const OBEYED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;

let sb: SandboxHandle;
let cwd: string;
beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0, seed: 1 });
  cwd = mkdtempSync(join(tmpdir(), 'guardrails-escapes-'));
  await sb.admin.updateAccount(WEB_DEV, { name: HOSTILE_ACCOUNT });
  await sb.admin.renameOu(DEV_OU, HOSTILE_OU);
  const { org } = clients(sb);
  const created = await org.send(
    new CreatePolicyCommand({
      Name: 'hostile-ec2',
      Description: 'test',
      Type: 'DECLARATIVE_POLICY_EC2',
      Content: JSON.stringify({
        ec2_attributes: {
          instance_metadata_defaults: { http_tokens: { '@@assign': 'required' } },
          exception_message: { '@@assign': HOSTILE_MESSAGE },
        },
      }),
    }),
  );
  await org.send(
    new AttachPolicyCommand({
      PolicyId: created.Policy?.PolicySummary?.Id ?? '',
      TargetId: PAYMENTS_PROD,
    }),
  );
});
afterAll(async () => {
  await sb.close();
  rmSync(cwd, { recursive: true, force: true });
});

const run = (argv: string[]) => runAgainst(sb, cwd, [...argv, '--regions', 'us-east-1']);

function expectShownNotObeyed(label: string, text: string, shows: string[]) {
  expect(OBEYED.exec(text)?.[0], `${label} carries a raw control character`).toBeUndefined();
  for (const shown of shows) expect(text, `${label} shows ${shown}`).toContain(shown);
}

describe('hostile names through every text output', () => {
  it('verify: table on stdout, progress on stderr', async () => {
    const result = await run(['verify', '--accounts', WEB_DEV]);
    expectShownNotObeyed('verify stdout', result.stdout, ['web-dev\\u001b[1A\\u001b[2K']);
    expectShownNotObeyed('verify stderr', result.stderr, []);
  });

  it('verify: every report file; JSON keeps the exact name', async () => {
    const dir = join(cwd, 'reports');
    await run(['verify', '-f', 'table,csv,markdown,json,html,junit', '--out-dir', dir]);
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      const plain = /\.(txt|csv|md)$/.test(file);
      expectShownNotObeyed(file, text, plain ? ['web-dev\\u001b[1A\\u001b[2K'] : []);
    }
    const report = JSON.parse(readFileSync(join(dir, 'verify-report.json'), 'utf8'));
    expect(JSON.stringify(report)).toContain(JSON.stringify(HOSTILE_ACCOUNT).slice(1, -1));
  });

  it('plan: the plan text, with the exception message of the skipped account', async () => {
    const result = await run(['plan']);
    expectShownNotObeyed('plan stdout', result.stdout, [
      'web-dev\\u001b[1A',
      'Ask the team\\u001b[1A\\u001b[2K\\u001b[8mhidden',
    ]);
    expectShownNotObeyed('plan stderr', result.stderr, []);
  });

  it('discover: the tree shows the OU and account names', async () => {
    const result = await run(['discover']);
    expectShownNotObeyed('discover stdout', result.stdout, [
      'Dev\\u001b[2J\\u001b]8;;https://evil.example\\u0007',
      'web-dev\\u001b[1A',
    ]);
  });

  it('readiness: table and files', async () => {
    const table = await run(['readiness']);
    expectShownNotObeyed('readiness stdout', table.stdout, ['web-dev\\u001b[1A']);
    const dir = join(cwd, 'readiness');
    await run(['readiness', '-f', 'table,csv,markdown,json', '--out-dir', dir]);
    for (const file of readdirSync(dir)) {
      expectShownNotObeyed(file, readFileSync(join(dir, file), 'utf8'), []);
    }
  });

  it('an error message quoting a name is shown, not obeyed', async () => {
    const result = await run(['verify', '--accounts', `nope${ERASE_LINE_ABOVE}`]);
    expect(result.code).toBe(1);
    expectShownNotObeyed('error', result.stderr, ['nope\\u001b[1A\\u001b[2K']);
  });

  it('prove: the table', async () => {
    const result = await run(['prove', '--accounts', WEB_DEV]);
    expectShownNotObeyed('prove stdout', result.stdout, []);
    expectShownNotObeyed('prove stderr', result.stderr, []);
  });

  it('apply: CI log lines (listr) and the result', async () => {
    // Another account than web-dev: tests may run in any order and plan must still see web-dev.
    const result = await run(['apply', '--yes', '--ous', 'Root/Sandbox']);
    expect(result.code).toBe(0);
    expectShownNotObeyed('apply stdout', result.stdout, []);
    expectShownNotObeyed('apply stderr', result.stderr, []);
  });
});
