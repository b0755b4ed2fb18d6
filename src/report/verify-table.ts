/**
 * `verify --format table`: summary first, then each OU and account with its SCP line and only the
 * regions that need attention; regions that are fine collapse into a count.
 */
import type { VerifyReport } from '../core/verify/types.js';
import { type Colors, colorsFor, paintStatus } from './colors.js';
import { renderTextTable } from './text-table.js';
import {
  type AccountGroup,
  describeDesired,
  describeRegionCount,
  describeResult,
  describeScope,
  findingsOf,
  groupByOu,
  isFinding,
  TARGET_STATUSES,
  targetLabel,
} from './verify-model.js';

export interface TextReportOptions {
  color?: boolean;
  /** Terminal width; long details wrap to fit. Default 100. */
  width?: number;
}

export function renderVerifyTable(report: VerifyReport, options: TextReportOptions = {}): string {
  const colors = colorsFor(options.color);
  const width = options.width ?? 100;
  const findings = findingsOf(report).length;
  const lines: string[] = [
    colors.bold(
      `Verification of ${report.organizationId} (management account ${report.managementAccountId})`,
    ),
    renderTextTable(
      [
        ['caller', report.caller.arn],
        ['time', `${report.generatedAt} (guardrails ${report.toolVersion})`],
        ['scope', describeScope(report)],
        ['desired', describeDesired(report)],
      ],
      { indent: 2, width },
    ),
    '',
    renderTextTable(
      [
        ...TARGET_STATUSES.map((status) => [
          paintStatus(colors, status),
          String(report.counts[status]),
        ]),
        ['total', String(report.counts.total)],
      ],
      { indent: 2, head: ['STATUS', 'TARGETS'], alignRight: [1] },
    ),
    '',
    findings === 0
      ? colors.green(`✓ All ${report.counts.total} targets are compliant.`)
      : colors.yellow(
          `✗ ${findings} ${findings === 1 ? 'finding' : 'findings'} in ${report.counts.total} targets.`,
        ),
  ];
  for (const ou of groupByOu(report.results)) {
    lines.push('', colors.bold(ou.ouPath));
    for (const account of ou.accounts) lines.push(...renderAccount(account, colors, width));
  }
  return `${lines.join('\n')}\n`;
}

function renderAccount(account: AccountGroup, colors: Colors, width: number): string[] {
  const header = `  ${account.accountName} ${colors.dim(`(${account.accountId})`)}  ${describeRegionCount(account)}`;
  const rows = account.scp.map((result) => [
    targetLabel(result),
    paintStatus(colors, result.status),
    describeResult(result),
  ]);
  const bad = account.imds.filter(isFinding);
  const first = bad[0];
  const allSame =
    first !== undefined &&
    bad.length > 2 &&
    bad.length === account.imds.length &&
    bad.every((r) => r.status === first.status && describeResult(r) === describeResult(first));
  if (allSame) {
    // One reason for every region (an unreachable account, nothing set anywhere): say it once.
    rows.push([
      `all ${bad.length} regions`,
      paintStatus(colors, first.status),
      describeResult(first),
    ]);
  } else {
    for (const result of bad) {
      rows.push([targetLabel(result), paintStatus(colors, result.status), describeResult(result)]);
    }
  }
  return rows.length === 0 ? [header] : [header, renderTextTable(rows, { indent: 4, width })];
}
