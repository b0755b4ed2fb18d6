/**
 * `guardrails prove` reports: table (people; one row per account and outcome, regions folded),
 * json (schemaVersion 1), csv (one row per account × region), junit (one testcase per account ×
 * region: not-enforced/blocked/inconclusive/error fail, unreachable and the management account
 * are skipped; a proven result resting on unconfirmed AWS behaviour says so in system-out) and
 * markdown, html (prove-html.ts). Every format carries the subnet the dry runs named and the unconfirmed mark.
 */
import { stringify } from 'csv-stringify/sync';
import { type RoleDeniedAdvice, roleDeniedAdvice } from '../../core/desired/exclude-hint.js';
import { isProveFinding } from '../../core/prove/build-prove-report.js';
import type { ProveReport, ProveResult, ProveStatus } from '../../core/prove/types.js';
import { sanitizeOutput } from '../../core/text/sanitize-text.js';
import { type Colors, colorsFor } from '../colors.js';
import { REPORT_FORMATS, type ReportFormat } from '../formats.js';
import { renderTextTable } from '../text-table.js';
import { escapeXml, xmlAttributes } from '../xml.js';
import { renderProveHtml } from './prove-html.js';

/** Every report format, as verify and readiness. */
export const PROVE_FORMATS = REPORT_FORMATS;
export type ProveFormat = ReportFormat;

export interface ProveRenderOptions {
  color?: boolean;
  width?: number;
}

/** Every format passes through sanitizeOutput once: names from the organization are shown, never obeyed. */
export function renderProve(
  report: ProveReport,
  format: ProveFormat,
  options: ProveRenderOptions = {},
): string {
  const keepColors = format === 'table' && options.color === true;
  return sanitizeOutput(renderFormat(report, format, options), { keepColors });
}

function renderFormat(
  report: ProveReport,
  format: ProveFormat,
  options: ProveRenderOptions,
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv':
      return renderCsv(report);
    case 'junit':
      return renderJunit(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'html':
      return renderProveHtml(report, summary(report));
    case 'table':
      return renderTable(report, options);
  }
}

function paint(c: Colors, status: ProveStatus): string {
  if (status === 'proven') return c.green(status);
  if (status === 'management-account' || status === 'unreachable' || status === 'inconclusive') {
    return c.yellow(status);
  }
  if (status === 'suspended') return c.dim(status);
  return c.red(status);
}

interface Group {
  result: ProveResult;
  regions: string[];
}

/** Per account, the regions that share a status and detail. */
function fold(results: readonly ProveResult[]): Group[] {
  const groups = new Map<string, Group>();
  for (const r of results) {
    const key = `${r.accountId}\u0000${r.status}\u0000${r.detail}\u0000${r.unconfirmed ?? ''}\u0000${r.subnet ? 1 : 0}`;
    const found = groups.get(key);
    if (found) found.regions.push(r.region);
    else groups.set(key, { result: r, regions: [r.region] });
  }
  return [...groups.values()];
}

function regionsLabel(regions: string[]): string {
  if (regions.length === 1) return regions[0] ?? '';
  return regions.length <= 3 ? regions.join(', ') : `${regions.length} regions`;
}

function summary(report: ProveReport): string {
  const c = report.counts;
  const line =
    `${c.total} account × region targets: ${c.proven} proven, ${c['not-enforced']} not enforced, ` +
    `${c.blocked} blocked, ${c.inconclusive} inconclusive, ${c.unreachable} unreachable, ${c.error} error, ` +
    `${c['management-account']} in the management account (not covered by SCPs, by design)` +
    (c.suspended ? `, ${c.suspended} suspended (information)` : '');
  const unconfirmed = report.results.filter((r) => r.unconfirmed).length;
  return unconfirmed === 0
    ? line
    : `${line}\n${unconfirmed} of them rest on AWS behaviour that is unconfirmed (marked "unconfirmed").`;
}

/** Accounts whose member role was refused: the fix, or the config line that leaves them out. */
function roleDenied(report: ProveReport): RoleDeniedAdvice | undefined {
  return roleDeniedAdvice(
    report.results
      .filter((r) => r.status === 'unreachable' && r.detail.startsWith('role-denied'))
      .map((r) => ({ id: r.accountId, name: r.accountName })),
  );
}

/** The detail as people read it: where the dry runs went, and what is unconfirmed. */
function detailText(group: Group): string {
  const { result, regions } = group;
  let text = result.detail;
  if (result.subnet) {
    text +=
      regions.length === 1
        ? `; no default VPC: dry runs in ${result.subnet.subnetId} (${result.subnet.vpcId}, ${result.subnet.availabilityZone})`
        : '; no default VPC: dry runs in a subnet of each region (see --format json or csv)';
  }
  if (result.unconfirmed) text += ` [unconfirmed: ${result.unconfirmed}]`;
  return text;
}

