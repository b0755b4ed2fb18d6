/**
 * `readiness --format html`: ONE self-contained file (inline CSS, no script, no external asset):
 * header with the summary and verdict counts, then a table per section. Everything
 * interpolated is escaped.
 */
import type { ReadinessReport } from '../../core/readiness/types.js';
import { HTML_STYLE } from '../html-assets.js';
import { escapeHtml } from '../verify-html.js';
import {
  readinessSections,
  readinessSummary,
  readinessTitle,
  readinessWindow,
} from './readiness-sections.js';

const STYLE = `${HTML_STYLE}
.v-ready { --c: var(--compliant); } .v-at-risk { --c: var(--error); } .v-unknown { --c: var(--unreachable); }
.verdict-cell { font-weight: 600; color: var(--c); }
`;

export function renderReadinessHtml(report: ReadinessReport): string {
  const s = report.summary;
  const e = escapeHtml;
  const counts = [
    ['ready', s.ready, 'v-ready'],
    ['at risk', s.atRisk, 'v-at-risk'],
    ['unknown', s.unknown, 'v-unknown'],
    ['accounts', s.accounts, 's-total'],
  ] as const;
  const pass = s.atRisk + s.unknown === 0;
  const sections = readinessSections(report).map((section) => {
    const rows = section.rows.map((row, i) => {
      const verdict = section.verdicts?.[i];
      const cells = row.map((cell, j) =>
        verdict && j === 1
          ? `<td class="verdict-cell v-${verdict}" data-verdict="${verdict}">${e(cell)}</td>`
          : `<td>${e(cell)}</td>`,
      );
      return `<tr>${cells.join('')}</tr>`;
    });
    return [
      `<section id="${section.id}">`,
      `<h2>${e(section.title)} <span class="meta">(${section.rows.length})</span></h2>`,
      '<div class="scroll"><table class="findings">',
      `<thead><tr>${section.head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>`,
      `<tbody>${rows.join('\n')}</tbody>`,
      '</table></div>',
      '</section>',
    ].join('\n');
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(readinessTitle(report))}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${e(readinessTitle(report))}</h1>
<p class="meta">${e(readinessWindow(report))} · generated ${e(report.generatedAt)} by guardrails ${e(report.toolVersion)}</p>
<div class="verdict ${pass ? 'pass' : 'fail'}">${pass ? 'Every account is ready' : e(readinessSummary(report))}</div>
<ul class="counts">
${counts.map(([label, value, cls]) => `<li class="${cls}"><b>${value}</b>${e(label)}</li>`).join('\n')}
</ul>
</header>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
