/**
 * `readiness --format junit`: one testsuite per account, one testcase for its IMDSv1 usage and
 * one per finding, so CI shows readiness in its test view. IMDSv1 calls and findings fail;
 * an account whose usage cannot be read is skipped (not checked, not passed).
 */
import type { AccountReadiness, ReadinessReport } from '../../core/readiness/types.js';
import { escapeXml, xmlAttributes } from '../xml.js';
import { exampleText, fixText, LOOKUP_DENIED_FIX, lookupDeniedText } from './launches-view.js';

interface Case {
  name: string;
  failure?: { type: string; message: string };
  skipped?: string;
}

function casesOf(a: AccountReadiness, report: ReadinessReport): Case[] {
  const usage: Case = { name: `no IMDSv1 calls in ${report.lookbackDays} days` };
  const why = a.evidence.join('; ');
  if (a.verdict === 'at-risk') usage.failure = { type: 'at-risk', message: why };
  if (a.verdict === 'unknown') usage.skipped = why;
  const cases = [usage];
  const mine = <T extends { accountId: string }>(list: T[]) =>
    list.filter((x) => x.accountId === a.accountId);
  for (const i of mine(report.instances)) {
    cases.push({
      name: `instance ${i.instanceId}${i.name ? ` (${i.name})` : ''} in ${i.region}`,
      failure: {
        type: i.issues.join(' '),
        message: `HttpTokens ${i.httpTokens}, hop limit ${i.hopLimit}; ${i.noTokenCalls} IMDSv1 calls, ${i.rejectedCalls} refused`,
      },
    });
  }
  for (const t of mine(report.launchTemplates)) {
    cases.push({
      name: `launch template ${t.templateName} (${t.templateId}) in ${t.region}`,
      failure: {
        type: t.issue === 'omitted' ? 'metadata-options-omitted' : 'allows-imdsv1',
        message: `default version ${t.defaultVersion} ${t.issue === 'omitted' ? `omits MetadataOptions (resolves to ${t.effectiveTokens})` : 'allows IMDSv1'}`,
      },
    });
  }
  for (const g of mine(report.autoScalingGroups)) {
    cases.push({
      name: `Auto Scaling group ${g.name} in ${g.region}`,
      failure: { type: 'pinned-version', message: `${g.fix}; then: ${g.refreshCommand}` },
    });
  }
  for (const p of report.launches?.principals ?? []) {
    if (p.accountId !== a.accountId) continue;
    const c: Case = {
      name: `launches by ${p.principalArn} (${p.launcher.label}) allowed by ${report.launches?.policy ?? 'the SCP'}`,
    };
    const detail = `${p.refused} of ${p.launches} launches: ${p.reason}; example ${exampleText(p)}; fix: ${fixText(p, report.generatedAt)}`;
    if (p.verdict === 'refused') c.failure = { type: 'launch-would-be-refused', message: detail };
    if (p.verdict === 'unknown') c.skipped = `${p.unknown} launches unknown: ${p.reason}`;
    cases.push(c);
  }
  const history = report.launches?.accounts.find((x) => x.accountId === a.accountId);
  if (history && history.lookupDenied.length > 0) {
    cases.push({
      name: `launch history of ${a.accountName} (${a.accountId})`,
      skipped: `${lookupDeniedText(history)}. ${LOOKUP_DENIED_FIX}`,
    });
  }
  return cases;
}

function testcase(c: Case, classname: string): string {
  const head = `    <testcase${xmlAttributes({ classname, name: c.name, time: 0 })}`;
  if (c.skipped !== undefined) {
    return `${head}>\n      <skipped${xmlAttributes({ message: c.skipped })}/>\n    </testcase>`;
  }
  if (!c.failure) return `${head}/>`;
  return [
    `${head}>`,
    `      <failure${xmlAttributes({ message: c.failure.message, type: c.failure.type })}>${escapeXml(c.failure.message)}</failure>`,
    '    </testcase>',
  ].join('\n');
}

export function renderReadinessJunit(report: ReadinessReport): string {
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const suites = report.accounts.map((a) => {
    const cases = casesOf(a, report);
    const f = cases.filter((c) => c.failure).length;
    const s = cases.filter((c) => c.skipped !== undefined).length;
    tests += cases.length;
    failures += f;
    skipped += s;
    const classname = `readiness.${a.accountName || a.accountId}`;
    return [
      `  <testsuite${xmlAttributes({
        name: `${a.accountName} (${a.accountId})`,
        tests: cases.length,
        failures: f,
        errors: 0,
        skipped: s,
        time: 0,
        timestamp: report.generatedAt,
      })}>`,
      ...cases.map((c) => testcase(c, classname)),
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${xmlAttributes({ name: 'guardrails readiness', tests, failures, errors: 0, skipped, time: 0 })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
