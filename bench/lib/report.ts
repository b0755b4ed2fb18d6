/** Targets of issue #8 and the Markdown table of bench/results/latest.md. */
import type { BaselineResult } from './baseline.js';

export interface StepResult {
  step: string;
  exitCode: number | null;
  wallMs: number;
  cpuMs: number;
  calls: number;
  imdsWrites: number;
  /** calls × mean latency / concurrency. */
  lowerBoundMs: number;
  ratio: number;
  maxRssMb: number;
  operations: Record<string, number>;
}

export interface SizeResult {
  accounts: number;
  regions: number;
  latencyMs: number;
  jitterMs: number;
  concurrency: number;
  plannedImdsChanges: number;
  steps: StepResult[];
  baseline: BaselineResult;
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
  return apply ? size.baseline.estimatedMs / apply.wallMs : 0;
}

const peakRss = (size: SizeResult) => Math.max(...size.steps.map((st) => st.maxRssMb));

export function evaluateTargets(sizes: SizeResult[], throttle: ThrottleResult): Target[] {
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
  targets.push({
    target: `10% throttling: every needed write exactly once (${throttle.accounts}×${throttle.regions})`,
    met: throttle.met,
    measured:
      `apply exit ${throttle.applyExit}; ${throttle.planned} planned, ${throttle.written} written, ` +
      `${throttle.twice} twice, ${throttle.missing} missing, ${throttle.unplanned} unplanned; ` +
      `${throttle.throttled} throttled calls`,
  });
  return targets;
}

export function renderMarkdown(result: {
  startedAt: string;
  cli: string;
  machine: { cpus: number; loadAverageAtStart: number; node: string };
  sizes: SizeResult[];
  targets: Target[];
}): string {
  const lines = [
    `Measured ${result.startedAt} · ${result.machine.cpus} CPUs, load average ${result.machine.loadAverageAtStart.toFixed(1)} at start · Node ${result.machine.node} · CLI from ${result.cli}`,
    '',
    '| size | latency | step | API calls | wall | CPU | lower bound | wall / bound | peak RSS |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const z of result.sizes) {
    const size = `${z.accounts.toLocaleString('en')}×${z.regions}`;
    const lat = `${z.latencyMs}+${z.jitterMs} ms`;
    for (const st of z.steps) {
      lines.push(
        `| ${size} | ${lat} | ${st.step} (exit ${st.exitCode}) | ${st.calls} | ${s(st.wallMs)} | ${s(st.cpuMs)} | ${s(st.lowerBoundMs)} | ${st.ratio.toFixed(2)}× | ${st.maxRssMb.toFixed(0)} MB |`,
      );
    }
    const b = z.baseline;
    const how = b.extrapolated ? ` (measured on ${b.sampled} accounts, extrapolated)` : '';
    lines.push(
      `| ${size} | ${lat} | seeds’ loop${how} | ${b.calls} | ${s(b.estimatedMs)} | | | apply is ${speedUp(z).toFixed(0)}× faster | |`,
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
    'Lower bound = API calls × mean latency (latency + jitter/2) / concurrency. CPU = user + system time of the tool process.',
    '',
  );
  return lines.join('\n');
}
