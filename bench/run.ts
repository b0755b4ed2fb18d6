/**
 * End-to-end bench: the real CLI (`plan`, `apply --yes`, `verify`, then the whole non-interactive
 * guided rollout `guardrails --yes` on a fresh organization) against the sandbox in its own
 * process, per size; the seeds' sequential loop as the baseline; a 10%-throttling exactly-once
 * check. Per step: wall, API calls, lower bound, CPU ms per API call, peak RSS and the machine's
 * load. Writes bench/results/<name>.{md,json} (default `latest`).
 *
 *   npm run bench [-- --sizes 100,1000,10000 --latency-ms 50 --jitter-ms 10 --concurrency 64
 *                     --large-latency-ms 10 --baseline-accounts 5 --throttle-size 100
 *                     --steps plan,apply,verify,rollout --cli-root ../other-checkout
 *                     --name latest --compare bench/results/before.json
 *                     --include bench/results/earlier.json]
 *
 * `--cli-root` measures another checkout's built CLI (and its sandbox) with this harness;
 * `--compare` adds that run's CPU per call beside this one's; `--include` keeps the sizes and
 * steps of an earlier run that this one did not measure (marked ‡), e.g. plan, apply and verify at
 * 10,000 × 17 beside a rollout-only run of that size. `--baseline-accounts 0` and
 * `--throttle-size 0` skip the seeds' loop and the throttling check.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBaseline } from './lib/baseline.js';
import {
  cliEntry,
  measureCliAt,
  runCli,
  type SandboxProcess,
  startSandboxProcess,
} from './lib/processes.js';
import {
  type BenchResult,
  evaluateTargets,
  renderMarkdown,
  type SizeResult,
  type StepResult,
} from './lib/report.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const SIZES = arg('sizes', '100,1000,10000').split(',').map(Number);
const REGIONS = Number(arg('regions', '17'));
const LATENCY = Number(arg('latency-ms', '50'));
const JITTER = Number(arg('jitter-ms', '10'));
const LARGE_LATENCY = Number(arg('large-latency-ms', '10'));
const CONCURRENCY = Number(arg('concurrency', '64'));
const BASELINE_ACCOUNTS = Number(arg('baseline-accounts', '5'));
const THROTTLE_SIZE = Number(arg('throttle-size', String(Math.min(...SIZES))));
const STEPS = new Set(arg('steps', 'plan,apply,verify,rollout').split(','));
const NAME = arg('name', 'latest');
const COMPARE = arg('compare', '');
const CLI_ROOT = arg('cli-root', '');
const INCLUDE = arg('include', '');
if (CLI_ROOT) measureCliAt(resolve(CLI_ROOT));
const SEED = 1;
const log = (line: string) => process.stderr.write(`${line}\n`);

function totalCalls(counters: Awaited<ReturnType<SandboxProcess['counters']>>): number {
  return Object.values(counters.operations).reduce((n, op) => n + op.calls, 0);
}

/**
 * `--allow-relaxing` arrived with the relaxing-change approval; a checkout measured with
 * `--cli-root` from before it refuses the flag (and applied relaxing changes with --yes alone).
 */
let knowsAllowRelaxing: boolean | undefined;
async function withoutUnknownFlags(argv: string[], cwd: string, env: Record<string, string>) {
  if (!argv.includes('--allow-relaxing')) return argv;
  knowsAllowRelaxing ??= (await runCli(['apply', '--help'], { cwd, env })).stdout.includes(
    '--allow-relaxing',
  );
  return knowsAllowRelaxing ? argv : argv.filter((a) => a !== '--allow-relaxing');
}

