import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIRS, generateDocs } from '../../scripts/docs/generate.js';
import { buildProgram } from '../../src/cli.js';
import { createContext } from '../../src/commands/context.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const FIX = 'the generated docs are out of date: run npm run docs and commit the result';

describe('generated docs', () => {
  const files = generateDocs();

  it.each([...files.keys()])('%s matches the CLI definitions and the config schema', (path) => {
    // Given the committed file / When regenerated in memory / Then they are identical
    const file = join(repo, path);
    expect(existsSync(file), `${path} is missing: ${FIX}`).toBe(true);
    expect(readFileSync(file, 'utf8'), `${path} differs: ${FIX}`).toBe(files.get(path));
  });

  it('has no stale page for a command that no longer exists', () => {
    for (const dir of GENERATED_DIRS) {
      const stale = readdirSync(join(repo, dir)).filter((name) => !files.has(`${dir}/${name}`));
      expect(stale, `stale files in ${dir}: ${FIX}`).toEqual([]);
    }
  });

  it('has one page per command, listing each of its options', () => {
    // Given the real program
    const program = buildProgram(
      createContext({
        stdout: { write: () => true },
        stderr: { write: () => true },
        stdin: process.stdin,
        env: {},
        cwd: repo,
        signal: new AbortController().signal,
      }),
    );
    // Then every command has a page naming every visible option flag
    for (const command of program.commands) {
      const page = files.get(`docs/commands/${command.name()}.md`);
      expect(page, command.name()).toBeDefined();
      for (const option of command.options.filter((o) => !o.hidden)) {
        expect(page, `${command.name()} ${option.flags}`).toContain(option.flags);
      }
    }
  });

  it('documents every config field with its default', () => {
    const page = files.get('docs/config.md') ?? '';
    for (const field of [
      'organization.memberRoleName',
      'scope.regions',
      'scp.companions.protectDefaults.adminRoleArns',
      'imdsDefaults.httpTokens',
      'rollout.waves[].rest',
      'reports.formats',
    ]) {
      expect(page).toContain(`\`${field}\``);
    }
    expect(page).toMatch(/`imdsDefaults.httpPutResponseHopLimit` \| integer \| `2` \| 1 to 64/);
    expect(page).toContain('one of `"required"`, `"optional"`');
  });
});
