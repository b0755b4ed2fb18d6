/** `readiness --format markdown`: for a PR comment or a CI job summary (GitHub-flavoured). */
import type { ReadinessReport } from '../../core/readiness/types.js';
import { mdCell } from '../verify-markdown.js';
import {
  readinessSections,
  readinessSummary,
  readinessTitle,
  readinessWindow,
} from './readiness-sections.js';

const ICON = { ready: '✅', 'at-risk': '⚠️', unknown: '❔' } as const;

export function renderReadinessMarkdown(report: ReadinessReport): string {
  const out = [
    `# ${readinessTitle(report)}`,
    '',
    `${readinessWindow(report)} · generated ${report.generatedAt} by guardrails ${report.toolVersion}`,
    '',
    `**${readinessSummary(report)}**`,
  ];
  for (const section of readinessSections(report)) {
    out.push('', `## ${section.title}`, '');
    out.push(`| ${section.head.map(mdCell).join(' | ')} |`);
    out.push(`|${section.head.map(() => ' --- ').join('|')}|`);
    section.rows.forEach((row, i) => {
      const cells = row.map(mdCell);
      const verdict = section.verdicts?.[i];
      if (verdict) cells[1] = `${ICON[verdict]} ${cells[1]}`;
      out.push(`| ${cells.join(' | ')} |`);
    });
  }
  return `${out.join('\n')}\n`;
}
