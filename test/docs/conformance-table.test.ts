import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The conformance table in src/sandbox/SPEC.md must not rot: every row names an AWS source (a
 * link) and at least one test, every named test file exists and every quoted test name is in one
 * of the files the row names.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));
const spec = readFileSync(join(repo, 'src/sandbox/SPEC.md'), 'utf8');

interface Row {
  behaviour: string;
  source: string;
  sandbox: string;
  test: string;
}

function cells(line: string): string[] {
  // Split on pipes that are not escaped (`\|` inside a cell).
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

function conformanceRows(): Row[] {
  const start = spec.indexOf('## Conformance with AWS');
  expect(start, 'SPEC.md has a "## Conformance with AWS" section').toBeGreaterThanOrEqual(0);
  const section = spec.slice(start).split(/\n## /)[0] ?? '';
  const lines = section.split('\n').filter((l) => l.trim().startsWith('|'));
  const header = cells(lines[0] ?? '').map((c) => c.toLowerCase());
  expect(header).toEqual(['behaviour', 'aws source', 'sandbox', 'test']);
  return lines.slice(2).map((line) => {
    const [behaviour = '', source = '', sandbox = '', test = ''] = cells(line);
    return { behaviour, source, sandbox, test };
  });
}

describe('the sandbox conformance table', () => {
  const rows = conformanceRows();

  it('has a row per behaviour, each with a behaviour, a sandbox location and no duplicates', () => {
    expect(rows.length).toBeGreaterThan(40);
    for (const row of rows) {
      expect(row.behaviour, 'a row without a behaviour').not.toBe('');
      expect(row.sandbox, row.behaviour).not.toBe('');
    }
    const names = rows.map((r) => r.behaviour);
    expect(new Set(names).size).toBe(names.length);
  });

  it('names an AWS source, as a link, for every row', () => {
    for (const row of rows) {
      expect(row.source, `no source for: ${row.behaviour}`).toMatch(/\]\(https:\/\/[^\s)]+\)/);
    }
  });

  it('says why wherever AWS’s behaviour is unconfirmed', () => {
    for (const row of rows.filter((r) => /unconfirmed/i.test(r.behaviour))) {
      // The word alone is not enough: the sentence after it must say what is not known.
      expect(row.behaviour, row.behaviour).toMatch(/\*\*Unconfirmed\*\*[^.|]*\S{3,}/i);
    }
  });

  it('names a test for every row, and each test file and test exists', () => {
    for (const row of rows) {
      const files = [...row.test.matchAll(/`(test\/[^`]+\.test\.tsx?)`/g)].map((m) => m[1] ?? '');
      expect(files.length, `no test for: ${row.behaviour}`).toBeGreaterThan(0);
      const texts = files.map((file) => {
        expect(existsSync(join(repo, file)), `${file} (row: ${row.behaviour})`).toBe(true);
        return readFileSync(join(repo, file), 'utf8');
      });
      const names = [...row.test.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '');
      expect(names.length, `no test name for: ${row.behaviour}`).toBeGreaterThan(0);
      for (const name of names) {
        expect(
          texts.some((text) => text.includes(name)),
          `test "${name}" not found in ${files.join(', ')}`,
        ).toBe(true);
      }
    }
  });
});
