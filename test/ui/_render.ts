import { stripVTControlCharacters } from 'node:util';
import { cleanup, render } from 'ink-testing-library';
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

/** An InkHost drawn by ink-testing-library; frames come back without ANSI codes. */
export function renderHost(options: { onInterrupt?: () => void; now?: () => number } = {}) {
  let instance: ReturnType<typeof render> | undefined;
  const host = new InkHost({
    title: 'guardrails · guided rollout',
    color: false,
    onInterrupt: options.onInterrupt ?? (() => {}),
    flushMs: 0,
    ...(options.now ? { now: options.now } : {}),
    mount: (element) => {
      instance = render(element);
      return instance;
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