async function step(
  sb: SandboxProcess,
  cwd: string,
  name: string,
  argv: string[],
  meanLatencyMs: number,
): Promise<StepResult> {
  await sb.resetCounters();
  const loadAtStart = loadavg()[0] ?? 0;
  const flags = await withoutUnknownFlags(argv, cwd, sb.env);
  const run = await runCli([...flags, '--concurrency', String(CONCURRENCY)], { cwd, env: sb.env });
  const counters = await sb.counters();
  const calls = totalCalls(counters);
  const lowerBoundMs = (calls * meanLatencyMs) / CONCURRENCY;
  const writes = Object.values(counters.imdsWrites).reduce((n, w) => n + w, 0);
  const cpuMsPerCall = calls > 0 ? run.cpuMs / calls : 0;
  const loadAtEnd = loadavg()[0] ?? 0;
  log(
    `  ${name}: exit ${run.code}, ${(run.wallMs / 1000).toFixed(1)} s, ${calls} calls, ` +
      `${cpuMsPerCall.toFixed(3)} CPU ms/call, ${run.maxRssMb.toFixed(0)} MB, ` +
      `load ${loadAtStart.toFixed(1)}→${loadAtEnd.toFixed(1)}`,
  );
  if (run.code !== 0 && !(name === 'plan' && run.code === 2)) {
    log(run.stderr.slice(-2000));
  }
  return {
    step: name,
    exitCode: run.code,
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    cpuMsPerCall,
    calls,
    imdsWrites: writes,
    lowerBoundMs,
    ratio: run.wallMs / lowerBoundMs,
    maxRssMb: run.maxRssMb,
    loadAtStart,
    loadAtEnd,
    operations: Object.fromEntries(
      Object.entries(counters.operations).map(([op, c]) => [op, c.calls]),
    ),
  };
}

async function measureSize(accounts: number): Promise<SizeResult> {
  const latencyMs = accounts >= 10_000 ? LARGE_LATENCY : LATENCY;
  const jitterMs = accounts >= 10_000 ? Math.min(JITTER, LARGE_LATENCY) : JITTER;
  const meanLatency = latencyMs + jitterMs / 2;
  log(`${accounts} × ${REGIONS}: latency ${latencyMs} ms + jitter ${jitterMs} ms`);
  const spec = { accounts, regions: REGIONS, latencyMs, jitterMs, seed: SEED };
  const steps: StepResult[] = [];
  let planned: string[] = [];
  let baseline: SizeResult['baseline'];
  if (STEPS.has('plan') || STEPS.has('apply') || STEPS.has('verify')) {
    const sb = await startSandboxProcess(spec);
    const cwd = mkdtempSync(join(tmpdir(), 'guardrails-bench-'));
    try {
      if (STEPS.has('plan')) {
        steps.push(await step(sb, cwd, 'plan', ['plan', '--out', 'plan.json'], meanLatency));
        planned = plannedImdsTargets(join(cwd, 'plan.json'));
      }
      if (STEPS.has('apply')) {
        steps.push(
          await step(sb, cwd, 'apply', ['apply', '--yes', '--allow-relaxing'], meanLatency),
        );
      }
      if (STEPS.has('verify')) steps.push(await step(sb, cwd, 'verify', ['verify'], meanLatency));
      if (BASELINE_ACCOUNTS > 0) {
        log(`  baseline: seeds' loop on ${Math.min(BASELINE_ACCOUNTS, accounts)} accounts…`);
        await sb.resetCounters();
        baseline = await runBaseline(sb.env, BASELINE_ACCOUNTS);
      }
    } finally {
      await sb.stop();
      rmSync(cwd, { recursive: true, force: true });
    }
  }
  if (STEPS.has('rollout')) {
    // A fresh organization: the rollout plans, applies and verifies everything itself.
    const sb = await startSandboxProcess(spec);
    const cwd = mkdtempSync(join(tmpdir(), 'guardrails-bench-'));
    try {
      steps.push(await step(sb, cwd, 'rollout', ['--yes', '--allow-relaxing'], meanLatency));
    } finally {
      await sb.stop();
      rmSync(cwd, { recursive: true, force: true });
    }
  }
  return {
    accounts,
    regions: REGIONS,
    latencyMs,
    jitterMs,
    concurrency: CONCURRENCY,
    plannedImdsChanges: planned.length,
    steps,
    ...(baseline ? { baseline } : {}),
  };
}

function plannedImdsTargets(path: string): string[] {
  const plan = JSON.parse(readFileSync(path, 'utf8')) as {
    changes: { kind: string; accountId?: string; region?: string }[];
  };
  return plan.changes
    .filter((c) => c.kind === 'imds.set')
    .map((c) => `${c.accountId}/${c.region}`)
    .sort();
}

