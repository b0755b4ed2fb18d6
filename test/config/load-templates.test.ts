import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTemplates, packageRoot } from '../../src/config/load-templates.js';
import { ConfigError } from '../../src/errors.js';
import { tempDir } from '../_helpers/temp-dir.js';

describe('loadTemplates', () => {
  it('reads the shipped SCP template with a why for every statement', () => {
    const { scp } = loadTemplates();
    expect(scp.version).toBe('2012-10-17');
    expect(scp.statements.map((s) => s.id)).toEqual([
      'base',
      'maxHopLimit',
      'denyMetadataOptionsRelaxing',
      'requireRoleDelivery',
      'protectDefaults',
    ]);
    for (const s of scp.statements) expect(s.why.length).toBeGreaterThan(20);
  });

  it('finds the package root from a module nested anywhere below it (src/ or dist/)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), '{}');
    mkdirSync(join(dir, 'dist', 'chunks'), { recursive: true });
    expect(packageRoot(pathToFileURL(join(dir, 'dist', 'chunks', 'cli.js')).href)).toBe(dir);
  });

  it('says which template is malformed', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'templates', 'scp'), { recursive: true });
    writeFileSync(join(dir, 'templates', 'scp', 'deny-imdsv1.json'), '{"version":"2012-10-17"}');
    expect(() => loadTemplates(dir)).toThrow(ConfigError);
    expect(() => loadTemplates(dir)).toThrow(/deny-imdsv1.json is malformed/);
  });
});
