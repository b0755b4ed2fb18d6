/** Targets of issues #8 and #20 and the Markdown table of bench/results/latest.md. */
import type { BaselineResult } from './baseline.js';

export interface StepResult {
  step: string;
  exitCode: number | null;
  wallMs: number;
  /** User + system CPU time of the tool process. */
  cpuMs: number;
  /** cpuMs / calls: the cost of one API call in the tool, far less sensitive to load than wall. */
  cpuMsPerCall: number;
  calls: number;
  imdsWrites: number;
  /** calls × mean latency / concurrency. */
  lowerBoundMs: number;
  ratio: number;
  maxRssMb: number;
  /** 1-minute load average when the step started / ended (above the CPU count = busy machine). */
  loadAtStart: number;
  loadAtEnd: number;
  operations: Record<string, number>;
  /** Set on a step kept from an earlier run (`--include`): when that run started. */
  measuredAt?: string;
}

export interface SizeResult {
  accounts: number;
  regions: number;
  latencyMs: number;
  jitterMs: number;
  concurrency: number;
  plannedImdsChanges: number;
  steps: StepResult[];
  baseline?: BaselineResult;
}

export interface Machine {
  cpus: number;
  loadAverageAtStart: number;
  loadAverageAtEnd: number;
  node: string;
}

export interface BenchResult {
  startedAt: string;
  finishedAt: string;
  cli: string;
  cliRoot: string;
  machine: Machine;
  sizes: SizeResult[];
  throttle?: ThrottleResult;
  targets: Target[];
  /** Sizes taken from an earlier run of the harness (`--include`). */
  included?: { from: string; startedAt: string };
  /** The `--compare` run (e.g. the code before a change), for CPU per call side by side. */
  before?: { startedAt: string; sizes: SizeResult[] };
}

export interface ThrottleResult {
  accounts: number;
  regions: number;
  planExit: number | null;
  applyExit: number | null;
  planned: number;
  written: number;
  throttled: number;
  twice: number;
  missing: number;
  unplanned: number;
  met: boolean;
}

