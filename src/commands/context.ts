import type { Command } from 'commander';
import type { LoadedConfig } from '../config/load-config.js';
import { detectTerminalMode, type TerminalMode } from '../terminal/environment.js';

export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Everything a command may touch of the outside world; tests pass fakes, main.ts the real process. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on Ctrl-C / SIGTERM: long work stops gracefully. */
  signal: AbortSignal;
}

/** Global flags (DESIGN §3), available to every subcommand. */
export interface GlobalOptions {
  config?: string;
  profile?: string;
  region?: string;
  endpointUrl?: string;
  accounts?: string[];
  ous?: string[];
  regions?: string[];
  concurrency?: number;
  /** --stage: the enforcement ring to plan, apply or verify (overrides rollout.stage). */
  stage?: 1 | 2 | 3;
  /** --allow-at-risk: accounts the readiness gate lets through. */
  allowAtRisk?: string[];
  /** --include-org-changes: narrowed runs keep organization-level changes reaching outside. */
  includeOrgChanges?: boolean;
  /** --allow-relaxing: apply relaxing changes without a terminal confirmation. */
  allowRelaxing?: boolean;
  json?: boolean;
  interactive: boolean;
  yes?: boolean;
  debug?: boolean;
  color: boolean;
}

export interface CliContext {
  io: CliIo;
  globals(command: Command): GlobalOptions;
  mode(command: Command): TerminalMode;
  loadConfig(command: Command): Promise<LoadedConfig>;
  /** Set by a command to the exit code it wants (0 when never set). */
  exitCode: number;
}

export function createContext(io: CliIo): CliContext {
  const ctx: CliContext = {
    io,
    exitCode: 0,
    globals: (command) => command.optsWithGlobals<GlobalOptions>(),
    mode: (command) => {
      const g = ctx.globals(command);
      return detectTerminalMode({
        env: io.env,
        stdinIsTTY: io.stdin.isTTY === true,
        stderrIsTTY: io.stderr.isTTY === true,
        flags: { json: g.json, interactive: g.interactive, color: g.color },
      });
    },
    // zod and jiti load only for commands that read the config.
    loadConfig: async (command) => {
      const { loadConfig } = await import('../config/load-config.js');
      const bound = Number(io.env.GUARDRAILS_CONFIG_TIMEOUT_MS);
      return loadConfig({
        path: ctx.globals(command).config,
        cwd: io.cwd,
        signal: io.signal,
        ...(Number.isInteger(bound) && bound > 0 ? { timeoutMs: bound } : {}),
      });
    },
  };
  return ctx;
}
