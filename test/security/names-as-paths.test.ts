/**
 * Issue 18 point 4: a policy name was used as a file name in the evidence bundle, so
 * `"../../../../x"` wrote outside it and a NUL crashed half-way. Names are now validated like
 * AWS names in the config, and the bundle uses fixed file names whatever the name.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkEvidenceBundle, writeEvidenceBundle } from '../../src/app/evidence.js';
import { validate } from '../../src/config/load-config.js';
import type { DesiredState } from '../../src/core/desired/types.js';
import { ConfigError } from '../../src/errors.js';
import { smallVerifyReport } from '../_fixtures/verify-reports.js';

const HOSTILE = ['../../../../x', 'a\u0000b', 'Deny\u001b[2JIMDS', 'a/b', '', 'x'.repeat(129)];

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('policy names', () => {
  for (const name of HOSTILE) {
    it(`the config refuses scp.name ${JSON.stringify(name.slice(0, 20))}`, () => {
      const error = (() => {
        try {
          validate({ scp: { name } }, 'guardrails.config.json');
        } catch (err) {
          return err;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect(JSON.stringify((error as ConfigError).issues)).toContain('scp.name');
      expect(JSON.stringify((error as ConfigError).issues)).toContain('+=,.@-_');
    });
    it(`the config refuses declarative.name ${JSON.stringify(name.slice(0, 20))}`, () => {
      expect(() => validate({ declarative: { name } }, undefined)).toThrow(ConfigError);
    });
  }

  it('accepts every character AWS IAM-style names allow', () => {
    const config = validate({ scp: { name: 'Deny_IMDSv1+=,.@-x' } }, undefined);
    expect(config.scp.name).toBe('Deny_IMDSv1+=,.@-x');
  });

  it('the evidence bundle never builds a path from a policy name', () => {
    const root = mkdtempSync(join(tmpdir(), 'guardrails-names-'));
    dirs.push(root);
    const dir = join(root, 'a', 'b', 'bundle');
    // A desired state that bypassed the schema: the writer must still stay inside the bundle.
    const desired = {
      imds: { httpTokens: 'required' },
      includeManagementAccount: false,
      scp: { name: '../../../../escaped', content: '{"Version":"2012-10-17"}' },
      declarative: { name: 'nul\u0000name', content: '{}' },
    } as unknown as DesiredState;
    writeEvidenceBundle({
      dir,
      report: smallVerifyReport(),
      desired,
      journals: [],
      toolVersion: 'test',
      generatedAt: '2026-12-05T00:00:00.000Z',
    });
    expect(readdirSync(join(dir, 'policies')).sort()).toEqual([
      'declarative-policy.json',
      'scp.json',
    ]);
    expect(existsSync(join(root, 'escaped.scp.json'))).toBe(false);
    expect(readdirSync(root)).toEqual(['a']);
    expect(checkEvidenceBundle(dir).ok).toBe(true);
  });
});
