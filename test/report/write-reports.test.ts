import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { REPORT_FORMATS } from '../../src/report/formats.js';
import {
  buildVerifyReportFiles,
  formatFromPath,
  resolveReportTargets,
} from '../../src/report/write-reports.js';
import { smallVerifyReport } from '../_fixtures/verify-reports.js';

describe('resolveReportTargets', () => {
  it('names one file per format in --out-dir', () => {
    const targets = resolveReportTargets({ formats: [...REPORT_FORMATS], outDir: 'out' });
    expect(targets).toEqual([
      { format: 'table', path: join('out', 'verify-report.txt') },
      { format: 'json', path: join('out', 'verify-report.json') },
      { format: 'csv', path: join('out', 'verify-report.csv') },
      { format: 'junit', path: join('out', 'verify-report.junit.xml') },
      { format: 'markdown', path: join('out', 'verify-report.md') },
      { format: 'html', path: join('out', 'verify-report.html') },
    ]);
  });

  it('writes one format to --out, inferring it from the extension when not given', () => {
    expect(resolveReportTargets({ formats: [], out: 'r.html' })).toEqual([
      { format: 'html', path: 'r.html' },
    ]);
    expect(resolveReportTargets({ formats: ['json'], out: 'r.txt' })).toEqual([
      { format: 'json', path: 'r.txt' },
    ]);
    expect(formatFromPath('ci/results.JUNIT.xml')).toBe('junit');
  });

  it('prints one format on stdout, table by default', () => {
    expect(resolveReportTargets({ formats: [] })).toEqual([{ format: 'table', path: null }]);
    expect(resolveReportTargets({ formats: ['markdown'] })).toEqual([
      { format: 'markdown', path: null },
    ]);
  });

  it('refuses combinations that cannot work, saying what to do', () => {
    expect(() => resolveReportTargets({ formats: ['json', 'html'] })).toThrow(/need --out-dir/);
    expect(() => resolveReportTargets({ formats: ['json', 'html'], out: 'x.json' })).toThrow(
      UsageError,
    );
    expect(() => resolveReportTargets({ formats: [], out: 'x', outDir: 'y' })).toThrow(
      /cannot be used together/,
    );
    expect(() => resolveReportTargets({ formats: [], out: 'report.pdf' })).toThrow(
      /Cannot tell the report format/,
    );
  });
});

describe('buildVerifyReportFiles', () => {
  it('renders each file, colouring only a table on stdout', () => {
    const report = smallVerifyReport();
    const ESC = String.fromCharCode(27);
    const [stdout] = buildVerifyReportFiles(report, { formats: ['table'] }, { color: true });
    expect(stdout?.content).toContain(ESC);
    const files = buildVerifyReportFiles(
      report,
      { formats: ['table', 'json'], outDir: 'd' },
      { color: true },
    );
    expect(files.map((f) => f.path)).toEqual([
      join('d', 'verify-report.txt'),
      join('d', 'verify-report.json'),
    ]);
    expect(files[0]?.content).not.toContain(ESC);
    expect(JSON.parse(files[1]?.content ?? '').findings).toHaveLength(9);
  });
});