function renderTable(report: ProveReport, options: ProveRenderOptions): string {
  const c = colorsFor(options.color);
  const rows = fold(report.results).map((group) => [
    `${group.result.accountName} (${group.result.accountId})`,
    group.result.ouPath,
    regionsLabel(group.regions),
    paint(c, group.result.status),
    detailText(group),
  ]);
  const table = renderTextTable(rows, {
    head: ['ACCOUNT', 'OU', 'REGIONS', 'STATUS', 'DETAIL'],
    ...(options.width ? { width: options.width } : {}),
  });
  const denied = roleDenied(report);
  const hint = denied ? `\n\nhint: ${denied.text}\n  ${denied.configLine}` : '';
  return `${c.bold('Proof: dry-run launches asking for IMDSv1 and IMDSv2')}\n\n${table}\n\n${summary(report)}${hint}\n`;
}

const CSV_COLUMNS = [
  'account_id',
  'account_name',
  'ou_path',
  'region',
  'status',
  'finding',
  'optional_launch',
  'required_launch',
  'subnet_id',
  'detail',
  'unconfirmed',
];

function renderCsv(report: ProveReport): string {
  const rows = report.results.map((r) => [
    r.accountId,
    r.accountName,
    r.ouPath,
    r.region,
    r.status,
    String(isProveFinding(r.status)),
    r.optional?.outcome ?? '',
    r.required?.outcome ?? '',
    r.subnet?.subnetId ?? '',
    r.detail,
    r.unconfirmed ?? '',
  ]);
  return stringify([CSV_COLUMNS, ...rows], { record_delimiter: 'windows', escape_formulas: true });
}

function renderJunit(report: ProveReport): string {
  const byAccount = new Map<string, ProveResult[]>();
  for (const r of report.results) {
    const list = byAccount.get(r.accountId);
    if (list) list.push(r);
    else byAccount.set(r.accountId, [r]);
  }
  const suites: string[] = [];
  for (const results of byAccount.values()) {
    const first = results[0];
    if (!first) continue;
    const skipped = results.filter((r) => !isProveFinding(r.status) && r.status !== 'proven');
    const failures = results.filter((r) => isProveFinding(r.status) && r.status !== 'unreachable');
    const unreachable = results.filter((r) => r.status === 'unreachable');
    suites.push(
      `  <testsuite${xmlAttributes({
        name: `${first.accountName} (${first.accountId})`,
        tests: results.length,
        failures: failures.length,
        errors: unreachable.length,
        skipped: skipped.length,
        time: 0,
        timestamp: report.generatedAt,
      })}>`,
    );
    for (const r of results) {
      const head = `    <testcase${xmlAttributes({
        classname: `${r.ouPath}/${r.accountName}`,
        name: `${r.region}: a dry-run IMDSv1 launch is refused`,
        time: 0,
      })}`;
      if (r.status === 'proven' && !r.unconfirmed) suites.push(`${head}/>`);
      else if (r.status === 'proven') {
        suites.push(
          `${head}>\n      <system-out>${escapeXml(`unconfirmed: ${r.unconfirmed}`)}</system-out>\n    </testcase>`,
        );
      } else if (r.status === 'unreachable') {
        // prove exits 2 for it: an error in the CI test view, not a skip that shows green.
        suites.push(
          `${head}>\n      <error${xmlAttributes({ message: `unreachable: ${r.detail}`, type: 'unreachable' })}>${escapeXml(r.detail)}</error>\n    </testcase>`,
        );
      } else if (['management-account', 'suspended'].includes(r.status)) {
        suites.push(
          `${head}>\n      <skipped${xmlAttributes({ message: `${r.status}: ${r.detail}` })}/>\n    </testcase>`,
        );
      } else {
        suites.push(
          `${head}>\n      <failure${xmlAttributes({ message: `${r.status}: ${r.detail}`, type: r.status })}>${escapeXml(r.detail)}</failure>\n    </testcase>`,
        );
      }
    }
    suites.push('  </testsuite>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${xmlAttributes({ name: 'guardrails prove', tests: report.counts.total })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function markdownHint(report: ProveReport): string[] {
  const denied = roleDenied(report);
  return denied ? [`> **Hint:** ${cell(denied.text)}`, '>', `> \`${denied.configLine}\``, ''] : [];
}

function renderMarkdown(report: ProveReport): string {
  const lines = [
    '# guardrails prove',
    '',
    `Organization \`${report.organizationId}\`, generated ${report.generatedAt} by guardrails ${report.toolVersion}.`,
    '',
    summary(report),
    '',
    ...markdownHint(report),
    '| account | OU | regions | status | detail |',
    '| --- | --- | --- | --- | --- |',
    ...fold(report.results).map(
      (group) =>
        `| ${cell(`${group.result.accountName} (${group.result.accountId})`)} | ${cell(group.result.ouPath)} | ${cell(group.regions.join(', '))} | ${group.result.status} | ${cell(detailText(group))} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
