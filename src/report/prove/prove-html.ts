/**
 * `prove --format html`: ONE self-contained file (inline CSS, no script, no external asset), the
 * same page as the other reports: the counts, then one row per account × region. Everything
 * interpolated is escaped.
 */
import { isProveFinding } from '../../core/prove/build-prove-report.js';
import type { ProveReport } from '../../core/prove/types.js';
import { HTML_STYLE } from '../html-assets.js';
import { escapeHtml } from '../verify-html.js';

const STYLE = `${HTML_STYLE}
.p-ok { --c: var(--compliant); } .p-finding { --c: var(--error); } .p-other { --c: var(--unreachable); }
.status-cell { font-weight: 600; color: var(--c); }
`;

export function renderProveHtml(report: ProveReport, summary: string): string {
  const e = escapeHtml;
  const c = report.counts;
  const counts = [
    ['proven', c.proven, 'p-ok'],
    ['not enforced', c['not-enforced'], 'p-finding'],
    ['blocked', c.blocked, 'p-finding'],
    ['inconclusive', c.inconclusive, 'p-finding'],
    ['unreachable', c.unreachable, 'p-other'],
    ['targets', c.total, 's-total'],
  ] as const;
  const findings = report.results.filter((r) => isProveFinding(r.status)).length;
  const rows = report.results.map((r) => {
    const tone =
      r.status === 'proven' ? 'p-ok' : isProveFinding(r.status) ? 'p-finding' : 'p-other';
    const detail = r.unconfirmed ? `${r.detail} [unconfirmed: ${r.unconfirmed}]` : r.detail;
    return `<tr><td>${e(`${r.accountName} (${r.accountId})`)}</td><td>${e(r.ouPath)}</td><td>${e(r.region)}</td><td class="status-cell ${tone}" data-status="${e(r.status)}">${e(r.status)}</td><td>${e(detail)}</td></tr>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>guardrails prove · ${e(report.organizationId)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>guardrails prove · ${e(report.organizationId)}</h1>
<p class="meta">generated ${e(report.generatedAt)} by guardrails ${e(report.toolVersion)}</p>
<div class="verdict ${findings === 0 ? 'pass' : 'fail'}">${e(summary)}</div>
<ul class="counts">
${counts.map(([label, value, cls]) => `<li class="${cls}"><b>${value}</b>${e(label)}</li>`).join('\n')}
</ul>
</header>
<main>
<section id="results">
<h2>Dry-run launches <span class="meta">(${report.results.length})</span></h2>
<div class="scroll"><table class="findings">
<thead><tr><th>account</th><th>OU</th><th>region</th><th>status</th><th>detail</th></tr></thead>
<tbody>${rows.join('\n')}</tbody>
</table></div>
</section>
</main>
</body>
</html>
`;
}
