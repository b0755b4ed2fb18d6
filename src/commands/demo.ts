/**
 * `guardrails demo`: a sandbox organization in-process, then the guided rollout against it. The
 * tool reaches the sandbox like any AWS endpoint — --endpoint-url plus credentials in the
 * environment, handed to the same AppContext factory — so the demo runs the production path.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { shellQuote } from '../app/run-plan.js';
import { CONFIG_FILE_NAMES, type LoadedConfig, loadConfig } from '../config/load-config.js';
import type { CliContext } from './context.js';
import { demoResumeNote, demoRollbackNote } from './demo-notes.js';
import { runGuidedRollout } from './guided-rollout.js';
import { shownPath } from './write-context.js';

/** Credentials and profile settings of the real environment must not leak into the demo. */
const AWS_ENV_TO_DROP = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_ROLE_ARN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
];

function parseLatency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number ≥ 0.');
  return n;
}

/** --config if given, else the example config shipped with the package, else the defaults. */
async function demoConfig(ctx: CliContext, command: Command): Promise<LoadedConfig> {
  if (ctx.globals(command).config) return ctx.loadConfig(command);
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const example = CONFIG_FILE_NAMES.map((name) => `${root}${name}`).find((p) => existsSync(p));
  return loadConfig({ cwd: root, ...(example ? { path: example } : {}) });
}

/**
 * How to invoke this checkout's (or package's) launcher from the working directory: `guardrails`
 * is not on PATH in a checkout, the launcher always is where this file is.
 */
function launcher(cwd: string): string {
  const bin = fileURLToPath(new URL('../../bin/guardrails.js', import.meta.url));
  return `node ${shellQuote(shownPath(cwd, bin))}`;
}

export function registerDemoCommand(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description(
      'Start a sandbox AWS organization in-process and run the guided rollout against it (no AWS account needed).',
    )
    .addOption(
      new Option('--latency-ms <ms>', 'latency the sandbox adds to every AWS call')
        .argParser(parseLatency)
        .default(25),
    )
    .addHelpText(
      'after',
      '\nThe sandbox is the `demo` organization (13 accounts, nested OUs, seeded drift) on 127.0.0.1.\n' +
        'Without a terminal (or with CI set) the demo runs end to end with --yes and the CI renderer.',
    )
    .action(async (options: { latencyMs: number }, command: Command) => {
      const loaded = await demoConfig(ctx, command);
      const { startSandbox } = await import('../sandbox/index.js');
      const sandbox = await startSandbox({
        scenario: 'demo',
        port: 0,
        latencyMs: options.latencyMs,
      });
      try {
        const env = { ...ctx.io.env };
        for (const name of AWS_ENV_TO_DROP) delete env[name];
        Object.assign(env, sandbox.env);
        const interactive = ctx.mode(command).interactive;
        const node = launcher(ctx.io.cwd);
        // Nobody to ask: the demo approves its own relaxing change (network's hop limit 1 → 2)
        // and says so; in a terminal the question is asked like in any rollout.
        if (!interactive) {
          ctx.io.stderr.write(
            "No terminal: the demo applies every wave (--yes) and allows the demo's relaxing changes (--allow-relaxing).\n",
          );
        }
        const result = await runGuidedRollout(ctx, command, {
          title: `guardrails demo · sandbox organization at ${sandbox.url}`,
          globals: {
            endpointUrl: sandbox.url,
            region: sandbox.region,
            profile: undefined,
            ...(interactive ? {} : { allowRelaxing: true }),
          },
          env,
          loaded,
          yes: ctx.globals(command).yes === true || !interactive,
          offerVerifyAgain: true,
          commandPrefix: node,
          describeResume: (resume) => demoResumeNote(resume, node),
        });
        // A partial run the rollout finished (failures, a declined wave): the note comes last.
        // (Ctrl-C ends in a UserAbortError carrying the same note.)
        if (result.apply?.resumeCommand && !ctx.globals(command).json) {
          ctx.io.stderr.write(`${demoResumeNote(result.apply.resumeCommand, node)}\n`);
        } else if (!ctx.globals(command).json) {
          // After the final verify: how to try the rollback, which the demo's sandbox cannot host.
          const config = loaded.file ? shownPath(ctx.io.cwd, loaded.file) : undefined;
          ctx.io.stderr.write(`${demoRollbackNote(node, config)}\n`);
        }
      } finally {
        await sandbox.close();
      }
    });
}
