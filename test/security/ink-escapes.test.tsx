/**
 * Issue 18 point 1 in the ink UI: ink strips cursor movement from text but keeps OSC (window
 * title, hyperlinks), every SGR (conceal), CR, backspace and bidi overrides. The InkHost escapes
 * every string of an event or question before the UI sees it.
 */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { sanitizeDeep } from '../../src/core/text/sanitize-text.js';
import { InkHost } from '../../src/ui/ink-host.js';

afterEach(() => cleanup());
const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

const HOSTILE =
  'web-dev\u001b]0;pwned\u0007\u001b[8mhidden\u001b]8;;https://evil\u0007x\r\u0008\u202e';

describe('InkHost with hostile names', () => {
  it('draws them escaped: no OSC, no conceal, no CR or bidi override reaches the terminal', async () => {
    let frames: string[] = [];
    const host = new InkHost({
      title: 'guardrails',
      color: false,
      onInterrupt: () => {},
      flushMs: 0,
      mount: (element) => {
        const instance = render(element);
        frames = instance.frames;
        return instance;
      },
    });
    host.notify({ type: 'step.started', step: 'discover', title: 'Discover' });
    host.notify({ type: 'step.finished', step: 'discover', status: 'ok', summary: HOSTILE });
    await tick();
    const drawn = frames.join('\n');
    expect(drawn).toContain('web-dev\\u001b]0;pwned\\u0007\\u001b[8mhidden');
    expect(drawn).not.toContain('\u001b]');
    expect(drawn).not.toContain('\u001b[8m');
    for (const raw of ['\r', '\u0008', '\u202e']) expect(drawn).not.toContain(raw);
    await host.close();
  });

  it('sanitizeDeep leaves clean data untouched (same objects) and copies only what changes', () => {
    const clean = { a: ['x', { b: 'y' }], n: 1 };
    expect(sanitizeDeep(clean)).toBe(clean);
    const dirty = { keep: { b: 'y' }, bad: ['ok', 'a\u001b[2J'] };
    const safe = sanitizeDeep(dirty);
    expect(safe).not.toBe(dirty);
    expect(safe.keep).toBe(dirty.keep);
    expect(safe.bad).toEqual(['ok', 'a\\u001b[2J']);
    expect(dirty.bad[1]).toBe('a\u001b[2J');
  });
});
