/**
 * Picks the one host of this process run. Commands that change things (apply, the guided
 * rollout, rollback, demo) take it from the terminal mode (src/terminal/environment.ts): `--json`
 * → NDJSON on stdout; a person at a terminal → the ink UI on stderr; otherwise (no TTY, CI set,
 * --no-interactive) → listr2's simple renderer on stderr. ink and listr2 never share a run.
 * The read-only commands (discover, verify, readiness, prove) print a document on stdout (with
 * `--json`, the document as JSON) and take the read host: progress lines on stderr, in every mode.
 * docs/json-output.md states the rule.
 */
import type { Host } from '../events/host.js';
import type { StepName } from '../events/types.js';
import type { TerminalMode } from '../terminal/environment.js';
import type { CliIo } from './context.js';
import { ReadHost } from './read-host.js';

export interface ClosableHost extends Host {
  /** Flushes the last output and releases the terminal; call before printing anything else. */
  close(): Promise<void>;
}

export interface CreateHostOptions {
  /** The ink UI's heading. */
  title: string;
  /** Ctrl-C in the ink UI (raw mode: no SIGINT reaches the process): stop gracefully. */
  onInterrupt: () => void;
  /** false when stdout carries a JSON result (`plan --json`): progress then goes to listr2 lines. */
  jsonEvents?: boolean;
  /** The ink UI's steps, listed from the start (default: the guided rollout's checklist). */
  checklist?: { step: StepName; title: string }[];
}

/**
 * Each host is imported only when chosen: ink and react cost ~85 MB and most of a second of
 * start-up, which a CI run or `--json` never needs (and the listr2 host is not needed in a TTY).
 */
export async function createHost(
  io: CliIo,
  mode: TerminalMode,
  options: CreateHostOptions,
): Promise<ClosableHost> {
  if (mode.json && options.jsonEvents !== false) {
    const { JsonHost } = await import('../ci/json-host.js');
    return new JsonHost(io.stdout);
  }
  if (mode.interactive) {
    const { InkHost } = await import('../ui/ink-host.js');
    return new InkHost({
      title: options.title,
      color: mode.color,
      onInterrupt: options.onInterrupt,
      ...(options.checklist ? { checklist: options.checklist } : {}),
      stderr: io.stderr as NodeJS.WriteStream,
      stdin: io.stdin as NodeJS.ReadStream,
    });
  }
  const { ListrHost } = await import('../ci/listr-host.js');
  return new ListrHost(io.stderr, { color: mode.color });
}

/** The host of the read-only commands: progress lines on stderr, nothing asked (see above). */
export function createReadHost(io: CliIo): Host {
  return new ReadHost({ stderr: io.stderr });
}
