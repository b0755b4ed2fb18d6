/**
 * `verify --format junit`: one testsuite per account, one testcase per account SCP and per
 * account × region, so CI systems show the sweep in their native test view. Drift and errors are
 * failures; unreachable targets are errors (they could not be checked, and verify exits 2 for
 * them, so a CI test view must not show them green); excepted and suspended ones are skipped.
 */
import type { AccountRing, VerifyReport, VerifyResult } from '../core/verify/types.js';
import { describeResult, groupByOu, isFinding, targetLabel } from './verify-model.js';
import { describeException, ringsByAccount } from './verify-strategy.js';
import { escapeXml, xmlAttributes } from './xml.js';

interface Tally {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function outcome(result: VerifyResult): 'pass' | 'failure' | 'error' | 'skipped' {
  if (result.status === 'unreachable') return 'error';
  if (['excepted', 'suspended'].includes(result.status)) return 'skipped';
  return isFinding(result) ? 'failure' : 'pass';
}

function testcase(result: VerifyResult, classname: string, scpName: string | null): string {
  const name =
    result.kind === 'scp'
      ? `SCP ${scpName ?? 'guardrail'} covers the account`
      : `${targetLabel(result)} instance metadata defaults`;
  const head = `    <testcase${xmlAttributes({ classname, name, time: 0 })}`;
  const detail = describeResult(result);
  switch (outcome(result)) {
    case 'pass':
      return `${head}/>`;
    case 'skipped':
      return `${head}>\n      <skipped${xmlAttributes({ message: `${result.status}: ${detail}` })}/>\n    </testcase>`;
    case 'error':
      return [
        `${head}>`,
        `      <error${xmlAttributes({ message: detail, type: 'unreachable' })}>${escapeXml(detail)}</error>`,
        '    </testcase>',
      ].join('\n');
    case 'failure':
      return [
        `${head}>`,
        `      <failure${xmlAttributes({ message: `${result.status}: ${detail}`, type: result.status })}>${escapeXml(detail)}</failure>`,
        '    </testcase>',
      ].join('\n');
  }
}

function tally(results: readonly VerifyResult[]): Tally {
  const outcomes = results.map(outcome);
  return {
    tests: results.length,
    failures: outcomes.filter((o) => o === 'failure').length,
    errors: outcomes.filter((o) => o === 'error').length,
    skipped: outcomes.filter((o) => o === 'skipped').length,
  };
}

function ringProperty(ring: AccountRing | undefined): string[] {
  if (ring === undefined) return [];
  const value = ring.ring === null ? 'unknown' : String(ring.ring);
  return [`      <property${xmlAttributes({ name: 'ring', value })}/>`];
}

/** One testcase per exception: an expired one fails (it no longer exempts and must be renewed or removed). */
function exceptionSuite(report: VerifyReport): { lines: string[]; tally: Tally } {
  const list = report.exceptions ?? [];
  if (list.length === 0) {
    return { lines: [], tally: { tests: 0, failures: 0, errors: 0, skipped: 0 } };
  }
  const failures = list.filter((e) => e.status === 'expired').length;
  const cases = list.map((e) => {
    const head = `    <testcase${xmlAttributes({ classname: 'exceptions', name: `${e.kind} ${e.target} exception is current`, time: 0 })}`;
    if (e.status === 'active') return `${head}/>`;
    const detail = describeException(e);
    return `${head}>\n      <failure${xmlAttributes({ message: `expired: ${detail}`, type: 'expired-exception' })}>${escapeXml(detail)}</failure>\n    </testcase>`;
  });
  return {
    lines: [
      `  <testsuite${xmlAttributes({ name: 'exceptions', tests: list.length, failures, errors: 0, skipped: 0, time: 0, timestamp: report.generatedAt })}>`,
      ...cases,
      '  </testsuite>',
    ],
    tally: { tests: list.length, failures, errors: 0, skipped: 0 },
  };
}

/** The report as JUnit XML, written account by account (170,000 testcases at 10,000 × 17). */
export function writeVerifyJunit(report: VerifyReport, write: (chunk: string) => void): void {
  const exceptions = exceptionSuite(report);
  const targets = tally(report.results);
  write(
    `${[
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites${xmlAttributes({
        name: `guardrails verify ${report.organizationId}`,
        tests: targets.tests + exceptions.tally.tests,
        failures: targets.failures + exceptions.tally.failures,
        errors: targets.errors,
        skipped: targets.skipped,
        time: 0,
        timestamp: report.generatedAt,
      })}>`,
    ].join('\n')}\n`,
  );
  const rings = ringsByAccount(report);
  for (const ou of groupByOu(report.results)) {
    for (const account of ou.accounts) {
      const results = [...account.scp, ...account.imds];
      const counts = tally(results);
      const classname = `${ou.ouPath}/${account.accountName}`;
      const suite = [
        `  <testsuite${xmlAttributes({
          name: `${account.accountName} (${account.accountId})`,
          tests: counts.tests,
          failures: counts.failures,
          errors: counts.errors,
          skipped: counts.skipped,
          time: 0,
          timestamp: report.generatedAt,
        })}>`,
        `    <properties>`,
        `      <property${xmlAttributes({ name: 'ouPath', value: ou.ouPath })}/>`,
        `      <property${xmlAttributes({ name: 'accountId', value: account.accountId })}/>`,
        ...ringProperty(rings.get(account.accountId)),
        `    </properties>`,
        ...results.map((result) => testcase(result, classname, report.desired.scpName)),
        '  </testsuite>',
      ];
      write(`${suite.join('\n')}\n`);
    }
  }
  if (exceptions.lines.length > 0) write(`${exceptions.lines.join('\n')}\n`);
  write('</testsuites>\n');
}

export function renderVerifyJunit(report: VerifyReport): string {
  const chunks: string[] = [];
  writeVerifyJunit(report, (chunk) => chunks.push(chunk));
  return chunks.join('');
}
