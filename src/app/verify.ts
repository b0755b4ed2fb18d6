/**
 * `guardrails verify`: observe everything (the shared read path), compare with the desired
 * state (pure core), render the requested formats and write the files. The exit status follows
 * from the findings: 0 all compliant, 2 findings.
 */
import { resolve } from 'node:path';
import type { DesiredState } from '../core/desired/types.js';
import { plural } from '../core/model/plural.js';
import { buildVerifyReport } from '../core/verify/compare.js';
import type { VerifyReport } from '../core/verify/types.js';
import { ExitCode } from '../errors.js';
import type { ReportDestination } from '../report/index.js';
import { type ChunkedContent, verifyReportContent } from '../report/render-verify-report.js';
import { findingCount } from '../report/verify-strategy.js';
import type { AppContext } from './context.js';
import { desiredFor, desiredRings } from './desired.js';
import {
  assertEvidenceDirUsable,
  type EvidenceWritten,
  findJournals,
  writeEvidenceBundle,
} from './evidence.js';
import { observe } from './observe.js';
import { reportTargets, writeReports } from './report-output.js';

export interface VerifyOptions {
  destination: ReportDestination;
  /** Directory relative paths are resolved against. */
  cwd: string;
  color?: boolean;
  width?: number;
  /** `--evidence <dir>`: also write an evidence bundle; journals default to those in reports.dir. */
  evidence?: { dir: string; journals?: string[] };
}

export interface VerifyOutcome {
  report: VerifyReport;
  /** Writes what goes to stdout, piece by piece (null when every report went to a file). */
  stdout: ChunkedContent | null;
  files: string[];
  findings: number;
  exitCode: number;
  evidence?: EvidenceWritten;
}

export async function verify(ctx: AppContext, options: VerifyOptions): Promise<VerifyOutcome> {
  // A bad --format / --out combination fails now, not after a sweep of thousands of targets.
  const targets = reportTargets(options.destination, options.cwd);
  if (options.evidence) assertEvidenceDirUsable(resolve(options.cwd, options.evidence.dir));
  const { report, desired } = await observeAndCompare(ctx);
  ctx.host.notify({ type: 'verify.finished', counts: report.counts });

  ctx.host.notify({ type: 'step.started', step: 'report', title: 'Writing reports' });
  const { stdout, files } = writeReports(
    targets,
    (format, toStdout) =>
      verifyReportContent(report, format, {
        color: toStdout && options.color === true,
        ...(options.width !== undefined ? { width: options.width } : {}),
      }),
    { cwd: options.cwd, host: ctx.host },
  );
  const evidence = options.evidence
    ? writeEvidenceBundle({
        dir: resolve(options.cwd, options.evidence.dir),
        report,
        desired,
        journals: (
          options.evidence.journals ?? findJournals(resolve(options.cwd, ctx.config.reports.dir))
        ).map((j) => resolve(options.cwd, j)),
        toolVersion: ctx.toolVersion,
        generatedAt: report.generatedAt,
      })
    : undefined;
  if (evidence) {
    ctx.host.notify({ type: 'report.written', format: 'evidence', path: evidence.dir });
  }
  const findings = findingCount(report);
  ctx.host.notify({
    type: 'step.finished',
    step: 'report',
    status: 'ok',
    summary: findings === 0 ? 'all targets compliant' : plural(findings, 'finding'),
    ...(findings > 0 ? { findings } : {}),
  });
  return {
    report,
    stdout,
    files,
    findings,
    exitCode: findings === 0 ? ExitCode.ok : ExitCode.changesOrFindings,
    ...(evidence ? { evidence } : {}),
  };
}

/**
 * The sweep and its judgement in their own scope: once the report is built the observation
 * (every account × region read) is garbage, not held beside the report while it is written.
 */
async function observeAndCompare(
  ctx: AppContext,
): Promise<{ report: VerifyReport; desired: DesiredState }> {
  const { observed, scope } = await observe(ctx, { sweepStep: 'verify' });
  const desired = desiredFor(ctx, observed.org);
  const report = buildVerifyReport({
    observed,
    desired,
    rings: desiredRings(ctx, observed.org),
    meta: {
      toolVersion: ctx.toolVersion,
      generatedAt: ctx.now().toISOString(),
      scopeRegions: scope.regions,
    },
  });
  return { report, desired };
}
