import { type Command, Option } from 'commander';
import { createAppContext } from '../app/create-app-context.js';
import { verify } from '../app/verify.js';
import { plural } from '../core/model/plural.js';
import type { ReportFormat } from '../report/index.js';
import { expiredExceptionsOf, ringSummary } from '../report/verify-strategy.js';
import type { CliContext } from './context.js';
import { createReadHost } from './create-host.js';
import { addReportOutputOptions, parseList } from './report-options.js';

interface VerifyFlags {
  format?: string[];
  out?: string;
  outDir?: string;
  evidence?: string;
  journal?: string[];
}

export function registerVerifyCommand(program: Command, ctx: CliContext): void {
  addReportOutputOptions(
    program
      .command('verify')
      .description(
        'Verification sweep: read the IMDS defaults of every in-scope account × enabled region and the SCP coverage of every account, and compare them with the config. Changes nothing.',
      ),
    'table, json, csv, junit, markdown or html',
  )
    .addOption(
      new Option(
        '--evidence <dir>',
        'also write an evidence bundle: every report format, the journals, the rendered policies and a hash-chained manifest.json',
      ),
    )
    .addOption(
      new Option(
        '--journal <file>',
        'journal(s) for the evidence bundle (repeatable; default: every journal in reports.dir)',
      ).argParser(parseList),
    )
    .addHelpText(
      'after',
      '\nResults go to stdout (or the files); progress (done/total) goes to stderr.\n' +
        'Exit codes: 0 every target compliant, 2 findings (drift, unreachable, errors), 1 could not run.\n' +
        'Example: guardrails verify --format junit,html,json --out-dir reports/\n' +
        'Evidence: guardrails verify --evidence evidence/2026-11-26 (then: guardrails evidence check evidence/2026-11-26)',
    )
    .action(async (flags: VerifyFlags, command: Command) => {
      const globals = ctx.globals(command);
      const mode = ctx.mode(command);
      const loaded = await ctx.loadConfig(command);
      const host = createReadHost(ctx.io);
      const app = createAppContext({ globals, io: ctx.io, loaded, host });
      const formats = (flags.format ?? (globals.json ? ['json'] : [])) as ReportFormat[];
      try {
        const outcome = await verify(app, {
          destination: {
            formats,
            ...(flags.out !== undefined ? { out: flags.out } : {}),
            ...(flags.outDir !== undefined ? { outDir: flags.outDir } : {}),
          },
          cwd: ctx.io.cwd,
          color: mode.color,
          ...(flags.evidence !== undefined
            ? {
                evidence: {
                  dir: flags.evidence,
                  ...(flags.journal ? { journals: flags.journal } : {}),
                },
              }
            : {}),
          ...(ctx.io.stdout.columns ? { width: ctx.io.stdout.columns } : {}),
        });
        outcome.stdout?.((chunk) => ctx.io.stdout.write(chunk));
        for (const file of outcome.files) ctx.io.stderr.write(`Wrote ${file}\n`);
        if (outcome.evidence) {
          const { dir, manifest } = outcome.evidence;
          ctx.io.stderr.write(
            `Evidence: ${dir} (${manifest.records.length} files, chain head ${manifest.head})\n` +
              `Check it later with: guardrails evidence check ${dir} --head ${manifest.head}\n`,
          );
        }
        const { counts } = outcome.report;
        const excepted =
          (counts.excepted ? `, ${counts.excepted} excepted` : '') +
          (counts.suspended ? `, ${counts.suspended} suspended (information)` : '');
        const expired = expiredExceptionsOf(outcome.report).length;
        const expiredNote = expired ? ` (${expired} expired exception(s))` : '';
        ctx.io.stderr.write(
          `${counts.total} targets: ${counts.compliant} compliant, ${counts.drift} drift, ` +
            `${counts['managed-by-declarative-policy']} managed by declarative policy, ` +
            `${counts.unreachable} unreachable, ${counts.error} error${excepted} — ${plural(outcome.findings, 'finding')}${expiredNote}\n`,
        );
        const rings = ringSummary(outcome.report);
        if (rings) ctx.io.stderr.write(`Enforcement rings: ${rings}\n`);
        ctx.exitCode = outcome.exitCode;
      } finally {
        app.gateways.close?.();
      }
    });
}
