import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, type ProcessRun, runProcess, startProcess } from '../_helpers/run-process.js';

// The real install path of a user: `npm pack` (prepack builds dist/), then `npm install <tgz>` into
// a fresh project outside this repo, so nothing can resolve to the checkout's sources or modules.
const repo = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
const SETUP_TIMEOUT = 240_000;
const STEP_TIMEOUT = 60_000;

let work: string;
let project: string;
let packedFiles: string[];
let commands: string[];

function guardrails(args: string[], cwd: string = project): Promise<ProcessRun> {
  return runProcess('npx', ['guardrails', ...args], { cwd, timeoutMs: STEP_TIMEOUT });
}

function mustSucceed(run: ProcessRun, what: string): void {
  if (run.code !== 0) {
    throw new Error(
      `${what} exited ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`,
    );
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'guardrails-pack-'));
  project = join(work, 'project');
  const pack = await runProcess('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: repo,
    timeoutMs: SETUP_TIMEOUT,
  });
  mustSucceed(pack, 'npm pack');
  // npm pack --json prints the lifecycle (prepack → build) output first; the JSON array is last.
  const json = pack.stdout.slice(pack.stdout.lastIndexOf('\n[') + 1);
  const [info] = JSON.parse(json) as [{ filename: string; files: { path: string }[] }];
  packedFiles = info.files.map((f) => f.path);

  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'guardrails-consumer', private: true, type: 'module' })}\n`,
  );
  const install = await runProcess(
    'npm',
    ['install', join(work, info.filename), '--prefer-offline', '--no-audit', '--no-fund'],
    { cwd: project, timeoutMs: SETUP_TIMEOUT },
  );
  mustSucceed(install, 'npm install <tarball>');
  const help = await guardrails(['--help']);
  commands = [...help.stdout.matchAll(/^ {2}(\w[\w-]*)/gm)].map((m) => m[1] ?? '');
}, SETUP_TIMEOUT);

/** `KEY=value` / `export KEY=value` lines a command printed, as an env object. */
function envLines(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of text.matchAll(
    /^(?:export |\$env:|set )?(AWS_[A-Z_]+)=["']?([^"'\s]+)["']?\s*$/gm,
  )) {
    env[m[1] as string] = m[2] as string;
  }
  return env;
}

// Removing an installed node_modules is slow on a busy disk: give it the setup's budget.
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
}, SETUP_TIMEOUT);

describe('the packed npm package, installed into a fresh project', {
  timeout: STEP_TIMEOUT,
}, () => {
  it('ships built JavaScript, templates and user docs, not sources or tests', () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining([
        'bin/guardrails.js',
        'dist/main.js',
        'dist/index.js',
        'dist/index.d.ts',
        'templates/scp/deny-imdsv1.json',
        'docs/config.md',
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        'package.json',
      ]),
    );
    expect(packedFiles.filter((f) => /^(src|test|scripts|bench)\//.test(f))).toEqual([]);
    expect(packedFiles.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('runs `npx guardrails --help` and `--version` without TypeScript tooling', async () => {
    // Given the installed package (tsx is a devDependency, so it is not installed here)
    const tsx = await runProcess('node', ['-e', "import('tsx').then(() => process.exit(3))"], {
      cwd: project,
    });
    expect(tsx.code).not.toBe(3);
    // When / Then
    const help = await guardrails(['--help']);
    mustSucceed(help, 'guardrails --help');
    expect(help.stdout).toContain('Usage: guardrails [options] [command]');
    const version = await guardrails(['--version']);
    mustSucceed(version, 'guardrails --version');
    expect(version.stdout.trim()).toBe(pkg.version);
  });

  it('loads a guardrails.config.ts that imports defineConfig from org-guardrails', async () => {
    // Given a TypeScript config in the consumer project
    writeFileSync(
      join(project, 'guardrails.config.ts'),
      [
        "import { defineConfig } from 'org-guardrails';",
        '',
        'export default defineConfig({',
        "  organization: { memberRoleName: 'PlatformAdmin' },",
        '  imdsDefaults: { httpPutResponseHopLimit: 1 },',
        '});',
        '',
      ].join('\n'),
    );
    // When
    const run = await guardrails(['config']);
    // Then the resolved config has the user's values and the defaults
    mustSucceed(run, 'guardrails config');
    const config = JSON.parse(run.stdout) as {
      organization: { memberRoleName: string };
      imdsDefaults: { httpTokens: string; httpPutResponseHopLimit: number };
    };
    expect(config.organization.memberRoleName).toBe('PlatformAdmin');
    expect(config.imdsDefaults).toEqual({ httpTokens: 'required', httpPutResponseHopLimit: 1 });
    expect(run.stderr).toContain(join(project, 'guardrails.config.ts'));
  });

  it('reports a bad config value with its path and exit 1, without a stack trace', async () => {
    // Given a config with a bad enum, in a directory of its own
    const dir = join(work, 'bad-config');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'guardrails.config.mjs'),
      "export default { imdsDefaults: { httpTokens: 'yes' } };\n",
    );
    // When the installed binary runs there
    const bin = join(project, 'node_modules', '.bin', 'guardrails');
    const run = await runProcess(bin, ['config'], { cwd: dir, timeoutMs: STEP_TIMEOUT });
    // Then
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('imdsDefaults.httpTokens');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('finds the shipped SCP template from dist/', async () => {
    // Given the built loader inside the installed package
    const installed = join(project, 'node_modules', 'org-guardrails');
    const loader = pathToFileURL(join(installed, 'dist', 'config', 'load-templates.js')).href;
    const script = `const m = await import(${JSON.stringify(loader)});
      const t = m.loadTemplates();
      console.log(JSON.stringify({ root: m.packageRoot(), ids: t.scp.statements.map((s) => s.id) }));`;
    // When it runs from dist/
    const run = await runProcess('node', ['--input-type=module', '-e', script], { cwd: project });
    // Then it resolves the installed package root and reads the template there
    mustSucceed(run, 'loadTemplates from dist');
    const out = JSON.parse(run.stdout) as { root: string; ids: string[] };
    expect(out.root).toBe(installed);
    expect(out.ids).toContain('base');
  });

  it('type-checks a consumer config against the shipped declarations', async () => {
    // Given a strict tsconfig in the consumer project, one good config and one with a typo (tsc
    // itself comes from this repo: it is a tool, not something the installed package needs)
    const dir = join(work, 'typecheck');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2023',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
          typeRoots: [],
          baseUrl: '.',
          paths: { 'org-guardrails': [join(project, 'node_modules', 'org-guardrails')] },
        },
        files: ['good.config.ts', 'typo.config.ts'],
      }),
    );
    writeFileSync(
      join(dir, 'good.config.ts'),
      "import { defineConfig } from 'org-guardrails';\n" +
        "export default defineConfig({ scope: { regions: ['eu-west-1'] }, scp: { enabled: false } });\n",
    );
    writeFileSync(
      join(dir, 'typo.config.ts'),
      "import { defineConfig } from 'org-guardrails';\n" +
        "export default defineConfig({ imdsDefaults: { httpTokens: 'yes' } });\n",
    );
    // When
    const tsc = join(repo, 'node_modules', '.bin', 'tsc');
    const run = await runProcess(tsc, ['-p', dir], { cwd: dir, timeoutMs: STEP_TIMEOUT });
    // Then the good config passes and only the typo is flagged
    const errors = run.stdout.split('\n').filter((line) => line.includes('error TS'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('typo.config.ts');
  });

  it('starts `guardrails sandbox` and runs `guardrails verify` against it', async () => {
    expect(commands).toEqual(expect.arrayContaining(['sandbox', 'verify']));
    // Given the installed binary serving the demo organization on a free port
    const bin = join(project, 'node_modules', '.bin', 'guardrails');
    const sandbox = startProcess(bin, ['sandbox', '--port', '0', '--scenario', 'demo'], {
      cwd: project,
    });
    try {
      await sandbox.waitFor(/AWS_SECRET_ACCESS_KEY=\S+/, STEP_TIMEOUT / 2);
      const env = envLines(sandbox.output());
      expect(env.AWS_ENDPOINT_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // When verify runs against it with the printed env lines (and nothing else of AWS)
      // (in a directory of its own: no config file, so the defaults apply)
      const cwd = join(work, 'verify');
      mkdirSync(cwd, { recursive: true });
      const outDir = join(cwd, 'reports');
      const run = await runProcess(
        bin,
        [
          'verify',
          '--no-interactive',
          '--format',
          'junit',
          '--format',
          'markdown',
          '--out-dir',
          outDir,
        ],
        { cwd, env: { ...cleanEnv(), ...env }, timeoutMs: STEP_TIMEOUT },
      );
      // Then the demo org's drift is reported as findings (exit 2) in both formats
      expect(run.code, run.stderr).toBe(2);
      const written = readdirSync(outDir);
      const junit = written.find((f) => f.endsWith('.xml'));
      const markdown = written.find((f) => f.endsWith('.md'));
      expect(readFileSync(join(outDir, junit ?? 'missing.xml'), 'utf8')).toMatch(
        /<testsuite[\s\S]*<failure/,
      );
      // payments-prod has no defaults set in the demo organization
      expect(readFileSync(join(outDir, markdown ?? 'missing.md'), 'utf8')).toContain(
        'payments-prod',
      );
    } finally {
      await sandbox.stop();
    }
  });
});
