/**
 * Child processes for the end-to-end bench: the sandbox in its own process (so it never shares an
 * event loop with the tool), and the real CLI timed from outside (wall, CPU, peak RSS).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TIME = '/usr/bin/time';

/**
 * The checkout whose CLI (and sandbox) is measured: this one, or another one given with
 * `--cli-root` (e.g. a worktree of an older commit, to measure "before" with this harness).
 */
let cliRoot = root;
export function measureCliAt(dir: string): void {
  cliRoot = dir;
}

/** The built CLI when present (what users run), else the repo launcher (tsx: slow start). */
export function cliEntry(): { path: string; kind: 'dist' | 'bin'; root: string } {
  const dist = join(cliRoot, 'dist', 'main.js');
  return existsSync(dist)
    ? { path: dist, kind: 'dist', root: cliRoot }
    : { path: join(cliRoot, 'bin', 'guardrails.js'), kind: 'bin', root: cliRoot };
}

export interface SandboxProcess {
  url: string;
  env: Record<string, string>;
  counters(): Promise<Counters>;
  resetCounters(): Promise<void>;
  setFaults(patch: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

export interface Counters {
  operations: Record<string, { calls: number; ok: number; errors: Record<string, number> }>;
  imdsWrites: Record<string, number>;
}

export interface SandboxSpec {
  accounts: number;
  regions: number;
  latencyMs: number;
  jitterMs: number;
  throttleRate?: number;
  seed: number;
}

/** Starts `guardrails sandbox --scenario large …` and parses the `export NAME=value` lines. */
export async function startSandboxProcess(spec: SandboxSpec): Promise<SandboxProcess> {
  const args = [
    cliEntry().path,
    'sandbox',
    '--scenario',
    'large',
    '--port',
    '0',
    '--accounts',
    String(spec.accounts),
    '--regions',
    String(spec.regions),
    '--latency-ms',
    String(spec.latencyMs),
    '--jitter-ms',
    String(spec.jitterMs),
    '--seed',
    String(spec.seed),
    // The bench measures the tool's scheduling, not AWS's per-API rate limits.
    '--throttling',
    'off',
  ];
  if (spec.throttleRate) args.push('--throttle-rate', String(spec.throttleRate));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const vars = Object.fromEntries(
        [...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
      );
      if (vars.AWS_REGION) resolve(vars);
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited (${code}): ${err}`)));
  });
  const url = env.AWS_ENDPOINT_URL ?? '';
  const admin = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${url}/_sandbox/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return res.json();
  };
  return {
    url,
    env,
    counters: async () => (await admin('GET', 'counters')) as Counters,
    resetCounters: async () => void (await admin('POST', 'counters/reset')),
    setFaults: async (patch) => void (await admin('PUT', 'faults', patch)),
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGINT');
  });
}

export interface TimedRun {
  code: number | null;
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI under `/usr/bin/time -v` (peak RSS of the tool process itself) when present; else
 * reports the child's CPU/RSS from `process.resourceUsage()` via a tiny preload.
 */
export function runCli(
  argv: string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<TimedRun> {
  const stats = join(options.cwd, `.time-${process.pid}-${Date.now()}`);
  const entry = cliEntry().path;
  const useTime = existsSync(TIME);
  const command = useTime ? TIME : process.execPath;
  const args = useTime
    ? ['-v', '-o', stats, process.execPath, entry, ...argv]
    : ['--import', join(root, 'bench', 'lib', 'report-usage.mjs'), entry, ...argv];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...cleanEnv(), ...options.env, ...(useTime ? {} : { BENCH_USAGE_FILE: stats }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const text = existsSync(stats) ? readFileSync(stats, 'utf8') : '';
      rmSync(stats, { force: true });
      resolve({ code, wallMs, ...parseUsage(text, useTime), stdout, stderr });
    });
  });
}

function parseUsage(text: string, gnuTime: boolean): { cpuMs: number; maxRssMb: number } {
  if (!gnuTime) {
    const usage = text ? (JSON.parse(text) as { cpuMs: number; maxRssKb: number }) : undefined;
    return { cpuMs: usage?.cpuMs ?? 0, maxRssMb: (usage?.maxRssKb ?? 0) / 1024 };
  }
  const num = (re: RegExp) => Number(re.exec(text)?.[1] ?? 0);
  return {
    cpuMs:
      (num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/)) * 1000,
    maxRssMb: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024,
  };
}

/** No npm_* / AWS_* leaking in from the caller's shell: the child talks to the sandbox only. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('AWS_') || /^npm_/i.test(key)) continue;
    if (key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return { ...env, CI: '1', NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: '1' };
}
