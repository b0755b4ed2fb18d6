/**
 * `readiness --format csv`: one row per account verdict and per finding (instance, launch
 * template, Auto Scaling group, launch principal, launch history not read), RFC 4180 quoting, spreadsheet-safe. For
 * `launch-principal` rows imdsv1_calls holds its launches and refused_calls those the SCP
 * would refuse.
 */
import { stringify } from 'csv-stringify/sync';
import type { ReadinessReport } from '../../core/readiness/types.js';
import { exampleText, fixText, LOOKUP_DENIED_FIX, lookupDeniedText } from './launches-view.js';

export const READINESS_CSV_COLUMNS = [
  'record',
  'account_id',
  'account_name',
  'region',
  'resource_id',
  'resource_name',
  'status',
  'imdsv1_calls',
  'refused_calls',
  'http_tokens',
  'hop_limit',
  'detail',
] as const;

export function renderReadinessCsv(report: ReadinessReport): string {
  const names = new Map(report.accounts.map((a) => [a.accountId, a.accountName]));
  const name = (id: string) => names.get(id) ?? '';
  const rows: string[][] = [[...READINESS_CSV_COLUMNS]];
  for (const a of report.accounts) {
    rows.push([
      'account',
      a.accountId,
      a.accountName,
      '',
      '',
      '',
      a.verdict,
      String(a.noTokenCalls),
      String(a.rejectedCalls),
      '',
      '',
      a.evidence.join('; '),
    ]);
  }
  for (const i of report.instances) {
    rows.push([
      'instance',
      i.accountId,
      name(i.accountId),
      i.region,
      i.instanceId,
      i.name ?? '',
      i.issues.join(' '),
      String(i.noTokenCalls),
      String(i.rejectedCalls),
      i.httpTokens,
      String(i.hopLimit),
      [i.state, i.containerHost ? `${i.containerHost} host` : ''].filter(Boolean).join(', '),
    ]);
  }
  for (const t of report.launchTemplates) {
    rows.push([
      'launch-template',
      t.accountId,
      name(t.accountId),
      t.region,
      t.templateId,
      t.templateName,
      t.issue === 'omitted' ? 'metadata-options-omitted' : 'allows-imdsv1',
      '',
      '',
      t.effectiveTokens,
      '',
      `default version ${t.defaultVersion}`,
    ]);
  }
  for (const g of report.autoScalingGroups) {
    rows.push([
      'auto-scaling-group',
      g.accountId,
      name(g.accountId),
      g.region,
      g.name,
      g.templateName ?? g.templateId,
      'pinned-version-allows-imdsv1',
      '',
      '',
      '',
      '',
      `${g.fix} | then: ${g.refreshCommand}`,
    ]);
  }
  // Launch preview: one row per account and principal (refused_calls = launches it would refuse).
  for (const p of report.launches?.principals ?? []) {
    rows.push([
      'launch-principal',
      p.accountId,
      p.accountName,
      p.regions.join(' '),
      p.principalArn,
      p.launcher.label,
      p.verdict,
      String(p.launches),
      String(p.refused),
      '',
      '',
      `${p.reason} | example: ${exampleText(p)} | fix: ${fixText(p, report.generatedAt)}`,
    ]);
  }
  // Accounts whose launch history the member role may not read (status lookup-denied).
  for (const a of report.launches?.accounts ?? []) {
    if (a.lookupDenied.length === 0) continue;
    rows.push([
      'launch-history',
      a.accountId,
      a.accountName,
      a.lookupDenied.join(' '),
      '',
      '',
      'lookup-denied',
      '',
      '',
      '',
      '',
      `${lookupDeniedText(a)} | fix: ${LOOKUP_DENIED_FIX}`,
    ]);
  }
  return stringify(rows, { record_delimiter: 'windows', escape_formulas: true });
}
