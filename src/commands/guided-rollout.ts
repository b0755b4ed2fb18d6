/**
 * Runs the guided rollout for a command: picks the host, builds the AppContext exactly as every
 * other command does (flags + env credentials), and closes the host before anything else prints.
 */
import { resolve } from 'node:path';
import { Argument, type Command } from 'commander';
import { createAppContext } from '../app/create-app-context.js';
import { type RolloutResult, runRollout } from '../app/rollout.js';
import { createRolloutSteps } from '../app/rollout-steps.js';
import type { LoadedConfig } from '../config/load-config.js';
import { closestMatches } from '../core/model/suggest.js';
import { NonInteractiveError } from '../errors.js';
import type { CliContext, GlobalOptions } from './context.js';
import { createHost } from './create-host.js';
import { commandPrefix } from './write-context.js';

export interface GuidedRolloutInput {
  title: string;
  /** Flags to use instead of the command line's (the demo points --endpoint-url at its sandbox). */
  globals?: Partial<GlobalOptions>;
  /** Environment to use instead of the process's (the demo's sandbox credentials). */
  env?: Record<string, string | undefined>;
  loaded?: LoadedConfig;
  /** Answer every confirmation with yes (also implied for the demo without a terminal). */
  yes?: boolean;
  offerVerifyAgain?: boolean;
  /** How to invoke the tool again in a resume command (default: guardrails + connection flags). */
  commandPrefix?: string;
  /** How a stopped run tells the resume command. */
  describeResume?: (command: string) => string;
}

export async function runGuidedRollout(
  ctx: CliContext,
  command: Command,
  input: GuidedRolloutInput,
): Promise<RolloutResult> {
  const globals = { ...ctx.globals(command), ...input.globals };
  const mode = ctx.mode(command);
  const yes = input.yes ?? globals.yes === true;
  // Nobody can answer the confirmation: say so before reading the organization, not after.
  if (!yes && !mode.interactive) {
    throw new NonInteractiveError(
      'The guided rollout',
      '--yes (or run `guardrails plan` to only see what would change)',
    );
  }
  const loaded = input.loaded ?? (await ctx.loadConfig(command));
  // Ctrl-C in the ink UI arrives as a key, not SIGINT: both stop the run through this signal.
  const controller = new AbortController();
  const stop = () => controller.abort(ctx.io.signal.reason);
  if (ctx.io.signal.aborted) stop();
  else ctx.io.signal.addEventListener('abort', stop, { once: true });
  const host = await createHost(ctx.io, mode, {
    title: input.title,
    onInterrupt: () => controller.abort(),
  });
  const appCtx = createAppContext({
    globals,
    io: { env: input.env ?? ctx.io.env, signal: controller.signal },
    loaded,
    host,
  });
  try {
    // Journals and reports land next to where the command runs (the config stays untouched:
    // its hash is what `apply --resume` checks).
    const steps = createRolloutSteps({
      reportsDir: resolve(ctx.io.cwd, loaded.config.reports.dir),
      interactive: mode.interactive,
      yes,
      cwd: ctx.io.cwd,
      commandPrefix: input.commandPrefix ?? commandPrefix(ctx, command),
    });
    const result = await runRollout(appCtx, steps, {
      yes,
      offerVerifyAgain: (input.offerVerifyAgain ?? false) && mode.interactive,
      ...(globals.allowAtRisk ? { allowAtRisk: globals.allowAtRisk } : {}),
      chooseStage:
        mode.interactive &&
        !yes &&
        globals.stage === undefined &&
        loaded.config.rollout.stage === undefined,
      ...(input.describeResume ? { describeResume: input.describeResume } : {}),
      interactive: mode.interactive,
    });
    ctx.exitCode = result.exitCode;
    return result;
  } finally {
    await host.close();
    appCtx.gateways.close?.();
    ctx.io.signal.removeEventListener('abort', stop);
  }
}

/** `guardrails` with no command: the guided rollout; `--help` and subcommands are unchanged. */
export function registerGuidedRollout(program: Command, ctx: CliContext): void {
  // With a default action commander no longer reports unknown commands itself: an optional
  // operand does, while parsing (so it also holds when actions are not run).
  const unknownCommand = new Argument('[command]').argParser((name: string) => {
    const near = closestMatches(
      name,
      program.commands.map((c) => c.name()),
      1,
    );
    program.error(
      `error: unknown command '${name}'${near[0] ? `\n(Did you mean ${near[0]}?)` : ''}`,
      {
        code: 'commander.unknownCommand',
      },
    );
  });
  program
    .usage('[options] [command]')
    .addArgument(unknownCommand)
    .helpCommand(true)
    .action(async (_command: unknown, _options: unknown, command: Command) => {
      await runGuidedRollout(ctx, command, { title: 'guardrails · guided rollout' });
    });
}
