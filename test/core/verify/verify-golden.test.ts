/**
 * Byte-for-byte guard for the verify pipeline (compare → every report format): the hashes were
 * taken from the code before results were built compactly and reports were streamed, so the
 * memory work cannot change a single output byte. `UPDATE_GOLDEN=1` rewrites them — only for a
 * change that means to alter the output.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { UserConfig } from '../../../src/config/schema.js';
import { buildDesiredState } from '../../../src/core/desired/build-desired-state.js';
import { buildVerifyReport } from '../../../src/core/verify/compare.js';
import { REPORT_FORMATS } from '../../../src/report/formats.js';
import {
  renderVerifyReport,
  verifyReportContent,
} from '../../../src/report/render-verify-report.js';
import { demoConfig, demoObserved, TEMPLATES } from '../_fixtures/demo.js';

const GOLDEN = new URL('../../_fixtures/golden/verify-reports.json', import.meta.url);
const now = new Date('2026-06-01T00:00:00.000Z');

const WORLDS: Record<string, UserConfig> = {
  default: {},
  exceptions: {
    exceptions: [
      {
        account: '222222222204',
        owner: 'infra@example.com',
        reason: 'migration',
        expires: '2999-01-01',
      },
      { ou: 'Root/Sandbox', owner: 'labs@example.com', reason: 'old trial', expires: '2020-01-31' },
    ],
  },
  declarative: { strategy: 'declarative-policy' },
  both: { strategy: 'both', rollout: { stage: 3 } },
};

function reportOf(overrides: UserConfig) {
  const config = demoConfig(overrides);
  const observed = demoObserved();
  const desired = (stage?: 1 | 2 | 3) =>
    buildDesiredState(config, TEMPLATES, observed.org, { stage, now });
  return buildVerifyReport({
    observed,
    desired: desired(),
    rings: { 1: desired(1), 2: desired(2), 3: desired(3) },
    meta: { toolVersion: '0.1.0', generatedAt: now.toISOString(), scopeRegions: 'enabled' },
  });
}

function outputs(): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const [world, overrides] of Object.entries(WORLDS)) {
    const report = reportOf(overrides);
    for (const format of REPORT_FORMATS) {
      hashes[`${world}.${format}`] = sha(renderVerifyReport(report, format));
    }
    hashes[`${world}.table.color.60`] = sha(
      renderVerifyReport(report, 'table', { color: true, width: 60 }),
    );
  }
  return hashes;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('verify reports stay byte-identical', () => {
  it('every format of four demo worlds matches the recorded hashes', () => {
    const actual = outputs();
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) {
      writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
    }
    expect(actual).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });

  it('written piece by piece, every format is the same text, each piece ending a line', () => {
    for (const [world, overrides] of Object.entries(WORLDS)) {
      const report = reportOf(overrides);
      for (const options of [{}, { color: true, width: 60 }]) {
        for (const format of REPORT_FORMATS) {
          const pieces: string[] = [];
          verifyReportContent(report, format, options)((chunk) => pieces.push(chunk));
          expect(pieces.join(''), `${world} ${format}`).toBe(
            renderVerifyReport(report, format, options),
          );
          if (format !== 'json') {
            for (const piece of pieces)
              expect(piece.endsWith('\n'), `${world} ${format}`).toBe(true);
          }
        }
      }
    }
  });
});
