import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaFiles } from '../../src/report/json-schemas.js';
import { verifyReportJsonSchema } from '../../src/report/schemas.js';
import { renderVerifyJson } from '../../src/report/verify-json.js';
import { demoVerifyReport, smallVerifyReport } from '../_fixtures/verify-reports.js';

describe('renderVerifyJson', () => {
  it('writes the report as is plus its findings, valid against the documented schema', () => {
    // Given the demo scenario
    const report = demoVerifyReport();
    // When it is written as JSON
    const data = JSON.parse(renderVerifyJson(report));
    // Then it matches the schema, keeps every result and lists the non-compliant ones
    const parsed = verifyReportJsonSchema.parse(data);
    expect(parsed.results).toHaveLength(report.results.length);
    expect(parsed.findings).toHaveLength(130);
    expect(parsed.findings.every((f) => f.status !== 'compliant')).toBe(true);
    expect(data).toEqual({ ...JSON.parse(JSON.stringify(report)), findings: parsed.findings });
  });

  it('counts a declarative policy that does not meet the desired state as a finding', () => {
    const report = smallVerifyReport();
    const declarative = report.results.find((r) => r.status === 'managed-by-declarative-policy');
    if (declarative?.kind !== 'imds') throw new Error('fixture has a declarative result');
    declarative.declarativeCompliant = false;
    const data = verifyReportJsonSchema.parse(JSON.parse(renderVerifyJson(report)));
    expect(data.findings.map((f) => `${f.accountName}:${f.kind}`)).toContain('data-platform:imds');
  });

  it('rejects a report missing a required field', () => {
    const data = JSON.parse(renderVerifyJson(smallVerifyReport()));
    delete data.counts;
    expect(verifyReportJsonSchema.safeParse(data).success).toBe(false);
  });
});

describe('docs/schemas', () => {
  it('are the JSON Schemas generated from src/report/schemas.ts (run `npm run schemas`)', () => {
    for (const [file, content] of Object.entries(schemaFiles())) {
      const committed = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      expect(JSON.parse(committed), file).toEqual(JSON.parse(content));
    }
  });
});
