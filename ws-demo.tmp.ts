import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSandbox } from './src/sandbox/index.js';
const bin = resolve('bin/guardrails.js');
const sb = await startSandbox({ scenario: 'demo', port: 0, seed: 1, credentialTtlSeconds: 2 });
const cwd = mkdtempSync(join(tmpdir(), 'gr-demo-'));
const env = { ...process.env, ...sb.env, CI: '1', NO_COLOR: '1' };
function g(args: string[], onTick?: () => Promise<void>): Promise<void> {
  return new Promise((res) => {
    const c = spawn(process.execPath, [bin, ...args], { env, cwd });
    let out = '', err = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    const t = onTick ? setInterval(() => void onTick(), 20) : undefined;
    c.on('exit', (code) => { if (t) clearInterval(t); console.log(`\n$ guardrails ${args.join(' ')}   # exit ${code}\n--- stdout\n${out}--- stderr\n${err}`); res(); });
  });
}
let denied = false;
await g(['apply', '--yes'], async () => {
  if (denied) return;
  try { if (readdirSync(join(cwd, 'guardrails-reports')).length) { denied = true; await sb.admin.setFaults({ deniedAccounts: ['222222222208'], latencyMs: 20 }); } } catch {}
});
await sb.admin.setFaults({ deniedAccounts: [], latencyMs: 0 });
const journal = join('guardrails-reports', readdirSync(join(cwd, 'guardrails-reports'))[0]!);
await g(['apply', '--resume', journal, '--yes']);
await g(['plan']);
await g(['rollback', '--journal', journal, '--yes']);
await sb.close();
