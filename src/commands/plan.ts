import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { createPlan } from '../app/plan.js';
import { writePlanFile } from '../app/plan-file.js';
import { createRemediationPlan } from '../app/remediate.js';
import { assertReportDestination } from '../app/write-report-file.js';
import type { Plan } from '../core/plan/types.js';
import { ExitCode } from '../errors.js';
import { renderPlanJson } from '../report/plan-json.js';
import { planTextChunks } from '../report/plan-text.js';
import type { CliContext } from './context.js';
import { createWriteContext } from './write-context.js';

interface PlanFlags {
  out?: string;
  detailedExitcode?: boolean;
  remediate?: boolean;
  lookbackDays?: number;
}

function days(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 63) {
    throw new InvalidArgumentError('a whole number of days (1–63)');
  }
  return n;
}

export function registerPlanCommand(program: Command, ctx: CliContext): void {
  program
    .command('plan')
    .description(
      'Show what apply would change — SCP policy, attachments, and instance metadata defaults per account × region — without changing anything.',
    )
    .option(
      '--out <file>',
      'save the plan as JSON, to apply exactly later with `guardrails apply <file>`',
    )
    .option(
      '--detailed-exitcode',
      'exit 2 when there are changes, 0 when there are none (1 = error)',
    )
    .option(
      '--remediate',
      'plan the workload fixes readiness points at instead: launch templates and idle instances to IMDSv2 required',
    )
    .addOption(
      new Option(
        '--lookback-days <days>',
        'with --remediate: the window with zero IMDSv1 calls an instance needs (default: readiness.lookbackDays)',
      ).argParser(days),
    )
    .addHelpText(
      'after',
      `
Reads the whole organization (read-only calls), compares it with the config and prints the
changes grouped by OU and account, the targets it skips and why (unreachable, suspended, managed
by a declarative policy), and a summary. "No changes." when everything is already as desired.

  --json prints the plan as JSON on stdout (progress stays on stderr).

Examples:
  guardrails plan
  guardrails plan --out plan.json        # review, then: guardrails apply plan.json
  guardrails plan --detailed-exitcode    # CI: 0 converged, 2 drift, 1 error
  guardrails plan --remediate --out remediation.json   # then: guardrails apply remediation.json

With --remediate the plan fixes what readiness finds instead: each launch template whose default
version allows IMDSv1 gets a new version (every other field kept, HttpTokens=required) made the
default; instances that allow IMDSv1 but made no IMDSv1 call in the window get HttpTokens=required.
Instances still calling IMDSv1 and Auto Scaling groups pinned to an old version are listed with
the fix and the instance refresh command, never changed. Apply, --resume and rollback work as for
any plan.

Exit codes: 0 success (or no changes with --detailed-exitcode), 2 changes pending (only with
--detailed-exitcode), 1 error.`,
    )
    .action(async (flags: PlanFlags, command: Command) => {
      const globals = ctx.globals(command);
      // A link at --out is refused now, not after discovering the whole organization.
      if (flags.out) assertReportDestination(resolve(ctx.io.cwd, flags.out));
      const write = await createWriteContext(ctx, command, {
        title: 'guardrails plan',
        jsonResultOnStdout: true,
      });
      let plan: Plan;
      try {
        plan = flags.remediate
          ? (
              await createRemediationPlan(
                write.app,
                flags.lookbackDays !== undefined ? { lookbackDays: flags.lookbackDays } : {},
              )
            ).plan
          : (await createPlan(write.app)).plan;
        if (flags.out) await writePlanFile(resolve(ctx.io.cwd, flags.out), plan);
      } finally {
        await write.close();
      }
      if (flags.out) {
        ctx.io.stderr.write(
          `Plan saved to ${flags.out}. Apply it with: guardrails apply ${flags.out}\n`,
        );
      }
      if (globals.json) ctx.io.stdout.write(renderPlanJson(plan));
      else {
        for (const piece of planTextChunks(plan, { color: ctx.mode(command).color })) {
          ctx.io.stdout.write(piece);
        }
      }
      ctx.exitCode =
        flags.detailedExitcode && plan.changes.length > 0
          ? ExitCode.changesOrFindings
          : ExitCode.ok;
    });
}