export interface Target {
  target: string;
  met: boolean | null;
  measured: string;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function applyOf(size: SizeResult): StepResult | undefined {
  return size.steps.find((st) => st.step === 'apply');
}

export function speedUp(size: SizeResult): number {
  const apply = applyOf(size);
  return apply && size.baseline ? size.baseline.estimatedMs / apply.wallMs : 0;
}

const sameSize = (a: SizeResult, b: SizeResult) =>
  a.accounts === b.accounts && a.regions === b.regions && a.latencyMs === b.latencyMs;

/** CPU ms per call of the same size and step in the `--compare` run. */
function cpuBefore(
  before: BenchResult['before'],
  size: SizeResult,
  step: string,
): number | undefined {
  const z = before?.sizes.find((b) => sameSize(b, size));
  return z?.steps.find((st) => st.step === step)?.cpuMsPerCall;
}

const peakRss = (size: SizeResult) => Math.max(...size.steps.map((st) => st.maxRssMb));

export function evaluateTargets(
  sizes: SizeResult[],
  throttle: ThrottleResult | undefined,
  before?: Pick<BenchResult, 'sizes'>,
): Target[] {
  const targets: Target[] = [];
  const k1 = sizes.find((z) => z.accounts === 1000 && z.latencyMs === 50 && z.concurrency === 64);
  targets.push(
    k1
      ? {
          target: 'wall ≤ 1.25× lower bound (1,000×17, 50 ms, C=64), every step',
          met: k1.steps.every((st) => st.ratio <= 1.25),
          measured: k1.steps.map((st) => `${st.step} ${st.ratio.toFixed(2)}×`).join(', '),
        }
      : { target: 'wall ≤ 1.25× lower bound at 1,000×17', met: null, measured: 'not run' },
  );
  targets.push(
    k1
      ? {
          target: '≥ 50× faster than the seeds’ loop (1,000×17, apply)',
          met: speedUp(k1) >= 50,
          measured: `${speedUp(k1).toFixed(0)}×`,
        }
      : { target: '≥ 50× faster than the seeds’ loop', met: null, measured: 'not run' },
  );
  const k1Before = k1 && before?.sizes.find((b) => sameSize(b, k1));
  if (k1 && k1Before) {
    const pairs = k1.steps.flatMap((st) => {
      const old = cpuBefore({ startedAt: '', sizes: [k1Before] }, k1, st.step);
      return old ? [{ step: st.step, old, now: st.cpuMsPerCall }] : [];
    });
    targets.push({
      target: 'CPU per API call halved vs the compared run (1,000×17), every step',
      met: pairs.length > 0 && pairs.every((p) => p.now <= p.old / 2),
      measured: pairs
        .map((p) => `${p.step} ${p.old.toFixed(2)} → ${p.now.toFixed(2)} ms`)
        .join(', '),
    });
  }
  const k10 = sizes.find((z) => z.accounts === 10_000);
  const small = sizes.filter((z) => z.accounts < 10_000).at(-1);
  if (k10) {
    const growth = small ? peakRss(k10) / peakRss(small) : Number.NaN;
    const scale = small ? k10.accounts / small.accounts : Number.NaN;
    targets.push({
      target: 'peak RSS < 300 MB at 10,000×17, sub-linear growth',
      met: peakRss(k10) < 300 && (!small || growth < scale),
      measured: `${peakRss(k10).toFixed(0)} MB${small ? `; ×${growth.toFixed(1)} RSS for ×${scale} accounts` : ''}`,
    });
  } else {
    targets.push({ target: 'peak RSS < 300 MB at 10,000×17', met: null, measured: 'not run' });
  }
  if (throttle) {
    targets.push({
      target: `10% throttling: every needed write exactly once (${throttle.accounts}×${throttle.regions})`,
      met: throttle.met,
      measured:
        `apply exit ${throttle.applyExit}; ${throttle.planned} planned, ${throttle.written} written, ` +
        `${throttle.twice} twice, ${throttle.missing} missing, ${throttle.unplanned} unplanned; ` +
        `${throttle.throttled} throttled calls`,
    });
  }
  return targets;
}

const load = (st: StepResult, cpus: number) => {
  const peak = Math.max(st.loadAtStart, st.loadAtEnd);
  const text = `${st.loadAtStart.toFixed(1)}→${st.loadAtEnd.toFixed(1)}`;
  return peak > cpus ? `${text} (busy)` : text;
};

/** When the kept (‡) rows were measured, oldest first. */
function earlierRuns(result: BenchResult): string {
  const at = new Set<string>();
  for (const z of result.sizes) for (const st of z.steps) if (st.measuredAt) at.add(st.measuredAt);
  return [...at].sort().join(', ') || (result.included?.startedAt ?? '');
}

export function renderMarkdown(result: BenchResult): string {
  const { machine } = result;
  const lines = [
    `Measured ${result.startedAt} → ${result.finishedAt} · ${machine.cpus} CPUs, load average ${machine.loadAverageAtStart.toFixed(1)} at start, ${machine.loadAverageAtEnd.toFixed(1)} at end · Node ${machine.node} · CLI from ${result.cli}`,
    '',
    '| size | latency | step | API calls | wall | lower bound | wall / bound | CPU | CPU ms / call | before | peak RSS | load |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const z of result.sizes) {
    const size = `${z.accounts.toLocaleString('en')}×${z.regions}`;
    const lat = `${z.latencyMs}+${z.jitterMs} ms`;
    for (const st of z.steps) {
      const old = cpuBefore(result.before, z, st.step);
      lines.push(
        `| ${size} | ${lat} | ${st.step} (exit ${st.exitCode})${st.measuredAt ? ' ‡' : ''} | ${st.calls} | ${s(st.wallMs)} | ${s(st.lowerBoundMs)} | ${st.ratio.toFixed(2)}× | ${s(st.cpuMs)} | ${st.cpuMsPerCall.toFixed(3)} | ${old === undefined ? '' : old.toFixed(3)} | ${st.maxRssMb.toFixed(0)} MB | ${load(st, machine.cpus)} |`,
      );
    }
    const b = z.baseline;
    if (!b) continue;
    const how = b.extrapolated ? ` (measured on ${b.sampled} accounts, extrapolated)` : '';
    lines.push(
      `| ${size} | ${lat} | seeds’ loop${how} | ${b.calls} | ${s(b.estimatedMs)} | | apply is ${speedUp(z).toFixed(0)}× faster | | | | | |`,
    );
  }
  if (result.included) {
    lines.push(
      '',
      `‡ Sizes and steps this run did not measure come from \`${result.included.from}\`: measured by this harness in the runs started ${earlierRuns(result)}, each with its own load figures.`,
    );
  }
  if (result.before) {
    lines.push(
      '',
      `"before" was measured ${result.before.startedAt} by this harness on the code before the change.`,
    );
  }
  lines.push('', '| target | met | measured |', '| --- | --- | --- |');
  for (const t of result.targets) {
    lines.push(
      `| ${t.target} | ${t.met === null ? '—' : t.met ? 'yes' : '**no**'} | ${t.measured} |`,
    );
  }
  lines.push(
    '',
    'Lower bound = API calls × mean latency (latency + jitter/2) / concurrency. CPU = user + system time of the tool process; CPU ms / call = CPU / API calls (the headline: it barely moves with machine load, unlike wall time). "before" = the same step in the compared run (`--compare`). Load = 1-minute load average at the step’s start → end; "busy" = above the CPU count, where wall times stretch.',
    '',
  );
  return lines.join('\n');
}
