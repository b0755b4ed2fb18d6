/**
 * Sandbox benchmark: memory of the `large` scenario (10,000 accounts × 17 regions by default)
 * and GetInstanceMetadataDefaults throughput with latency off, measured from a separate client
 * process (keep-alive, concurrent) so the client does not steal the server's event loop.
 *
 *   npm run bench:sandbox [-- --accounts 10000 --regions 17 --seconds 5 --concurrency 64]
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { startSandbox } from '../src/sandbox/index.js';
import { staticCredentialsFor } from '../src/sandbox/state/credentials.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ACCOUNTS = arg('accounts', 10_000);
const REGIONS = arg('regions', 17);
const SECONDS = arg('seconds', 5);
const CONCURRENCY = arg('concurrency', 64);
const SESSIONS = 200;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Plain-JS client run in its own node process: raw keep-alive HTTP with SigV4-shaped headers. */
const CLIENT = `
const http = require('node:http');
const { url, sessions, regions, seconds, concurrency } = JSON.parse(process.argv[1]);
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const body = 'Action=GetInstanceMetadataDefaults&Version=2016-11-15';
let ok = 0, failed = 0, i = 0;
const deadline = Date.now() + seconds * 1000;
function once() {
  return new Promise((resolve) => {
    const s = sessions[i % sessions.length];
    const region = regions[Math.floor(i / sessions.length) % regions.length];
    i++;
    const req = http.request({ host: target.hostname, port: target.port, method: 'POST', path: '/', agent, headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
      'x-amz-security-token': s.sessionToken,
      authorization: 'AWS4-HMAC-SHA256 Credential=' + s.accessKeyId + '/20261126/' + region + '/ec2/aws4_request, SignedHeaders=host, Signature=0',
    } }, (res) => {
      res.resume();
      res.on('end', () => { if (res.statusCode === 200) ok++; else failed++; resolve(); });
    });
    req.on('error', () => { failed++; resolve(); });
    req.end(body);
  });
}
async function worker() { while (Date.now() < deadline) await once(); }
const started = Date.now();
Promise.all(Array.from({ length: concurrency }, worker)).then(() => {
  const elapsed = (Date.now() - started) / 1000;
  process.stdout.write(JSON.stringify({ ok, failed, elapsed }));
  agent.destroy();
});
`;

function runClient(input: object): Promise<{ ok: number; failed: number; elapsed: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CLIENT, JSON.stringify(input)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`client exited ${code}`)),
    );
  });
}

/** The same client against a bare node:http server: what this machine can do right now. */
async function baseline(): Promise<{ rate: number; cpuUs: number }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body = '<x/>';
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': body.length });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // The bare server ignores the key; any sandbox-shaped one keeps the client's request identical.
  const session = {
    accessKeyId: staticCredentialsFor('000000000000').accessKeyId,
    sessionToken: '',
  };
  const input = { url: `http://127.0.0.1:${port}`, sessions: [session], regions: ['us-east-1'] };
  const cpuStart = process.cpuUsage();
  const out = await runClient({ ...input, seconds: SECONDS, concurrency: CONCURRENCY });
  const cpu = process.cpuUsage(cpuStart);
  server.close();
  return { rate: out.ok / out.elapsed, cpuUs: (cpu.user + cpu.system) / Math.max(1, out.ok) };
}

gc();
const before = process.memoryUsage();
const started = performance.now();
const sb = await startSandbox({
  scenario: 'large',
  accounts: ACCOUNTS,
  regions: REGIONS,
  throttling: 'off',
  seed: 1,
});
const buildMs = performance.now() - started;
gc();
const after = process.memoryUsage();
console.log(
  `large scenario: ${ACCOUNTS} accounts × ${REGIONS} regions built in ${buildMs.toFixed(0)} ms`,
);
console.log(
  `  heap used ${mb(after.heapUsed)} (+${mb(after.heapUsed - before.heapUsed)}), rss ${mb(after.rss)} (+${mb(after.rss - before.rss)})`,
);

const sts = new STSClient({ region: sb.region, endpoint: sb.url, credentials: sb.credentials });
const accounts = (await sb.admin.accounts()).filter((a) => a.id !== sb.managementAccountId);
const regions = accounts[0]?.enabledRegions ?? ['us-east-1'];
const sessions = [];
for (const account of accounts.slice(0, SESSIONS)) {
  const out = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${account.id}:role/OrganizationAccountAccessRole`,
      RoleSessionName: 'bench',
    }),
  );
  sessions.push({
    accessKeyId: out.Credentials?.AccessKeyId,
    sessionToken: out.Credentials?.SessionToken,
  });
}

await sb.admin.resetCounters();
const cpuBefore = process.cpuUsage();
const result = await runClient({
  url: sb.url,
  sessions,
  regions,
  seconds: SECONDS,
  concurrency: CONCURRENCY,
});
const cpu = process.cpuUsage(cpuBefore);
const rate = result.ok / result.elapsed;
// Server CPU per request: the capacity of one core, independent of other load on the machine.
const cpuPerRequestUs = (cpu.user + cpu.system) / Math.max(1, result.ok + result.failed);
console.log(
  `GetInstanceMetadataDefaults: ${rate.toFixed(0)} req/s (${result.ok} ok, ${result.failed} failed, ` +
    `${CONCURRENCY} concurrent, ${SESSIONS} accounts × ${regions.length} regions, latency off, separate client process)`,
);
console.log(
  `  server CPU ${cpuPerRequestUs.toFixed(0)} µs/request → one core serves ≈ ${(1e6 / cpuPerRequestUs).toFixed(0)} req/s`,
);
gc();
const end = process.memoryUsage();
console.log(`after the run: heap used ${mb(end.heapUsed)}, rss ${mb(end.rss)}`);
const bare = await baseline();
console.log(
  `bare node:http server, same client, same machine: ${bare.rate.toFixed(0)} req/s, ${bare.cpuUs.toFixed(0)} µs CPU/request ` +
    `→ sandbox at ${((rate / bare.rate) * 100).toFixed(0)} % of its rate`,
);
console.log(
  `load average: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores`,
);
const pass = rate >= 2000 && after.rss < 300 * 1024 * 1024 && result.failed === 0;
console.log(
  pass ? 'targets met: ≥ 2,000 req/s and < 300 MB' : 'TARGETS MISSED: ≥ 2,000 req/s and < 300 MB',
);
await sb.close();
// Only failed requests fail the run: throughput depends on what else the machine is doing.
process.exitCode = result.failed === 0 ? 0 : 1;
