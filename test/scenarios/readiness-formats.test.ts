/**
 * `guardrails readiness --format csv,junit,markdown,html,json --out-dir`: every format from one
 * run against the demo sandbox, each parsed back (CSV, JUnit XML, the HTML's tables) and checked
 * against the seeded findings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadinessReport } from '../../src/core/readiness/types.js';
import { readinessReportSchema } from '../../src/report/readiness/readiness-schema.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { runAgainst } from '../_helpers/sandbox-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';

let sb: SandboxHandle;
let code: number;
let stderr: string;
/** The files written, read at once (temp dirs go away after each test). */
const files = new Map<string, string>();
const read = (name: string) => files.get(name) ?? '';

beforeAll(async () => {
  // Given the demo organization, readiness over the workloads' region only
  sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0 });
  const cwd = tempDir();
  const dir = join(cwd, 'reports');
  const run = await runAgainst(sb, cwd, [
    'readiness',
    '--format',
    'csv,junit,markdown,html',
    '--format',
    'json',
    '--out-dir',
    'reports',
    '--regions',
    'us-east-1',
  ]);
  code = run.code;
  stderr = run.stderr;
  for (const name of readdirSync(dir)) files.set(name, readFileSync(join(dir, name), 'utf8'));
}, 30_000);
afterAll(() => sb.close());

describe('readiness report formats', () => {
  it('writes one file per format and exits 2 (an account at risk)', () => {
    expect(code, stderr).toBe(2);
    expect([...files.keys()].sort()).toEqual([
      'readiness-report.csv',
      'readiness-report.html',
      'readiness-report.json',
      'readiness-report.junit.xml',
      'readiness-report.md',
    ]);
    const json = JSON.parse(read('readiness-report.json')) as ReadinessReport;
    expect(readinessReportSchema.safeParse(json).success).toBe(true);
  });

  it('csv: a row per verdict and per finding', () => {
    const rows = parse(read('readiness-report.csv'), { columns: true }) as Record<string, string>[];
    const of = (record: string) => rows.filter((r) => r.record === record);
    expect(of('account')).toHaveLength(13);
    expect(of('account').find((r) => r.account_name === 'payments-dev')).toMatchObject({
      status: 'at-risk',
      imdsv1_calls: '5088',
      refused_calls: '70',
    });
    expect(of('launch-template').map((r) => r.resource_name)).toEqual([
      'batch-worker',
      'reporting',
    ]);
    expect(of('auto-scaling-group')).toEqual([
      expect.objectContaining({
        resource_id: 'payments-api-asg',
        status: 'pinned-version-allows-imdsv1',
      }),
    ]);
    expect(
      of('launch-principal')
        .filter((r) => r.status === 'refused')
        .map((r) => [r.account_name, r.resource_name, r.refused_calls]),
    ).toEqual([
      ['web-dev', 'Karpenter 1.5.0', '3'],
      ['payments-dev', 'Terraform (AWS provider 3.76.1)', '1'],
    ]);
    expect(of('instance').find((r) => r.resource_id === 'i-0pd00000000000a01')).toMatchObject({
      imdsv1_calls: '4032',
      http_tokens: 'optional',
    });
  });

  it('junit: valid XML, a suite per account; IMDSv1 calls and findings fail, unknown is skipped', () => {
    const xml = read('readiness-report.junit.xml');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      isArray: (name) => name === 'testsuite' || name === 'testcase',
    }).parse(xml).testsuites;
    expect(doc.testsuite).toHaveLength(13);
    const suite = (name: string) =>
      doc.testsuite.find((s: { '@_name': string }) => s['@_name'].startsWith(name));
    const pd = suite('payments-dev');
    expect(pd.testcase[0]).toMatchObject({
      '@_name': 'no IMDSv1 calls in 14 days',
      failure: { '@_type': 'at-risk' },
    });
    expect(pd.testcase.map((c: { '@_name': string }) => c['@_name'])).toContain(
      'Auto Scaling group payments-api-asg in us-east-1',
    );
    expect(Number(pd['@_failures'])).toBe(pd.testcase.length);
    // Launch preview cases: Terraform asks for tokens (passes), Karpenter would be refused.
    expect(suite('web-prod').testcase).toEqual([
      {
        '@_classname': 'readiness.web-prod',
        '@_name': 'no IMDSv1 calls in 14 days',
        '@_time': '0',
      },
      {
        '@_classname': 'readiness.web-prod',
        '@_name':
          'launches by arn:aws:iam::222222222206:user/terraform-ci (Terraform (AWS provider 5.80.0)) allowed by DenyIMDSv1',
        '@_time': '0',
      },
    ]);
    const karpenter = suite('web-dev').testcase.find((c: { '@_name': string }) =>
      c['@_name'].includes('KarpenterControllerRole-web-dev'),
    );
    expect(karpenter.failure['@_type']).toBe('launch-would-be-refused');
    expect(karpenter.failure['@_message']).toContain('EC2NodeClass');
    expect(suite('sandbox-alice').testcase[0].skipped['@_message']).toContain('CloudWatch');
    expect(Number(doc['@_skipped'])).toBe(3);
  });

  it('markdown: the summary and a table per section', () => {
    const md = read('readiness-report.md');
    expect(md).toMatch(/^# IMDSv1 readiness — last 14 days/);
    expect(md).toContain('**13 accounts: 9 ready, 1 at risk, 3 unknown');
    expect(md).toContain('| payments-dev (222222222207) | ⚠️ at-risk | 5,088 | 70 |');
    expect(md).toContain('## Auto Scaling groups pinned to a version that allows IMDSv1');
    expect(md).toContain('## Rollout gate: held out of waves');
  });

  it('html: one self-contained page with a table per section', () => {
    const html = read('readiness-report.html');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script\b|<link\b|<img\b|\bsrc=|https?:\/\//i);
    // The main part is well-formed markup: parse it and read the tables back
    const main = html.slice(html.indexOf('<main>'), html.indexOf('</main>') + 7);
    expect(XMLValidator.validate(main)).toBe(true);
    const sections = new XMLParser({
      ignoreAttributes: false,
      isArray: (name) => ['section', 'tr', 'td', 'th'].includes(name),
    }).parse(main).main.section as {
      '@_id': string;
      div: { table: { thead: { tr: { th: string[] }[] }; tbody: { tr: { td: unknown[] }[] } } };
    }[];
    expect(sections.map((s) => s['@_id'])).toEqual([
      'accounts',
      'instances',
      'templates',
      'groups',
      'launches',
      'gate',
    ]);
    // Who will the SCP refuse: one row per account and principal, refusals first.
    const launches = sections[4]!.div.table.tbody.tr;
    // us-east-1 only: the console launch in eu-west-1 is not read.
    expect(launches).toHaveLength(5);
    expect(html).toContain('Who will the SCP refuse?');
    const accounts = sections[0]!.div.table;
    expect(accounts.thead.tr[0]!.th).toEqual([
      'Account',
      'Verdict',
      'IMDSv1 calls',
      'Refused',
      'Evidence',
    ]);
    expect(accounts.tbody.tr).toHaveLength(13);
    expect(html).toContain('data-verdict="at-risk">at-risk</td>');
    expect(sections[3]!.div.table.tbody.tr).toHaveLength(1);
  });
});
