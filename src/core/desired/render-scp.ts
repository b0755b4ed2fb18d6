/**
 * The SCP template + the `scp` config section → the policy text sent to Organizations:
 * canonical minified JSON, checked against the 5,120-character SCP limit before any write.
 */
import type { ResolvedConfig } from '../../config/schema.js';
import { ConfigError } from '../errors.js';
import { policyJson } from '../model/canonical-json.js';
import type { JsonObject, JsonValue, ScpTemplate, TemplateStatement } from './types.js';

export const SCP_MAX_CHARACTERS = 5120;

export type ScpSettings = Pick<ResolvedConfig['scp'], 'name' | 'companions' | 'exemptPrincipals'>;

export function renderScp(template: ScpTemplate, scp: ScpSettings): string {
  const chosen = selectStatements(template, scp);
  const statements = chosen.map((s) => withExemptions(fill(s.statement, params(scp)), scp));
  const content = policyJson({ Version: template.version, Statement: statements });
  checkSize(content, chosen, statements, scp);
  return content;
}

/** Size as Organizations counts it: characters, or UTF-8 bytes when those are more. */
export function policySize(content: string): number {
  return Math.max(content.length, new TextEncoder().encode(content).length);
}

function selectStatements(template: ScpTemplate, scp: ScpSettings): TemplateStatement[] {
  const chosen = template.statements.filter((s) => s.id === 'base' || scp.companions[s.id].enabled);
  const admins = scp.companions.protectDefaults;
  if (admins.enabled && admins.adminRoleArns.length === 0) {
    const path = 'scp.companions.protectDefaults.adminRoleArns';
    const message = 'list at least one admin role ARN pattern when protectDefaults is enabled';
    throw new ConfigError(`Invalid config: ${path}: ${message}`, {
      issues: [{ path, message }],
      hint: 'Include the role guardrails assumes, e.g. arn:aws:iam::*:role/OrganizationAccountAccessRole, or it cannot set the defaults itself.',
    });
  }
  return chosen;
}

function params(scp: ScpSettings): Record<string, JsonValue> {
  const { maxHopLimit, requireRoleDelivery, protectDefaults } = scp.companions;
  return {
    max: String(maxHopLimit.max),
    minVersion: requireRoleDelivery.minVersion.toFixed(1),
    adminRoleArns: [...protectDefaults.adminRoleArns],
  };
}

/** Replace every string value `{{name}}` by its parameter (which may be a list). */
function fill(value: JsonValue, values: Record<string, JsonValue>): JsonValue {
  if (typeof value === 'string') {
    const match = /^\{\{(\w+)\}\}$/.exec(value);
    const name = match?.[1];
    return name !== undefined && name in values ? (values[name] as JsonValue) : value;
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, values));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, values)]));
  }
  return value;
}

/** Exempt principals: `ArnNotLike aws:PrincipalArn` on every statement, merged with any there. */
function withExemptions(statement: JsonValue, scp: ScpSettings): JsonObject {
  const copy = { ...(statement as JsonObject) };
  if (scp.exemptPrincipals.length === 0) return copy;
  const condition = { ...((copy.Condition as JsonObject | undefined) ?? {}) };
  const arnNotLike = { ...((condition.ArnNotLike as JsonObject | undefined) ?? {}) };
  const existing = arnNotLike['aws:PrincipalArn'];
  const current = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  arnNotLike['aws:PrincipalArn'] = [...new Set([...current, ...scp.exemptPrincipals])] as JsonValue;
  condition.ArnNotLike = arnNotLike;
  copy.Condition = condition;
  return copy;
}

function checkSize(
  content: string,
  chosen: TemplateStatement[],
  rendered: JsonObject[],
  scp: ScpSettings,
): void {
  const size = policySize(content);
  if (size <= SCP_MAX_CHARACTERS) return;
  const companions = chosen.flatMap((s, i) =>
    s.id === 'base'
      ? []
      : [`scp.companions.${s.id} (${policySize(policyJson(rendered[i])) + 1} characters)`],
  );
  const exempt = scp.exemptPrincipals.length
    ? [
        `scp.exemptPrincipals (${scp.exemptPrincipals.length} patterns, each repeated in every statement)`,
      ]
    : [];
  const options = [...companions, ...exempt];
  throw new ConfigError(
    `The SCP "${scp.name}" renders to ${size.toLocaleString('en-US')} characters; Organizations allows at most ${SCP_MAX_CHARACTERS.toLocaleString('en-US')} per policy.`,
    {
      hint: options.length
        ? `Switch off or shorten: ${options.join(', ')}; wildcards (arn:aws:iam::*:role/Admin*) cover many roles in one pattern.`
        : 'Shorten the template in templates/scp.',
    },
  );
}
