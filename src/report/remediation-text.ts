/**
 * A remediation plan (`plan --remediate`) for people: per OU and account × region the launch
 * templates and instances it changes, then what it only lists — instances still calling IMDSv1
 * and Auto Scaling groups pinned to an old version, with the fix and the refresh command.
 */
import type {
  LaunchTemplateChange,
  RemediationChange,
  TemplateMetadataOptions,
} from '../core/plan/remediation-types.js';
import { isRemediationChange } from '../core/plan/remediation-types.js';
import type { Plan } from '../core/plan/types.js';
import { type Colors, colorsFor } from './colors.js';

function describeMetadata(m: TemplateMetadataOptions | undefined): string {
  if (!m) return 'MetadataOptions omitted';
  const parts = [`HttpTokens ${m.httpTokens ?? '(unset)'}`];
  if (m.hopLimit !== undefined) parts.push(`hop limit ${m.hopLimit}`);
  if (m.httpEndpoint) parts.push(`endpoint ${m.httpEndpoint}`);
  if (m.httpProtocolIpv6) parts.push(`IPv6 ${m.httpProtocolIpv6}`);
  if (m.instanceMetadataTags) parts.push(`tags ${m.instanceMetadataTags}`);
  return parts.join(', ');
}

function templateLine(c: LaunchTemplateChange, colors: Colors): string[] {
  const name = `launch template ${c.templateName} ${colors.dim(`(${c.templateId})`)}`;
  if ('defaultVersion' in c.after) {
    return [
      `      ${colors.yellow('~')} ${name}: default v${c.before.defaultVersion} → v${c.after.defaultVersion}`,
    ];
  }
  return [
    `      ${colors.green('+')} ${name}: new version from v${c.before.defaultVersion}, made the default`,
    colors.dim(
      `          ${describeMetadata(c.before.metadata)} → ${describeMetadata(c.after.metadata)}; every other field kept`,
    ),
  ];
}

function changeLines(c: RemediationChange, colors: Colors, lookbackDays: number): string[] {
  if (c.kind === 'launchTemplate.update') return templateLine(c, colors);
  const name = c.instanceName ? ` (${c.instanceName})` : '';
  const why =
    c.after.httpTokens === 'required'
      ? colors.dim(` — no IMDSv1 calls in ${lookbackDays} days`)
      : '';
  return [
    `      ${colors.yellow('~')} instance ${c.instanceId}${name}: HttpTokens ${c.before.httpTokens} → ${c.after.httpTokens}${why}`,
  ];
}

export function renderRemediationText(plan: Plan, options: { color?: boolean } = {}): string {
  const colors = colorsFor(options.color);
  const notes = plan.remediation;
  const days = notes?.lookbackDays ?? 0;
  const lines: string[] = [
    colors.bold(`Remediation plan for organization ${plan.organizationId}`),
    colors.dim(
      notes
        ? `IMDSv1 calls counted over ${days} days (${notes.window.start} → ${notes.window.end}). Symbols: + create  ~ update`
        : 'Symbols: + create  ~ update',
    ),
  ];
  const changes = plan.changes.filter(isRemediationChange);
  let ou = '';
  let target = '';
  for (const c of changes) {
    if (c.ouPath !== ou) {
      ou = c.ouPath;
      target = '';
      lines.push('', colors.bold(ou));
    }
    const here = `${c.accountId}/${c.region}`;
    if (here !== target) {
      target = here;
      lines.push(
        `  ${colors.yellow('~')} ${c.accountName} ${colors.dim(`(${c.accountId})`)} ${c.region}`,
      );
    }
    lines.push(...changeLines(c, colors, days));
  }
  if (changes.length === 0)
    lines.push('', `${colors.bold(colors.green('No changes.'))} Nothing to remediate.`);
  const kept = notes?.keptInstances ?? [];
  if (kept.length > 0) {
    lines.push(
      '',
      colors.bold(
        `Not changed: instances that still use IMDSv1 (${kept.length}) — fix their software first`,
      ),
    );
    for (const k of kept) {
      lines.push(
        `  ${colors.yellow('!')} ${k.accountName} (${k.accountId}) ${k.region} ${k.instanceId}${k.name ? ` (${k.name})` : ''}: ${k.reason}`,
      );
    }
  }
  const groups = notes?.autoScalingGroups ?? [];
  if (groups.length > 0) {
    lines.push(
      '',
      colors.bold(
        `Auto Scaling groups to fix (${groups.length}) — guardrails never starts an instance refresh`,
      ),
    );
    for (const g of groups) {
      lines.push(
        `  ${colors.yellow('!')} ${g.accountName} (${g.accountId}) ${g.region} ${g.name}: ${g.templateName ?? g.templateId} pinned to v${g.pinnedVersion}`,
        `      fix: ${g.fix}`,
        `      then: ${g.refreshCommand}`,
      );
    }
  }
  const templates = changes.filter((c) => c.kind === 'launchTemplate.update').length;
  const instances = changes.length - templates;
  lines.push(
    '',
    colors.bold(
      `Plan: ${changes.length} to change (${templates} launch template${templates === 1 ? '' : 's'}, ${instances} instance${instances === 1 ? '' : 's'}); ${kept.length} instance${kept.length === 1 ? '' : 's'} and ${groups.length} Auto Scaling group${groups.length === 1 ? '' : 's'} listed, not changed.`,
    ),
  );
  return `${lines.join('\n')}\n`;
}
