import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli.js';
import { type CliIo, createContext } from '../../src/commands/context.js';

/**
 * Splits a shell command line into the words of its first command: quotes group, `\`-newlines
 * join, a `#` word starts a comment, a redirection or `|`/`&&`/`;` ends it. Enough for the command lines in docs and CI recipes (no expansions are performed).
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(#.*$)|(\S+)/g;
  for (const m of line.replace(/\\\n/g, ' ').matchAll(re)) {
    if (m[3] !== undefined) break;
    // A redirection or the next command in a pipeline/list ends this command's words.
    if (m[4] !== undefined && /^(\d?>>?|<|\||\|\||&&|;|&)/.test(m[4])) break;
    words.push(m[1] ?? m[2] ?? m[4] ?? '');
  }
  return words;
}

/** The guardrails argv in a line like `npx --yes org-guardrails verify --format junit`, if any. */
export function guardrailsArgv(line: string): string[] | undefined {
  const words = shellWords(line);
  const at = words.findIndex((w) => w === 'guardrails' || w === 'org-guardrails');
  if (at < 0) return undefined;
  const before = words.slice(0, at);
  // Only a command position counts: start of line, after npx/npm exec flags, or after a pipe/&&.
  const launcher = before.filter((w) => !w.startsWith('-'));
  const ok =
    launcher.length === 0 ||
    ['npx', 'exec', 'run', '&&', '||', ';', '|'].includes(launcher[launcher.length - 1] ?? '');
  return ok ? words.slice(at + 1) : undefined;
}

/** Streams that swallow everything: for building the program without running it. */
export function nullIo(): CliIo {
  return {
    stdout: { write: () => true },
    stderr: { write: () => true },
    stdin: new PassThrough(),
    env: {},
    cwd: process.cwd(),
    signal: new AbortController().signal,
  };
}

/**
 * Parses argv with the real commander definitions, with every action and hook disabled, so only
 * the parsing runs. Resolves to the error message for an unknown command/flag or a bad value.
 */
export async function parseWithRealCli(argv: string[]): Promise<string | undefined> {
  let stderr = '';
  const io = nullIo();
  io.stderr = { write: (chunk: string) => (stderr += chunk) };
  const program = buildProgram(createContext(io));
  disableActions(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return undefined;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return undefined;
    return stderr.trim() || String(err);
  }
}

function disableActions(command: Command): void {
  // Replace only existing actions: adding one to the program would change how it parses.
  const internals = command as unknown as { _actionHandler: unknown };
  if (internals._actionHandler) command.action(() => {});
  // Hooks (preAction/postAction) may do real work such as reading config; parsing needs none.
  (command as unknown as { _lifeCycleHooks: Record<string, unknown> })._lifeCycleHooks = {};
  for (const sub of command.commands) disableActions(sub);
}
