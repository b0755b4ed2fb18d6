import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../_helpers/find-browser.js';
import { tempDir } from '../_helpers/temp-dir.js';

function fakeBrowser(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

describe('findBrowser', () => {
  it('finds a Chromium-family browser under any of its names anywhere on PATH', () => {
    const root = tempDir();
    const path = fakeBrowser(join(root, 'opt-bin'), 'google-chrome');
    expect(findBrowser({ PATH: [join(root, 'empty'), join(root, 'opt-bin')].join(':') })).toBe(
      path,
    );
  });

  it('prefers GUARDRAILS_BROWSER, and finds nothing on an empty PATH', () => {
    expect(findBrowser({ PATH: '', GUARDRAILS_BROWSER: '/x/chrome' })).toBe('/x/chrome');
    expect(findBrowser({ PATH: tempDir() })).toBeUndefined();
  });

  it('ignores a file that is not executable', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'chromium'), '');
    expect(findBrowser({ PATH: dir })).toBeUndefined();
  });
});
