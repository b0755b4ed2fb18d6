/**
 * `guardrails plan` for people, like `terraform plan`: organization changes first, then each OU
 * and account with its region defaults (before → after per field), skipped targets with reasons,
 * and the summary line. Account × regions sharing one change print once ("17 regions: …").
 */
import { scpFixes } from '../core/desired/scp-fixes.js';
import type { ImdsField } from '../core/model/types.js';
import {
  type ChangeSymbol,
  detailOf,
  isAccountLane,
  labelOf,
  symbolOf,
} from '../core/plan/change-kinds.js';
import { relaxedFields } from '../core/plan/relaxing.js';
import type { Change, Plan, SetImdsDefaultsChange } from '../core/plan/types.js';
import { describeCanary, describeLeftOut, describePolicyReach } from '../core/reach/describe.js';
import { sanitizeOutput } from '../core/text/sanitize-text.js';
import { type Colors, colorsFor } from './colors.js';
import {
  describeSkipped,
  groupImdsChanges,
  type ImdsGroup,
  wrapList,
  wrapWords,
} from './plan-model.js';
import { describeStage } from './plan-stage.js';
import { renderPolicyContent, renderPolicyDiff } from './policy-diff.js';
import { renderRemediationText } from './remediation-text.js';
import { formatValue } from './verify-model.js';

export interface PlanTextOptions {
  color?: boolean;
  /** Wrap region lists to this width. Default 100. */
  width?: number;
}

type Sign = ChangeSymbol;

function paint(colors: Colors, symbol: Sign, text: string): string {
  if (symbol === '+') return colors.green(text);
  if (symbol === '-') return colors.red(text);
  return colors.yellow(text);
}

/** An organization-level change: its label and detail from the change-kind table, then content. */
function renderOrgChange(change: Change, colors: Colors): string[] {
  const symbol = symbolOf(change);
  const detail = detailOf(change);
  const risk = change.risk === 'relaxing' ? colors.red(' (relaxing: needs approval)') : '';
  const head = `  ${paint(colors, symbol, symbol)} ${labelOf(change)}${detail ? ` ${colors.dim(`(${detail})`)}` : ''}${risk}`;
  switch (change.kind) {
    case 'policy.create':
      return [
        head,
        colors.dim(`      # ${change.description}`),
        ...renderPolicyContent(change.content, colors, '      '),
      ];
    case 'policy.swap':
    case 'policy.update':
      return [
        head,
        ...relaxedFields(change).map((f) =>
          colors.red(
            `      ! relaxes ${wrapWords(`${f.field}: ${f.before} → ${f.after}`, 90, '        ')}`,
          ),
        ),
        ...scpFixes(change.before.content, change.after.content).map((fix) =>
          colors.green(`      ✔ ${wrapWords(fix, 90, '        ')}`),
        ),
        ...renderPolicyDiff(change.before.content, change.after.content, colors, '      '),
      ];
    default:
      return [head];
  }
}

function fieldSymbol(before: unknown, after: unknown): Sign {
  if (formatValue(after as string | number | undefined) === '(unset)') return '-';
  return before === undefined ? '+' : '~';
}

function renderImdsGroup(group: ImdsGroup, colors: Colors, width: number): string[] {
  const sample: SetImdsDefaultsChange = group.changes[0]!;
  const regions = group.changes.map((change) => change.region);
  const sign = paint(colors, '~', '~');
  const prefix = `${regions.length} regions: `;
  const head =
    regions.length === 1
      ? `      ${sign} ${regions[0]}`
      : `      ${sign} ${prefix}${wrapList(regions, width - 8 - prefix.length, ' '.repeat(8 + prefix.length))}`;
  const nameWidth = Math.max(...sample.fields.map((field) => field.length));
  const fields = sample.fields.map((field: ImdsField) => {
    const before = sample.before[field];
    const after = sample.after[field];
    const symbol = fieldSymbol(before, after);
    return `          ${paint(colors, symbol, symbol)} ${field.padEnd(nameWidth)}  ${formatValue(before)} → ${formatValue(after)}`;
  });
  const relaxed = relaxedFields(sample);
  const risk =
    relaxed.length > 0
      ? [
          colors.red(
            `          ! relaxes ${relaxed.map((f) => f.field).join(', ')} (needs its own approval)`,
          ),
        ]
      : [];
  return [head, ...risk, ...fields];
}

/** Passes through sanitizeOutput once: names from the organization are shown, never obeyed. */
export function renderPlanText(plan: Plan, options: PlanTextOptions = {}): string {
  return [...planTextChunks(plan, options)].join('');
}

