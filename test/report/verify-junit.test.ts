import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderVerifyJunit } from '../../src/report/verify-junit.js';
import { demoVerifyReport, smallVerifyReport } from '../_fixtures/verify-reports.js';

interface Case {
  '@_name': string;
  '@_classname': string;
  failure?: { '@_type': string; '#text': string };
  skipped?: { '@_message': string };
  error?: { '@_message': string; '@_type': string };
}
interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_skipped': string;
  '@_errors': string;
  testcase: Case[];
}

function parseJunit(xml: string): { '@_tests': string; testsuite: Suite[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  });
  return parser.parse(xml).testsuites;
}

describe('renderVerifyJunit', () => {
  it('writes one suite per account and one case per account SCP and per region', () => {
    // Given the demo scenario (13 accounts, 17 regions, web-prod with one more)
    const report = demoVerifyReport();
    // When it is written as JUnit and parsed as XML
    const suites = parseJunit(renderVerifyJunit(report));
    // Then there is a suite per account and a case per result
    expect(suites.testsuite).toHaveLength(13);
    expect(Number(suites['@_tests'])).toBe(report.results.length);
    const web = suites.testsuite.find((s) => s['@_name'] === 'web-prod (222222222206)')!;
    expect(web.testcase).toHaveLength(19);
    expect(web.testcase[0]?.['@_name']).toBe('SCP DenyIMDSv1 covers the account');
    // And drift is a failure naming the fields; unreachable is an error with the reason (verify
    // exits 2 for it, so the CI test view must not show it as a skip)
    const southOne = web.testcase.find((c) => c['@_name'].startsWith('eu-south-1'))!;
    expect(southOne.failure?.['@_type']).toBe('drift');
    expect(southOne.failure?.['#text']).toBe(
      'httpTokens (unset) → required, httpPutResponseHopLimit (unset) → 2',
    );
    const bob = suites.testsuite.find((s) => s['@_name'].startsWith('sandbox-bob'))!;
    expect(bob['@_skipped']).toBe('0');
    expect(bob['@_errors']).toBe('1');
    expect(bob.testcase[1]?.['@_name']).toBe('all regions instance metadata defaults');
    expect(bob.testcase[1]?.skipped).toBeUndefined();
    expect(bob.testcase[1]?.error?.['@_type']).toBe('unreachable');
    expect(bob.testcase[1]?.error?.['@_message']).toContain('role-denied');
  });

  it('counts failures for drift and errors, not for compliant or declarative targets', () => {
    const suites = parseJunit(renderVerifyJunit(smallVerifyReport()));
    const byName = Object.fromEntries(suites.testsuite.map((s) => [s['@_name'], s]));
    expect(byName['security-audit (222222222201)']?.['@_failures']).toBe('3');
    expect(byName['data-platform (222222222212)']?.['@_failures']).toBe('0');
    const error = byName['security-audit (222222222201)']?.testcase.find((c) =>
      c['@_name'].startsWith('us-west-2'),
    );
    expect(error?.failure?.['@_type']).toBe('error');
  });

  it('stays valid XML whatever the names contain', () => {
    const report = smallVerifyReport();
    report.results[0]!.accountName = `<x a="1" b='2'>&amp; ]]>${String.fromCharCode(1)}`;
    const suites = parseJunit(renderVerifyJunit(report));
    // Then it parses, and the name comes back as written (less the invalid control character)
    expect(suites.testsuite[0]?.['@_name']).toBe(`<x a="1" b='2'>&amp; ]]> (111111111111)`);
  });
});