/** With 10% of calls throttled, every planned write lands exactly once and nothing else. */
async function exactlyOnce(accounts: number) {
  log(`exactly-once: ${accounts} × ${REGIONS} with 10% throttling`);
  const sb = await startSandboxProcess({
    accounts,
    regions: REGIONS,
    latencyMs: 5,
    jitterMs: 5,
    throttleRate: 0.1,
    seed: SEED + 1,
  });
  const cwd = mkdtempSync(join(tmpdir(), 'guardrails-bench-'));
  try {
    const plan = await step(sb, cwd, 'plan', ['plan', '--out', 'plan.json'], 7.5);
    const planned = plannedImdsTargets(join(cwd, 'plan.json'));
    const apply = await step(sb, cwd, 'apply', ['apply', 'plan.json', '--allow-relaxing'], 7.5);
    const counters = await sb.counters();
    const throttled = Object.values(counters.operations).reduce(
      (n, op) =>
        n +
        Object.entries(op.errors)
          .filter(([code]) => /Throttl|TooMany|RequestLimit/.test(code))
          .reduce((m, [, v]) => m + v, 0),
      0,
    );
    const written = counters.imdsWrites;
    const plannedSet = new Set(planned);
    const twice = Object.entries(written).filter(([, n]) => n > 1).length;
    const missing = planned.filter((t) => written[t] !== 1).length;
    const unplanned = Object.keys(written).filter((t) => !plannedSet.has(t)).length;
    return {
      accounts,
      regions: REGIONS,
      planExit: plan.exitCode,
      applyExit: apply.exitCode,
      planned: planned.length,
      written: Object.keys(written).length,
      throttled,
      twice,
      missing,
      unplanned,
      met: apply.exitCode === 0 && twice === 0 && missing === 0 && unplanned === 0,
    };
  } finally {
    await sb.stop();
    rmSync(cwd, { recursive: true, force: true });
  }
}

const entry = cliEntry();
log(
  `CLI: ${entry.path} (${entry.kind})${entry.kind === 'bin' ? ' — run `npm run build` first' : ''}`,
);
const startedAt = new Date().toISOString();
const load = loadavg()[0] ?? 0;
const sizes: SizeResult[] = [];
for (const size of SIZES) sizes.push(await measureSize(size));
const throttle = THROTTLE_SIZE > 0 ? await exactlyOnce(THROTTLE_SIZE) : undefined;
// `--include other.json`: sizes (and the throttling check) measured by an earlier run of this
// harness, kept in this report with their own load figures.
const included = INCLUDE ? (JSON.parse(readFileSync(INCLUDE, 'utf8')) as BenchResult) : undefined;
if (included) {
  const kept = (steps: StepResult[]) =>
    steps.map((st) => ({ ...st, measuredAt: st.measuredAt ?? included.startedAt }));
  for (const earlier of included.sizes) {
    const now = sizes.find((z) => z.accounts === earlier.accounts);
    if (!now) {
      sizes.unshift({ ...earlier, steps: kept(earlier.steps) });
      continue;
    }
    // A step this run skipped (`--steps`) at the same size and latency: keep the earlier row.
    if (now.latencyMs !== earlier.latencyMs) continue;
    const missing = earlier.steps.filter((st) => !now.steps.some((n) => n.step === st.step));
    now.steps.unshift(...kept(missing));
    if (!now.baseline && earlier.baseline) now.baseline = earlier.baseline;
  }
}
const throttleResult = throttle ?? included?.throttle;
const before = COMPARE ? (JSON.parse(readFileSync(COMPARE, 'utf8')) as BenchResult) : undefined;
const targets = evaluateTargets(sizes, throttleResult, before);
const machine = {
  cpus: availableParallelism(),
  loadAverageAtStart: load,
  loadAverageAtEnd: loadavg()[0] ?? 0,
  node: process.version,
};
const result: BenchResult = {
  startedAt,
  finishedAt: new Date().toISOString(),
  cli: entry.kind,
  cliRoot: entry.root,
  machine,
  sizes,
  ...(throttleResult ? { throttle: throttleResult } : {}),
  targets,
  ...(included ? { included: { from: INCLUDE, startedAt: included.startedAt } } : {}),
  ...(before ? { before: { startedAt: before.startedAt, sizes: before.sizes } } : {}),
};
const markdown = renderMarkdown(result);
const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, `${NAME}.json`), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(dir, `${NAME}.md`), markdown);
process.stdout.write(markdown);
