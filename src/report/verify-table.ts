/**
 * `verify --format table`: summary first, then each OU and account with its SCP line and only the
 * regions that need attention; regions that are fine collapse into a count.
 */

import { plural } from '../core/model/plural.js';
import type { VerifyReport } from '../core/verify/types.js';
import { type Colors, colorsFor, paintStatus } from './colors.js';
import { renderTextTable } from './text-table.js';
import {
  type AccountGroup,
  describeDesired,
  describeRegionCount,
  describeResult,
  describeScope,
  groupByOu,
  isShown,
  roleDeniedNote,
  targetLabel,
} from './verify-model.js';
import {
  countOf,
  describeException,
  findingCount,
  ringLabel,
  ringSummary,
  ringsByAccount,
  statusesOf,
} from './verify-strategy.js';

export interface TextReportOptions {
  color?: boolean;
  /** Terminal width; long details wrap to fit. Default 100. */
  width?: number;
}

export function renderVerifyTable(report: VerifyReport, options: TextReportOptions = {}): string {
  return [...verifyTableChunks(report, options)].join('');
}

/**
 * The same text piece by piece — the summary, each OU heading and account, the exceptions — each
 * ending with a line feed: a 10,000-account table is written as it is made, never held whole.
 */
export function* verifyTableChunks(
  report: VerifyReport,
  options: TextReportOptions = {},
): Generator<string> {
  const colors = colorsFor(options.color);
  const width = options.width ?? 100;
  const findings = findingCount(report);
  const rings = ringsByAccount(report);
  const summary = ringSummary(report);
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
        ...(summary ? [['rings', summary]] : []),
      ],
      { indent: 2, width },
    ),
    '',
    renderTextTable(
      [
        ...statusesOf(report).map((status) => [
          paintStatus(colors, status),
          String(countOf(report, status)),
        ]),
        ['total', String(report.counts.total)],
      ],
      { indent: 2, head: ['STATUS', 'TARGETS'], alignRight: [1] },
    ),
    '',
    findings === 0
      ? colors.green(`✓ All ${report.counts.total} targets are compliant.`)
      : colors.yellow(
          `✗ ${plural(findings, 'finding')} in ${plural(report.counts.total, 'target')}.`,
        ),
  ];
  const denied = roleDeniedNote(report);
  if (denied) lines.push(wrapLine(`hint: ${denied.text}`, width, '  '), `    ${denied.configLine}`);
  if (report.counts.suspended) {
    lines.push(
      `  ${plural(report.counts.suspended, 'target')} in suspended accounts: information, not findings.`,
    );
  }
  yield `${lines.join('\n')}\n`;
  for (const ou of groupByOu(report.results)) {
    yield `\n${colors.bold(ou.ouPath)}\n`;
    for (const account of ou.accounts) {
      const ring = ringLabel(rings.get(account.accountId));
      yield `${renderAccount(account, colors, width, ring).join('\n')}\n`;
    }
  }
  if (report.exceptions?.length) {
    const block = ['', colors.bold('Exceptions')];
    for (const e of report.exceptions) {
      const text = `  ${describeException(e)}`;
      block.push(e.status === 'expired' ? colors.yellow(text) : text);
    }
    yield `${block.join('\n')}\n`;
  }
}

/** Word-wraps one line to the width, continuation lines indented under its text. */
function wrapLine(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let current = indent;
  for (const word of text.split(' ')) {
    if (current.trim() !== '' && current.length + word.length + 1 > width) {
      lines.push(current);
      current = `${indent}  ${word}`;
    } else current = current.trim() === '' ? `${indent}${word}` : `${current} ${word}`;
  }
  lines.push(current);
  return lines.join('\n');
}

function renderAccount(
  account: AccountGroup,
  colors: Colors,
  width: number,
  ring: string,
): string[] {
  const header = `  ${account.accountName} ${colors.dim(`(${account.accountId})`)}  ${describeRegionCount(account)}${ring ? `  ${colors.bold(ring)}` : ''}`;
  const rows = account.scp.map((result) => [
    targetLabel(result),
    paintStatus(colors, result.status),
    describeResult(result),
  ]);
  const bad = account.imds.filter(isShown);
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
