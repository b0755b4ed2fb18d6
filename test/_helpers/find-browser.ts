/**
 * Where the browser tests find a Chromium-family browser (playwright-core drives it; it downloads
 * nothing): GUARDRAILS_BROWSER, else the first of the usual names on PATH.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const BROWSER_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'chrome',
  'microsoft-edge',
];

export const INSTALL_HINT =
  'install Chromium (Debian/Ubuntu: `apt-get install chromium`; macOS: `brew install --cask chromium`) ' +
  `or point GUARDRAILS_BROWSER at a Chromium-family browser (looked for ${BROWSER_NAMES.join(', ')} on PATH)`;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findBrowser(
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const explicit = env.GUARDRAILS_BROWSER;
  if (explicit) return explicit;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of BROWSER_NAMES) {
      const candidate = join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * The browser the suite uses, or undefined to skip (said on stderr with what to install). With
 * CI set a missing browser fails the run instead: CI must run the browser tests.
 */
export function browserForTests(suite: string): string | undefined {
  const found = findBrowser();
  if (found) return found;
  if (process.env.CI) {
    throw new Error(`${suite}: no browser found and CI is set: ${INSTALL_HINT}.`);
  }
  process.stderr.write(`skipped ${suite}: no browser found; to run it, ${INSTALL_HINT}.\n`);
  return undefined;
}
