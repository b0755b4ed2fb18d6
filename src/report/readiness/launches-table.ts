/** The launch preview in `readiness --format table`: one block per principal, refusals first. */
import type { LaunchPreview } from '../../core/launch/tally.js';
import type { Colors } from '../colors.js';
import {
  exampleText,
  fixText,
  LAUNCH_VERDICT_LABEL,
  LOOKUP_DENIED_FIX,
  launchesSummary,
  launchesTitle,
  lookupDeniedText,
  shortPrincipal,
} from './launches-view.js';

export function launchesTableLines(
  preview: LaunchPreview,
  c: Colors,
  generatedAt: string,
): string[] {
  const out = ['', c.bold(launchesTitle(preview)), `  ${launchesSummary(preview)}`];
  for (const p of preview.principals) {
    const label = LAUNCH_VERDICT_LABEL[p.verdict];
    const verdict =
      p.verdict === 'refused'
        ? c.red(label)
        : p.verdict === 'unknown'
          ? c.yellow(label)
          : p.verdict === 'already-refused'
            ? c.dim(label)
            : c.green(label);
    const counts = [`${p.launches} launch${p.launches === 1 ? '' : 'es'}`];
    if (p.dryRuns > 0) counts.push(`${p.dryRuns} dry run${p.dryRuns === 1 ? '' : 's'}`);
    if (p.refused > 0) counts.push(`${p.refused} would be refused`);
    if (p.unknown > 0) counts.push(`${p.unknown} unknown`);
    out.push(
      `  ${verdict}: ${p.accountName} (${p.accountId}) ${c.bold(shortPrincipal(p.principalArn))} — ${p.launcher.label}, ${counts.join(', ')} in ${p.regions.join(', ')}`,
      `    why: ${p.reason}`,
      `    example: ${exampleText(p)}`,
    );
    if (p.verdict !== 'allowed') out.push(`    fix: ${fixText(p, generatedAt)}`);
  }
  for (const a of preview.accounts.filter((x) => x.lookupDenied.length > 0)) {
    out.push(`  ${c.yellow('not read')}: ${lookupDeniedText(a)}`, `    fix: ${LOOKUP_DENIED_FIX}`);
  }
  for (const a of preview.accounts.filter((x) => x.unread.length > 0)) {
    out.push(`  ${c.yellow('unread')}: ${a.accountName} (${a.accountId}) — ${a.unread.join(', ')}`);
  }
  return out;
}
