import { EventEmitter } from 'node:events';
import { stripVTControlCharacters } from 'node:util';
import { render as inkRender } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import { InkHost } from '../../src/ui/ink-host.js';

afterEach(() => cleanup());

export const tick = (ms = 25) => new Promise((resolve) => setTimeout(resolve, ms));

export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  escape: '\u001B',
  ctrlC: '\u0003',
} as const;

/** A terminal of a given size for ink (ink-testing-library's is 100 columns, no rows). */
class SizedStdout extends EventEmitter {
  frames: string[] = [];
  constructor(
    readonly columns: number,
    readonly rows: number | undefined,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
  };
  lastFrame = () => this.frames.at(-1);
}

class TestStdin extends EventEmitter {
  isTTY = true;
  #data: string | null = null;
  write = (data: string) => {
    this.#data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = () => {
    const data = this.#data;
    this.#data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

const sized: { unmount: () => void }[] = [];
afterEach(() => {
  for (const instance of sized.splice(0)) instance.unmount();
});

/** ink-testing-library's render, at `columns` × `rows`. */
function renderSized(element: ReactElement, columns: number, rows: number | undefined) {
  const stdout = new SizedStdout(columns, rows);
  const stdin = new TestStdin();
  const instance = inkRender(element, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new SizedStdout(columns, rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  sized.push(instance);
  return {
    ...instance,
    stdin,
    frames: stdout.frames,
    lastFrame: stdout.lastFrame,
  };
}

/**
 * An InkHost drawn by ink-testing-library (or at `columns` × `rows` when given: 80×24 is the
 * smallest terminal the screen is sized for); frames come back without ANSI codes.
 */
export function renderHost(
  options: { onInterrupt?: () => void; now?: () => number; columns?: number; rows?: number } = {},
) {
  let instance:
    | { frames: string[]; lastFrame: () => string | undefined; stdin: { write(key: string): void } }
    | undefined;
  const host = new InkHost({
    title: 'guardrails · guided rollout',
    color: false,
    onInterrupt: options.onInterrupt ?? (() => {}),
    flushMs: 0,
    ...(options.now ? { now: options.now } : {}),
    mount: (element) => {
      const drawn =
        options.columns === undefined
          ? render(element)
          : renderSized(element, options.columns, options.rows);
      instance = drawn;
      return drawn;
    },
  });
  const ink = instance!;
  return {
    host,
    /**
     * The live area as last drawn. With CI set, ink clears the live area on unmount, so after
     * close() this is the last frame that showed anything — what the user last saw.
     */
    frame: () => {
      const drawn = ink.frames.map((f) => stripVTControlCharacters(f)).filter((f) => f.trim());
      return drawn.at(-1) ?? stripVTControlCharacters(ink.lastFrame() ?? '');
    },
    /** Everything written so far, the static log included. */
    output: () => stripVTControlCharacters(ink.frames.join('\n')),
    press: async (...keys: string[]) => {
      for (const key of keys) {
        ink.stdin.write(key);
        await tick(20);
      }
      await tick();
    },
  };
}
