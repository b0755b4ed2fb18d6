import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { guardrailsArgv, parseWithRealCli, shellWords } from '../_helpers/cli-argv.js';

const read = (path: string): string =>
  readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

type Yaml = Record<string, unknown>;
interface GithubStep {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

/** Every shell line of the scripts in a parsed YAML document (run: blocks, script: lists). */
function shellLines(node: unknown, key = ''): string[] {
  if (typeof node === 'string') {
    if (!['run', 'script', 'before_script', 'after_script'].includes(key)) return [];
    return node.replace(/\\\n/g, ' ').split('\n');
  }
  if (Array.isArray(node)) return node.flatMap((item) => shellLines(item, key));
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([k, v]) => shellLines(v, k));
  }
  return [];
}

const github = parse(read('docs/ci/github-actions-verify.yml')) as Yaml;
const gitlab = parse(read('docs/ci/gitlab-ci-verify.yml')) as Yaml;
const recipes = { 'github-actions-verify.yml': github, 'gitlab-ci-verify.yml': gitlab };

describe('GitHub Actions recipe', () => {
  const steps = (github.jobs as { verify: { steps: GithubStep[] } }).verify.steps;
  const script = steps.map((s) => s.run ?? '').join('\n');

  it('runs on a schedule with an OIDC token and an assumed role', () => {
    const on = github.on as { schedule: { cron: string }[] };
    expect(on.schedule[0]?.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    expect((github.permissions as Yaml)['id-token']).toBe('write');
    const aws = steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(aws?.with?.['role-to-assume']).toBeTruthy();
  });

  it('writes JUnit and Markdown, publishes both and fails on findings', () => {
    expect(script).toMatch(/verify .*--format junit/);
    expect(script).toMatch(/verify .*--format markdown/);
    expect(script).toContain('$GITHUB_STEP_SUMMARY');
    expect(steps.some((s) => JSON.stringify(s.with ?? {}).includes('reports/*.xml'))).toBe(true);
    const gate = steps.find((s) => s.if?.includes("exit-code == '2'"));
    expect(gate?.run).toMatch(/exit [1-9]/);
  });
});

describe('GitLab CI recipe', () => {
  const job = gitlab['guardrails-verify'] as Yaml & {
    rules: { if: string }[];
    artifacts: { when: string; reports: { junit: string } };
  };

  it('runs on a schedule with an OIDC id_token exchanged for role credentials', () => {
    expect(job.rules.some((r) => r.if.includes('"schedule"'))).toBe(true);
    expect(Object.keys(job.id_tokens as Yaml)).toHaveLength(1);
    expect(shellLines(job).join('\n')).toContain('aws sts assume-role-with-web-identity');
  });

  it('keeps the JUnit report as a test report even when the job fails', () => {
    expect(job.artifacts.when).toBe('always');
    expect(job.artifacts.reports.junit).toMatch(/\.xml$/);
  });
});

describe('guardrails command lines in the CI recipes', () => {
  const lines = Object.entries(recipes).flatMap(([file, doc]) =>
    shellLines(doc)
      .map((line) => ({ file, line: line.trim(), argv: guardrailsArgv(line) }))
      .filter((entry) => entry.argv !== undefined),
  );

  it('has at least one per recipe', () => {
    expect(new Set(lines.map((l) => l.file))).toEqual(new Set(Object.keys(recipes)));
  });

  it.each(lines)('$file: $line parses with the real CLI definitions', async ({ argv }) => {
    const error = await parseWithRealCli(argv ?? []);
    expect(error).toBeUndefined();
  });
});

describe('the command-line checker itself', () => {
  it('splits words like a shell and finds the guardrails argv', () => {
    expect(shellWords(`npx --yes org-guardrails verify --out "a b" # note`)).toEqual([
      'npx',
      '--yes',
      'org-guardrails',
      'verify',
      '--out',
      'a b',
    ]);
    expect(guardrailsArgv('npx --yes org-guardrails verify --json')).toEqual(['verify', '--json']);
    expect(guardrailsArgv('echo guardrails')).toBeUndefined();
    expect(guardrailsArgv('guardrails verify --format json > out.json')).toEqual([
      'verify',
      '--format',
      'json',
    ]);
    expect(guardrailsArgv('guardrails plan --json | jq .summary')).toEqual(['plan', '--json']);
  });

  it('rejects an unknown flag and an unknown command', async () => {
    expect(await parseWithRealCli(['config', '--no-such-flag'])).toContain(
      "unknown option '--no-such-flag'",
    );
    expect(await parseWithRealCli(['no-such-command'])).toContain(
      "unknown command 'no-such-command'",
    );
    expect(await parseWithRealCli(['config', '--concurrency', '2'])).toBeUndefined();
  });
});
