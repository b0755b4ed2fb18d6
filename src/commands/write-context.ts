/** What plan/apply/rollback share: the AppContext, the host for this terminal, where journals go. */
import { isAbsolute, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import type { AppContext } from '../app/context.js';
import { createAppContext } from '../app/create-app-context.js';
import type { RunOptions } from '../app/run-plan.js';
import { shellQuote } from '../app/run-plan.js';
import type { Host } from '../events/host.js';
import type { StepName } from '../events/types.js';
import type { CliContext } from './context.js';
import { createHost } from './create-host.js';

export interface WriteContext {
  app: AppContext;
  run: RunOptions;
  interactive: boolean;
  /** Release the host (final frame) and the SDK sockets. */
  close(): Promise<void>;
}

/** The connection flags a resume command must repeat. */
export function commandPrefix(ctx: CliContext, command: Command): string {
  const g = ctx.globals(command);
  const parts = ['guardrails'];
  if (g.profile) parts.push('--profile', shellQuote(g.profile));
  if (g.region) parts.push('--region', shellQuote(g.region));
  if (g.endpointUrl) parts.push('--endpoint-url', shellQuote(g.endpointUrl));
  return parts.join(' ');
}

/** A path as the user would type it: relative to the working directory when inside it. */
export function shownPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

interface HostChoice {
  host: Host;
  close: () => Promise<void>;
}

/**
 * ink for a person at a terminal, NDJSON on stdout with --json (unless stdout carries a JSON
 * result, like `plan --json`), otherwise listr2 lines on stderr.
 */
async function chooseHost(
  ctx: CliContext,
  command: Command,
  title: string,
  controller: AbortController,
  jsonResultOnStdout: boolean,
  checklist?: { step: StepName; title: string }[],
): Promise<HostChoice> {
  const host = await createHost(ctx.io, ctx.mode(command), {
    title,
    onInterrupt: () => controller.abort(),
    jsonEvents: !jsonResultOnStdout,
    ...(checklist ? { checklist } : {}),
  });
  return { host, close: () => host.close() };
}

export async function createWriteContext(
  ctx: CliContext,
  command: Command,
  options: {
    title: string;
    jsonResultOnStdout?: boolean;
    /** The ink UI's steps (default: the guided rollout's checklist). */
    checklist?: { step: StepName; title: string }[];
  },
): Promise<WriteContext> {
  const globals = ctx.globals(command);
  const mode = ctx.mode(command);
  const loaded = await ctx.loadConfig(command);
  // Ctrl-C reaches us through io.signal, or through ink (raw mode swallows SIGINT).
  const controller = new AbortController();
  const forward = () => controller.abort(ctx.io.signal.reason);
  if (ctx.io.signal.aborted) forward();
  else ctx.io.signal.addEventListener('abort', forward, { once: true });
  const { host, close } = await chooseHost(
    ctx,
    command,
    options.title,
    controller,
    options.jsonResultOnStdout === true,
    options.checklist,
  );
  const app = createAppContext({
    globals,
    io: { env: ctx.io.env, signal: controller.signal },
    loaded,
    host,
  });
  return {
    app,
    interactive: mode.interactive,
    run: {
      reportsDir: resolve(ctx.io.cwd, loaded.config.reports.dir),
      interactive: mode.interactive,
      yes: globals.yes === true,
      commandPrefix: commandPrefix(ctx, command),
      showPath: (path) => shownPath(ctx.io.cwd, path),
    },
    close: async () => {
      ctx.io.signal.removeEventListener('abort', forward);
      await close().catch(() => {});
      app.gateways.close?.();
    },
  };
}
