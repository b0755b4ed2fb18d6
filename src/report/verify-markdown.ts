/**
 * `verify --format markdown`: for a PR comment or a CI job summary (GitHub-flavoured Markdown).
 * Summary table, findings table (capped so a comment stays under GitHub's size limit), and the
 * per-account overview folded in a <details> block.
 */

import { plural } from '../core/model/plural.js';
import type { TargetStatus, VerifyReport, VerifyResult } from '../core/verify/types.js';
import {
  coversAllRegions,
  describeDesired,
  describeResult,
  describeScope,
  findingsOf,
  groupByOu,
  isFinding,
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

export interface MarkdownOptions {
  /** Findings listed in full; the rest are counted. Default 200. */
  maxFindings?: number;
}

const ICON: Record<TargetStatus, string> = {
  compliant: '✅',
  drift: '⚠️',
  'managed-by-declarative-policy': '🔒',
  unreachable: '⛔',
  error: '❌',
  excepted: '⏳',
  suspended: '💤',
};

/** A table cell: no pipes or newlines breaking the row, no HTML interpreted. */
export function mdCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function statusCell(status: TargetStatus): string {
  return `${ICON[status]} ${status}`;
}

function findingRow(result: VerifyResult): string {
  const cells = [
    `${result.accountName} (${result.accountId})`,
    result.ouPath,
    targetLabel(result),
    statusCell(result.status),
    describeResult(result),
  ];
  return `| ${cells.map(mdCell).join(' | ')} |`;
}

export function renderVerifyMarkdown(report: VerifyReport, options: MarkdownOptions = {}): string {
  const maxFindings = options.maxFindings ?? 200;
  const findings = findingsOf(report);
  const total = findingCount(report);
  const rings = ringsByAccount(report);
  const summary = ringSummary(report);
  const title =
    total === 0
      ? `## ✅ guardrails verify: all ${report.counts.total} targets compliant`
      : `## ❌ guardrails verify: ${plural(total, 'finding')} in ${plural(report.counts.total, 'target')}`;
  const lines = [
    title,
    '',
    `- **Organization** ${code(report.organizationId)} · management account ${code(report.managementAccountId)}`,
    `- **Scope** ${mdCell(describeScope(report))}`,
    `- **Desired** ${mdCell(describeDesired(report))}`,
    ...(summary ? [`- **Rings** ${mdCell(summary)}`] : []),
    `- **Run** by ${code(report.caller.arn)} at ${report.generatedAt} · guardrails ${mdCell(report.toolVersion)}`,
    '',
    '| Status | Targets |',
    '| --- | ---: |',
    ...statusesOf(report).map((status) => `| ${statusCell(status)} | ${countOf(report, status)} |`),
    `| **total** | **${report.counts.total}** |`,
  ];
  if (findings.length > 0) {
    lines.push(
      '',
      '### Findings',
      '',
      '| Account | OU | Target | Status | Detail |',
      '| --- | --- | --- | --- | --- |',
      ...findings.slice(0, maxFindings).map(findingRow),
    );
    if (findings.length > maxFindings) {
      lines.push(
        '',
        `…and ${findings.length - maxFindings} more findings: see the JSON or HTML report for all of them.`,
      );
    }
    const denied = roleDeniedNote(report);
    if (denied)
      lines.push('', `> **Hint:** ${mdCell(denied.text)}`, '>', `> \`${denied.configLine}\``);
  }
  const suspended = report.results.filter((r) => r.status === 'suspended' && r.kind === 'imds');
  if (suspended.length > 0) {
    const names = suspended.map((r) => mdCell(`${r.accountName} (${r.accountId})`)).join(', ');
    lines.push(
      '',
      `${ICON.suspended} Suspended, information only (nothing can change or launch there): ${names}`,
    );
  }
  if (report.exceptions?.length) {
    lines.push(
      '',
      '### Exceptions',
      '',
      ...report.exceptions.map(
        (e) => `- ${e.status === 'expired' ? '❌' : '⏳'} ${mdCell(describeException(e))}`,
      ),
    );
  }
  const ringHead = report.rings ? ' Ring |' : '';
  lines.push(
    '',
    '<details>',
    `<summary>All accounts (${groupByOu(report.results).reduce((n, ou) => n + ou.accounts.length, 0)})</summary>`,
    '',
    `| OU | Account | SCP | Regions compliant | Findings |${ringHead}`,
    `| --- | --- | --- | ---: | ---: |${report.rings ? ' --- |' : ''}`,
  );
  for (const ou of groupByOu(report.results)) {
    for (const account of ou.accounts) {
      const scp = account.scp[0];
      const ok = account.imds.filter((r) => !isFinding(r)).length;
      const bad = [...account.scp, ...account.imds].filter(isFinding).length;
      const cells = [
        mdCell(ou.ouPath),
        mdCell(`${account.accountName} (${account.accountId})`),
        scp === undefined ? '—' : `${ICON[scp.status]} ${mdCell(scp.coverage)}`,
        account.imds.some(coversAllRegions) ? 'not checked' : `${ok} / ${account.imds.length}`,
        String(bad),
        ...(report.rings ? [ringLabel(rings.get(account.accountId)) || '—'] : []),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  lines.push('', '</details>', '');
  return lines.join('\n');
}
