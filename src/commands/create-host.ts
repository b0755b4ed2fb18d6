/**
 * Picks the one host of this process run from the terminal mode (src/terminal/environment.ts):
 * `--json` → NDJSON on stdout; a person at a terminal → the ink UI on stderr; otherwise (no TTY,
 * CI set, --no-interactive) → listr2's simple renderer on stderr. ink and listr2 never share a run.
 */
import { JsonHost } from '../ci/json-host.js';
import { ListrHost } from '../ci/listr-host.js';
import type { Host } from '../events/host.js';
import type { TerminalMode } from '../terminal/environment.js';
import { InkHost } from '../ui/ink-host.js';
import type { CliIo } from './context.js';

export interface ClosableHost extends Host {
  /** Flushes the last output and releases the terminal; call before printing anything else. */
  close(): Promise<void>;
}

export interface CreateHostOptions {
  /** The ink UI's heading. */
  title: string;
  /** Ctrl-C in the ink UI (raw mode: no SIGINT reaches the process): stop gracefully. */
  onInterrupt: () => void;
}

export function createHost(
  io: CliIo,
  mode: TerminalMode,
  options: CreateHostOptions,
): ClosableHost {
  if (mode.json) return new JsonHost(io.stdout);
  if (mode.interactive) {
    return new InkHost({
      title: options.title,
      color: mode.color,
      onInterrupt: options.onInterrupt,
      stderr: io.stderr as NodeJS.WriteStream,
      stdin: io.stdin as NodeJS.ReadStream,
    });
  }
  return new ListrHost(io.stderr, { color: mode.color });
}
