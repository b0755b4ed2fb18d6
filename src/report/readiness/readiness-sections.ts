/**
 * The sections every document format of readiness shows (markdown, html): title lines and rows
 * as plain text cells, so both writers say the same thing and only escape differently.
 */

import type { ReadinessReport, Verdict } from '../../core/readiness/types.js';
import {
  LAUNCH_HEAD,
  LOOKUP_DENIED_HEAD,
  launchesSummary,
  launchesTitle,
  launchRows,
  lookupDeniedRows,
} from './launches-view.js';
import { omittedText } from './omitted-text.js';

export interface Section {
  id: string;
  title: string;
  head: string[];
  rows: string[][];
  /** Rows of this section carry a verdict (for colour and filtering). */
  verdicts?: Verdict[];
}

const n = (value: number) => value.toLocaleString('en-US');

export function readinessTitle(report: ReadinessReport): string {
  return `IMDSv1 readiness — last ${report.lookbackDays} days`;
}

export function readinessWindow(report: ReadinessReport): string {
  const day = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  return `${day(report.window.start)} → ${day(report.window.end)} UTC`;
}

export function readinessSummary(report: ReadinessReport): string {
  const s = report.summary;
  const of = (count: number, word: string) => `${n(count)} ${word}${count === 1 ? '' : 's'}`;
  return `${of(s.accounts, 'account')}: ${s.ready} ready, ${s.atRisk} at risk, ${s.unknown} unknown — ${of(s.noTokenCalls, 'IMDSv1 call')}, ${of(s.instancesAllowingImdsv1, 'instance')} allowing IMDSv1, ${of(s.containerHostsHopLimit1, 'container host')} with hop limit 1, ${of(s.templates, 'template')}, ${of(s.pinnedGroups, 'pinned group')}`;
}

export function readinessSections(report: ReadinessReport): Section[] {
  const names = new Map(report.accounts.map((a) => [a.accountId, a.accountName]));
  const who = (id: string) => `${names.get(id) ?? id} (${id})`;
  const sections: Section[] = [
    {
      id: 'accounts',
      title: 'Accounts',
      head: ['Account', 'Verdict', 'IMDSv1 calls', 'Refused', 'Evidence'],
      rows: report.accounts.map((a) => [
        `${a.accountName} (${a.accountId})`,
        a.verdict,
        n(a.noTokenCalls),
        n(a.rejectedCalls),
        a.evidence.join('; '),
      ]),
      verdicts: report.accounts.map((a) => a.verdict),
    },
    {
      id: 'instances',
      title: 'Instances allowing IMDSv1, calling it, or container hosts with hop limit 1',
      head: [
        'Account',
        'Region',
        'Instance',
        'Name',
        'Metadata',
        'IMDSv1 calls',
        'Refused',
        'Issues',
      ],
      rows: report.instances.map((i) => [
        who(i.accountId),
        i.region,
        i.instanceId,
        i.name ?? '',
        `${i.httpTokens}, hop ${i.hopLimit}${i.containerHost ? `, ${i.containerHost.toUpperCase()} host` : ''}`,
        n(i.noTokenCalls),
        n(i.rejectedCalls),
        i.issues.join(', '),
      ]),
    },
    {
      id: 'templates',
      title: 'Launch templates whose default version allows IMDSv1',
      head: ['Account', 'Region', 'Template', 'Default', 'Issue'],
      rows: report.launchTemplates.map((t) => [
        who(t.accountId),
        t.region,
        `${t.templateName} (${t.templateId})`,
        `v${t.defaultVersion}`,
        t.issue === 'omitted' ? omittedText(t) : 'HttpTokens optional',
      ]),
    },
    {
      id: 'groups',
      title: 'Auto Scaling groups pinned to a version that allows IMDSv1',
      head: ['Account', 'Region', 'Group', 'Pinned', 'Fix', 'Then (run by you)'],
      rows: report.autoScalingGroups.map((g) => [
        who(g.accountId),
        g.region,
        g.name,
        `${g.templateName ?? g.templateId} v${g.pinnedVersion} (default v${g.defaultVersion})`,
        g.fix,
        g.refreshCommand,
      ]),
    },
  ];
  if (report.launches) {
    sections.push({
      id: 'launches',
      title: `${launchesTitle(report.launches)} — ${launchesSummary(report.launches)}`,
      head: LAUNCH_HEAD,
      rows: launchRows(report.launches, report.generatedAt),
    });
    sections.push({
      id: 'launches-not-read',
      title: 'Launch history not read (the preview is blind there)',
      head: LOOKUP_DENIED_HEAD,
      rows: lookupDeniedRows(report.launches),
    });
  }
  const held = report.gate?.held ?? [];
  if (held.length > 0) {
    sections.push({
      id: 'gate',
      title: 'Rollout gate: held out of waves',
      head: ['Account', 'Reason', 'Override'],
      rows: held.map((h) => [
        `${h.accountName} (${h.accountId})`,
        h.lane === 'scp' ? `held out of the SCP's reach only: ${h.reason}` : h.reason,
        `--allow-at-risk ${h.accountId} (or readiness.allowAtRisk)`,
      ]),
    });
  }
  return sections.filter((s) => s.id === 'accounts' || s.rows.length > 0);
}
