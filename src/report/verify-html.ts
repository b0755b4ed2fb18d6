/**
 * `verify --format html`: ONE self-contained file (inline CSS and JS, no external assets): header
 * with counts, a heat map of accounts × regions (SCP column first), status and OU filters, and the
 * findings table. Everything interpolated is escaped; the content is complete with JS disabled.
 */

import { plural } from '../core/model/plural.js';
import type { TargetStatus, VerifyReport, VerifyResult } from '../core/verify/types.js';
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.js';
import {
  type AccountGroup,
  coversAllRegions,
  describeDesired,
  describeResult,
  describeScope,
  findingsOf,
  groupByOu,
  isFinding,
  regionsOf,
  targetLabel,
} from './verify-model.js';
import {
  countOf,
  findingCount,
  ringLabel,
  ringSummary,
  ringsByAccount,
  statusesOf,
} from './verify-strategy.js';

const SYMBOL: Record<TargetStatus, string> = {
  compliant: '✓',
  drift: '!',
  'managed-by-declarative-policy': 'D',
  unreachable: '?',
  error: '✗',
  excepted: 'E',
  suspended: 'S',
};

const LABEL: Record<TargetStatus, string> = {
  compliant: 'compliant',
  drift: 'drift',
  'managed-by-declarative-policy': 'declarative policy',
  unreachable: 'unreachable',
  error: 'error',
  excepted: 'excepted',
  suspended: 'suspended',
};

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function cell(result: VerifyResult, text?: string): string {
  const title = `${result.accountName} (${result.accountId}) · ${targetLabel(result)} · ${result.status}\n${describeResult(result)}`;
  return `<span class="cell s-${result.status}" data-status="${result.status}" title="${escapeHtml(title)}">${text === undefined ? SYMBOL[result.status] : `${SYMBOL[result.status]} ${escapeHtml(text)}`}</span>`;
}

function accountRow(account: AccountGroup, regions: readonly string[], ring: string): string {
  const byRegion = new Map(account.imds.map((result) => [result.region, result]));
  const scp = account.scp[0];
  const whole = account.imds.find(coversAllRegions);
  const cells = [
    `<td class="scp">${scp === undefined ? '<span class="na" title="no SCP check"></span>' : cell(scp)}</td>`,
  ];
  if (whole !== undefined) {
    // Its regions could not be listed: one wide cell across the map, the reason written out.
    cells.push(
      `<td colspan="${Math.max(1, regions.length)}" class="whole">${cell(whole, describeResult(whole))}</td>`,
      '<td class="ok">—</td>',
    );
  } else {
    for (const region of regions) {
      const result = byRegion.get(region);
      cells.push(
        result === undefined
          ? `<td><span class="na" title="${escapeHtml(`${region}: not enabled or not in scope`)}"></span></td>`
          : `<td>${cell(result)}</td>`,
      );
    }
    const ok = account.imds.filter((result) => !isFinding(result)).length;
    const okClass = ok === account.imds.length ? 'ok all' : 'ok';
    cells.push(
      `<td class="${okClass}" title="regions compliant">${ok}/${account.imds.length}</td>`,
    );
  }
  const ringTag = ring ? ` <small class="ring">${escapeHtml(ring)}</small>` : '';
  return `<tr data-ou="${escapeHtml(account.ouPath)}"><th class="account" scope="row">${escapeHtml(account.accountName)}${ringTag}<small>${escapeHtml(account.accountId)}</small></th>${cells.join('')}</tr>`;
}

function heatMap(report: VerifyReport): string {
  const regions = regionsOf(report.results);
  const head = [
    '<th class="account">Account</th>',
    '<th class="scp">SCP</th>',
    ...regions.map((region) => `<th class="region" scope="col">${escapeHtml(region)}</th>`),
    '<th class="ok-head">regions OK</th>',
  ].join('');
  const body: string[] = [];
  const rings = ringsByAccount(report);
  for (const ou of groupByOu(report.results)) {
    body.push(
      `<tr class="ou" data-ou="${escapeHtml(ou.ouPath)}"><th colspan="${regions.length + 3}">${escapeHtml(ou.ouPath)}</th></tr>`,
    );
    for (const account of ou.accounts) {
      body.push(accountRow(account, regions, ringLabel(rings.get(account.accountId))));
    }
  }
  const legend = statusesOf(report)
    .map(
      (status) =>
        `<span class="s-${status}" data-symbol="${SYMBOL[status]}">${LABEL[status]}</span>`,
    )
    .join('');
  return [
    '<section id="heat-map"><h2>Accounts × regions</h2>',
    `<div class="legend">${legend}<span class="s-na" data-symbol="">not enabled / not in scope</span></div>`,
    `<div class="scroll fit"><table class="heat"><thead><tr>${head}</tr></thead><tbody>${body.join('\n')}</tbody></table></div>`,
    '</section>',
  ].join('\n');
}

