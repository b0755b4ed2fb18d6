/**
 * The interactive host: renders the guided rollout with ink on stderr (results stay on stdout)
 * and asks questions as prompts. Only for a person at a terminal; never in the same process
 * run as the listr2 host.
 */
import { render } from 'ink';
import type { ReactElement } from 'react';
import { sanitizeDeep } from '../core/text/sanitize-text.js';
import type { Host } from '../events/host.js';
import type { AnswerOf, GuardrailsEvent, Question, StepName } from '../events/types.js';
import { App } from './App.js';
import { RolloutStore } from './store.js';
import { ThemeProvider } from './theme.js';

export interface Mounted {
  unmount(): void;
  waitUntilExit?(): Promise<unknown>;
}

export interface InkHostOptions {
  title: string;
  color: boolean;
  /** Called on Ctrl-C (raw mode swallows SIGINT): abort the run gracefully. */
  onInterrupt: () => void;
  /** Where to draw; default: ink's render on the given stderr/stdin. */
  mount?: (element: ReactElement) => Mounted;
  stderr?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  now?: () => number;
  flushMs?: number;
  /** The steps listed from the start (rollback lists its own: Preflight, Re-read, Confirm, Restore). */
  checklist?: { step: StepName; title: string }[];
}

export class InkHost implements Host {
  readonly store: RolloutStore;
  readonly #mounted: Mounted;
  /** The terminal ink draws on (undefined when a test mounts it). */
  readonly #terminal: NodeJS.WriteStream | undefined;

  constructor(options: InkHostOptions) {
    this.store = new RolloutStore({
      ...(options.now ? { now: options.now } : {}),
      ...(options.flushMs !== undefined ? { flushMs: options.flushMs } : {}),
      ...(options.checklist ? { checklist: options.checklist } : {}),
    });
    const element = (
      <ThemeProvider color={options.color}>
        <App store={this.store} title={options.title} onInterrupt={options.onInterrupt} />
      </ThemeProvider>
    );
    const mount =
      options.mount ??
      ((el: ReactElement) =>
        render(el, {
          stdout: options.stderr ?? process.stderr,
          stdin: options.stdin ?? process.stdin,
          stderr: options.stderr ?? process.stderr,
          exitOnCtrlC: false,
          patchConsole: false,
        }));
    this.#mounted = mount(element);
    this.#terminal = options.mount ? undefined : (options.stderr ?? process.stderr);
  }

  // Names and messages from the organization reach the screen only through here. ink strips
  // cursor movement from text but keeps OSC (window title, hyperlinks), every SGR (conceal), CR,
  // backspace and bidi overrides: every string is shown escaped instead (sanitizeDeep returns
  // the same object when nothing needs escaping).
  notify(event: GuardrailsEvent): void {
    this.store.dispatch(sanitizeDeep(event));
  }

  async ask<Q extends Question>(question: Q): Promise<AnswerOf<Q>> {
    return (await this.store.ask(sanitizeDeep(question))) as AnswerOf<Q>;
  }

  /** Draws the final frame and releases the terminal (raw mode, cursor). */
  async close(): Promise<void> {
    this.store.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    this.#mounted.unmount();
    await this.#mounted.waitUntilExit?.();
    // A last frame as tall as the terminal ends without a newline (ink draws it full-screen):
    // what is printed next (the resume note, an error) must start on a line of its own.
    if (this.#terminal?.isTTY) this.#terminal.write('\n');
  }
}
