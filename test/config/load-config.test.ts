import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/errors.js';
import { runCliCaptured } from '../_helpers/run-cli.js';
import { tempDir } from '../_helpers/temp-dir.js';

const header = "import { defineConfig } from 'org-guardrails';\n";

async function configErrorOf(files: Record<string, string>, path?: string): Promise<ConfigError> {
  const cwd = tempDir(files);
  try {
    await loadConfig({ cwd, path });
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('resolves defaults when there is no config file', async () => {
    // Given an empty directory / When loading / Then the defaults apply
    const { config, file } = await loadConfig({ cwd: tempDir() });
    expect(file).toBeUndefined();
    expect(config.imdsDefaults).toEqual({ httpTokens: 'required', httpPutResponseHopLimit: 2 });
    expect(config.organization.memberRoleName).toBe('OrganizationAccountAccessRole');
    expect(config.scope.regions).toBe('enabled');
  });

  it('loads a TypeScript config that imports defineConfig from org-guardrails', async () => {
    const cwd = tempDir({
      'guardrails.config.ts': `${header}export default defineConfig({ imdsDefaults: { httpPutResponseHopLimit: 1 } });\n`,
    });
    const { config, file } = await loadConfig({ cwd });
    expect(file).toBe(join(cwd, 'guardrails.config.ts'));
    expect(config.imdsDefaults.httpPutResponseHopLimit).toBe(1);
  });

  it.each([
    ['guardrails.config.js', 'export default { organization: { memberRoleName: "GuardRole" } };'],
    ['guardrails.config.mjs', 'export default { organization: { memberRoleName: "GuardRole" } };'],
    ['guardrails.config.json', '{ "organization": { "memberRoleName": "GuardRole" } }'],
  ])('loads %s', async (name, content) => {
    const { config } = await loadConfig({ cwd: tempDir({ [name]: content }) });
    expect(config.organization.memberRoleName).toBe('GuardRole');
  });

  it('honours an explicit --config path', async () => {
    const cwd = tempDir({ 'other.json': '{ "reports": { "dir": "out" } }' });
    const { config } = await loadConfig({ cwd, path: 'other.json' });
    expect(config.reports.dir).toBe('out');
  });

  it('names a missing file', async () => {
    const err = await configErrorOf({}, 'nope.ts');
    expect(err.message).toMatch(/Config file not found: .*nope\.ts/);
  });

  it('reports a syntax error with the file name', async () => {
    const err = await configErrorOf({
      'guardrails.config.ts': `${header}export default defineConfig({ scope: { ] });`,
    });
    expect(err.message).toMatch(/^Cannot load guardrails\.config\.ts: /);
    expect(err.file).toMatch(/guardrails\.config\.ts$/);
  });

  it('reports a JSON syntax error', async () => {
    const err = await configErrorOf({ 'guardrails.config.json': '{ "scope": ' });
    expect(err.message).toMatch(/^Cannot parse guardrails\.config\.json: /);
  });

  it.each([
    [
      'a wrong type',
      '{ organization: { memberRoleName: 42 } }',
      'organization.memberRoleName',
      /expected string, received number/,
    ],
    [
      'an unknown key',
      '{ imdsDefaults: { httpToken: "required" } }',
      'imdsDefaults',
      /unknown key "httpToken"/,
    ],
    [
      'a bad enum',
      '{ imdsDefaults: { httpTokens: "yes" } }',
      'imdsDefaults.httpTokens',
      /expected one of "required"\|"optional", got "yes"/,
    ],
    [
      'a hop limit of 0',
      '{ imdsDefaults: { httpPutResponseHopLimit: 0 } }',
      'imdsDefaults.httpPutResponseHopLimit',
      /between 1 and 64, got 0/,
    ],
    [
      'a hop limit of 65',
      '{ imdsDefaults: { httpPutResponseHopLimit: 65 } }',
      'imdsDefaults.httpPutResponseHopLimit',
      /between 1 and 64, got 65/,
    ],
    [
      'an unknown region',
      '{ scope: { regions: ["us-east-1", "eu-wst-1"] } }',
      'scope.regions[1]',
      /unknown AWS region "eu-wst-1" \(did you mean "eu-west-1"/,
    ],
  ])('rejects %s with the path and what was expected', async (_label, body, path, message) => {
    const err = await configErrorOf({
      'guardrails.config.ts': `${header}export default defineConfig(${body} as never);\n`,
    });
    expect(err.file).toMatch(/guardrails\.config\.ts$/);
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]?.path).toBe(path);
    expect(err.issues[0]?.message).toMatch(message);
  });
});

describe('guardrails config', () => {
  it('prints the resolved config as JSON on stdout', async () => {
    const cwd = tempDir({
      'guardrails.config.json': '{ "imdsDefaults": { "httpTokensEnforced": "enabled" } }',
    });
    const run = await runCliCaptured(['config'], { cwd });
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(printed.imdsDefaults).toEqual({
      httpTokens: 'required',
      httpPutResponseHopLimit: 2,
      httpTokensEnforced: 'enabled',
    });
    expect(run.stderr).toContain('guardrails.config.json');
  });

  it('prints one clear message, exit 1 and no stack trace for a bad config', async () => {
    const cwd = tempDir({
      'guardrails.config.ts': `${header}export default defineConfig({ imdsDefaults: { httpTokens: 'yes' } } as never);\n`,
    });
    const run = await runCliCaptured(['config'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('guardrails.config.ts');
    expect(run.stderr).toContain(
      '! imdsDefaults.httpTokens  Invalid option: expected one of "required"|"optional", got "yes"',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('shows the stack with --debug', async () => {
    const run = await runCliCaptured(['config', '--config', 'missing.ts', '--debug'], {
      cwd: tempDir(),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\n\s+at /);
  });
});