function findingsTable(report: VerifyReport): string {
  const findings = findingsOf(report);
  if (findings.length === 0) {
    return '<section id="findings"><h2>Findings</h2><p class="empty">No findings: every target is compliant.</p></section>';
  }
  const rows = findings.map((result) => {
    const cells = [
      `${escapeHtml(result.accountName)} <code>${escapeHtml(result.accountId)}</code>`,
      escapeHtml(result.ouPath),
      escapeHtml(targetLabel(result)),
      `<td class="status s-${result.status}">${escapeHtml(result.status)}`,
      escapeHtml(describeResult(result)),
    ];
    return `<tr data-status="${result.status}" data-ou="${escapeHtml(result.ouPath)}">${cells.map((c) => (c.startsWith('<td') ? `${c}</td>` : `<td>${c}</td>`)).join('')}</tr>`;
  });
  return [
    `<section id="findings"><h2>Findings (<span id="findings-count" data-total="${findings.length}">${findings.length}</span>)</h2>`,
    '<div class="scroll"><table class="findings"><thead><tr><th>Account</th><th>OU</th><th>Target</th><th>Status</th><th>Detail</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table></div></section>`,
  ].join('\n');
}

function exceptionsSection(report: VerifyReport): string {
  if (!report.exceptions?.length) return '';
  const rows = report.exceptions.map((e) => {
    const status = e.status === 'expired' ? 'drift' : 'excepted';
    const cells = [e.kind, e.target, e.owner, e.reason, e.expires].map(
      (text) => `<td>${escapeHtml(text)}</td>`,
    );
    return `<tr>${cells.join('')}<td class="status s-${status}">${e.status === 'expired' ? 'expired: a finding, no longer exempts' : 'active'}</td></tr>`;
  });
  return [
    `<section id="exceptions"><h2>Exceptions (${report.exceptions.length})</h2>`,
    '<div class="scroll"><table class="findings"><thead><tr><th>Kind</th><th>Target</th><th>Owner</th><th>Reason</th><th>Expires</th><th>Status</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table></div></section>`,
  ].join('\n');
}

function filters(report: VerifyReport): string {
  const ous = [...new Set(report.results.map((result) => result.ouPath))].sort();
  // Every ancestor OU too, so picking `Root/Workloads` shows Prod and Dev.
  const withParents = new Set<string>();
  for (const ou of ous) {
    const parts = ou.split('/');
    for (let i = 1; i <= parts.length; i++) withParents.add(parts.slice(0, i).join('/'));
  }
  const boxes = statusesOf(report)
    .map(
      (status) =>
        `<label class="s-${status}"><input type="checkbox" value="${status}" checked> ${LABEL[status]}</label>`,
    )
    .join('');
  const options = [...withParents]
    .sort()
    .map((ou) => `<option value="${escapeHtml(ou)}">${escapeHtml(ou)}</option>`)
    .join('');
  return `<section class="filters" id="filters" hidden><strong>Filter</strong>${boxes}<label>OU <select id="ou-filter"><option value="">All OUs</option>${options}</select></label><span class="shown" id="shown-count"></span></section>`;
}

export function renderVerifyHtml(report: VerifyReport): string {
  const findings = findingCount(report);
  const rings = ringSummary(report);
  const verdict =
    findings === 0
      ? `<div class="verdict pass">All ${report.counts.total} targets compliant</div>`
      : `<div class="verdict fail">${plural(findings, 'finding')} in ${plural(report.counts.total, 'target')}</div>`;
  const counts = [
    ...statusesOf(report).map(
      (status) => `<li class="s-${status}"><b>${countOf(report, status)}</b>${LABEL[status]}</li>`,
    ),
    `<li class="s-total"><b>${report.counts.total}</b>total</li>`,
  ].join('');
  const title = `guardrails verify · ${report.organizationId}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="guardrails ${escapeHtml(report.toolVersion)}">
<title>${escapeHtml(title)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header>
<h1>IMDSv2 guardrails: verification of <code>${escapeHtml(report.organizationId)}</code></h1>
<p class="meta">Management account <code>${escapeHtml(report.managementAccountId)}</code> · caller <code>${escapeHtml(report.caller.arn)}</code></p>
<p class="meta">${escapeHtml(describeScope(report))} · desired: ${escapeHtml(describeDesired(report))}</p>
${rings ? `<p class="meta">Enforcement rings: ${escapeHtml(rings)}</p>\n` : ''}<p class="meta">Generated ${escapeHtml(report.generatedAt)} by guardrails ${escapeHtml(report.toolVersion)}</p>
${verdict}
<ul class="counts">${counts}</ul>
</header>
<main>
${filters(report)}
${heatMap(report)}
${findingsTable(report)}
${exceptionsSection(report)}
</main>
<footer>Hover a cell for its details. Statuses: compliant, drift (fields differ from the desired state), managed by a declarative policy (reported, never changed), unreachable (with the reason), error.</footer>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
}
