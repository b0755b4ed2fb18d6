/**
 * `guardrails readiness` for people: verdict per account with its evidence, the top IMDSv1
 * callers, then what will keep producing IMDSv1 instances (templates, pinned groups) — each
 * section only when it has rows.
 */

import { plural } from '../../core/model/plural.js';
import type { InstanceFinding, ReadinessReport, Verdict } from '../../core/readiness/types.js';
import { type Colors, colorsFor } from '../colors.js';
import { renderTextTable } from '../text-table.js';
import { launchesTableLines } from './launches-table.js';
import { omittedText } from './omitted-text.js';

export interface ReadinessTableOptions {
  color?: boolean;
  width?: number;
}

function paint(colors: Colors, verdict: Verdict): string {
  if (verdict === 'ready') return colors.green(verdict);
  if (verdict === 'at-risk') return colors.red(verdict);
  return colors.yellow(verdict);
}

const n = (value: number) => value.toLocaleString('en-US');

/** What was seen, not what it promises: zero calls in the window says nothing about next month. */
function note(i: InstanceFinding, metricsUnknown: boolean, lookbackDays: number): string {
  const notes: string[] = [];
  if (i.issues.includes('container-hop-limit-1')) {
    // Whether its containers sit behind an extra network hop is not visible from the API.
    notes.push(`${i.containerHost?.toUpperCase()} host: containers may not get IMDSv2 tokens`);
  }
  if (i.noTokenCalls > 0) notes.push(`${n(i.noTokenCalls)} IMDSv1 calls`);
  else if (metricsUnknown) notes.push('IMDSv1 usage unknown (no metrics)');
  else if (i.httpTokens === 'optional') notes.push(`no IMDSv1 calls in ${lookbackDays} days`);
  return notes.join('; ');
}

export function renderReadinessTable(
  report: ReadinessReport,
  options: ReadinessTableOptions = {},
): string {
  const c = colorsFor(options.color);
  const width = options.width;
  const out: string[] = [];
  const day = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  out.push(
    c.bold(
      `IMDSv1 readiness — last ${report.lookbackDays} days (${day(report.window.start)} → ${day(report.window.end)} UTC)`,
    ),
    '',
  );
  out.push(
    renderTextTable(
      report.accounts.map((a) => [
        `${a.accountName} (${a.accountId})`,
        paint(c, a.verdict),
        n(a.noTokenCalls),
        n(a.rejectedCalls),
        a.evidence.join('; '),
      ]),
      {
        head: ['ACCOUNT', 'VERDICT', 'IMDSv1 CALLS', 'REFUSED', 'EVIDENCE'],
        alignRight: [2, 3],
        ...(width ? { width } : {}),
      },
    ),
  );
  const top = report.accounts.flatMap((a) => a.topInstances);
  if (top.length > 0) {
    out.push('', c.bold('Top IMDSv1 callers'));
    out.push(
      renderTextTable(
        top.map((i) => [
          i.accountId,
          i.region,
          i.instanceId,
          i.name ?? '',
          i.httpTokens,
          n(i.noTokenCalls),
          n(i.rejectedCalls),
        ]),
        {
          head: ['ACCOUNT', 'REGION', 'INSTANCE', 'NAME', 'TOKENS', 'CALLS', 'REFUSED'],
          alignRight: [5, 6],
          indent: 2,
        },
      ),
    );
  }
  const blind = new Set(
    report.accounts.flatMap((a) =>
      a.regions.filter((r) => r.metrics !== 'ok').map((r) => `${a.accountId}/${r.region}`),
    ),
  );
  const risky = report.instances.filter(
    (i) => i.issues.includes('allows-imdsv1') || i.issues.includes('container-hop-limit-1'),
  );
  if (risky.length > 0) {
    out.push('', c.bold('Instances allowing IMDSv1 or container hosts with hop limit 1'));
    out.push(
      renderTextTable(
        risky.map((i) => [
          i.accountId,
          i.region,
          i.instanceId,
          i.name ?? '',
          i.state,
          `${i.httpTokens}, hop ${i.hopLimit}`,
          note(i, blind.has(`${i.accountId}/${i.region}`), report.lookbackDays),
        ]),
        {
          head: ['ACCOUNT', 'REGION', 'INSTANCE', 'NAME', 'STATE', 'METADATA', 'NOTE'],
          indent: 2,
          ...(width ? { width } : {}),
        },
      ),
    );
  }
  if (report.launchTemplates.length > 0) {
    out.push('', c.bold('Launch templates whose default version allows IMDSv1'));
    out.push(
      renderTextTable(
        report.launchTemplates.map((t) => [
          t.accountId,
          t.region,
          `${t.templateName} (${t.templateId})`,
          `v${t.defaultVersion}`,
          t.issue === 'omitted' ? omittedText(t) : 'HttpTokens optional',
        ]),
        {
          head: ['ACCOUNT', 'REGION', 'TEMPLATE', 'DEFAULT', 'ISSUE'],
          indent: 2,
          ...(width ? { width } : {}),
        },
      ),
    );
  }
  if (report.autoScalingGroups.length > 0) {
    out.push('', c.bold('Auto Scaling groups pinned to a version that allows IMDSv1'));
    for (const g of report.autoScalingGroups) {
      out.push(
        `  ${g.accountId} ${g.region} ${c.bold(g.name)}: ${g.templateName ?? g.templateId} v${g.pinnedVersion} (default v${g.defaultVersion})`,
        `    fix: ${g.fix}`,
        `    then replace its instances (not done by guardrails): ${g.refreshCommand}`,
      );
    }
  }
  if (report.launches) out.push(...launchesTableLines(report.launches, c, report.generatedAt));
  const gate = report.gate;
  if (gate && (gate.held.length > 0 || gate.overridden.length > 0)) {
    out.push('', c.bold('Rollout gate'));
    for (const h of gate.held) {
      out.push(
        `  ${c.red(h.lane === 'scp' ? "held out of the SCP's reach" : 'held out of waves')}: ${h.accountName} (${h.accountId}) — ${h.reason}`,
        `    override: --allow-at-risk ${h.accountId} (or readiness.allowAtRisk in the config)`,
      );
    }
    for (const id of gate.overridden) out.push(`  ${c.yellow('allowed despite risk')}: ${id}`);
  }
  const s = report.summary;
  out.push(
    '',
    `${plural(s.accounts, 'account')}: ${c.green(`${s.ready} ready`)}, ${c.red(`${s.atRisk} at risk`)}, ${c.yellow(`${s.unknown} unknown`)} — ` +
      `${n(s.noTokenCalls)} IMDSv1 calls, ${s.instancesAllowingImdsv1} instances allow IMDSv1, ` +
      `${s.containerHostsHopLimit1} container hosts with hop limit 1, ${s.templates} templates, ${s.pinnedGroups} pinned group${s.pinnedGroups === 1 ? '' : 's'}`,
  );
  return `${out.join('\n')}\n`;
}