/**
 * The same text piece by piece (one piece per account of a change plan, each ending a line): a
 * plan of 100,000 changes is printed as it is made, never held as one string and its sanitized
 * copy. Sanitizing whole lines piece by piece changes exactly what sanitizing the whole would.
 */
export function* planTextChunks(plan: Plan, options: PlanTextOptions = {}): Generator<string> {
  const keepColors = options.color === true;
  if (plan.remediation) {
    yield sanitizeOutput(renderRemediationText(plan, options), { keepColors });
    return;
  }
  for (const piece of changePlanChunks(plan, options)) yield sanitizeOutput(piece, { keepColors });
}

function* changePlanChunks(plan: Plan, options: PlanTextOptions): Generator<string> {
  const colors = colorsFor(options.color);
  const width = options.width ?? 100;
  const lines: string[] = [];
  const skipped = describeSkipped(plan.skipped);
  const skippedLines =
    skipped.length === 0
      ? []
      : [
          '',
          colors.bold(`Skipped (${plan.summary.skipped})`),
          ...skipped.flatMap((entry) => [
            `  ${colors.yellow('!')} ${entry.target}`,
            ...(entry.regions.length === 0
              ? []
              : [`      ${wrapList(entry.regions, width - 6, '      ')}`]),
            `      ${colors.dim(wrapWords(entry.reason, width - 6, '      '))}`,
          ]),
        ];
  if (plan.changes.length === 0) {
    lines.push(...skippedLines.slice(1), ...(skippedLines.length > 0 ? [''] : []));
    const reach = reachLines(plan, colors);
    if (reach.length > 0) lines.push(...reach.slice(1), '');
    lines.push(
      `${colors.bold(colors.green('No changes.'))} The organization already matches the configuration${plan.stage ? ` at ${describeStage(plan)}` : ''} (${plan.summary.unchanged} unchanged, ${plan.summary.skipped} skipped).`,
    );
    yield `${lines.join('\n')}\n`;
    return;
  }
  lines.push(
    colors.bold(
      `Plan for organization ${plan.organizationId} (management account ${plan.managementAccountId})`,
    ),
    colors.dim(
      `Symbols: ${'+'} create, attach or set  ${'~'} update  ${'-'} delete, detach or clear`,
    ),
    ...(plan.stage ? [`Stage: ${describeStage(plan)}`] : []),
  );
  const orgChanges = plan.changes.filter((change) => !isAccountLane(change));
  if (orgChanges.length > 0) {
    lines.push('', colors.bold('Organization'));
    for (const change of orgChanges) lines.push(...renderOrgChange(change, colors));
  }
  for (const ou of groupImdsChanges(plan.changes)) {
    lines.push('', colors.bold(ou.ouPath));
    for (const account of ou.accounts) {
      lines.push(
        `  ${paint(colors, '~', '~')} ${account.accountName} ${colors.dim(`(${account.accountId})`)}`,
      );
      for (const group of account.groups) lines.push(...renderImdsGroup(group, colors, width));
      yield `${lines.join('\n')}\n`;
      lines.length = 0;
    }
  }
  lines.push(...skippedLines, ...reachLines(plan, colors));
  const { toChange, unchanged, relaxing } = plan.summary;
  lines.push(
    '',
    colors.bold(
      `Plan: ${toChange} to change${relaxing ? ` (${relaxing} relaxing)` : ''}, ${unchanged} unchanged, ${plan.summary.skipped} skipped.`,
    ),
  );
  if (relaxing) {
    lines.push(
      colors.red(
        `${relaxing === 1 ? '1 change loosens' : `${relaxing} changes loosen`} a protection: apply asks for them separately in a terminal; without one, --yes needs --allow-relaxing too.`,
      ),
    );
  }
  yield `${lines.join('\n')}\n`;
}

/** Where each guardrail policy reaches and what a narrowed run left out (the reach model). */
function reachLines(plan: Plan, colors: Colors): string[] {
  const reach = [
    ...(plan.reach ?? []).map(describePolicyReach),
    ...(plan.canaries ?? []).map(describeCanary),
  ];
  const left = (plan.leftOut ?? []).map(describeLeftOut);
  if (reach.length + left.length === 0) return [];
  return [
    '',
    colors.bold('Reach'),
    ...reach.map((r) => `  ${r}`),
    ...left.map((l) => `  ${colors.yellow('!')} ${l}`),
  ];
}
