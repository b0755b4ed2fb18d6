#!/usr/bin/env node
// Launcher. An installed package runs the built JavaScript in dist/ (no TypeScript tooling needed).
// A repo checkout runs the TypeScript sources through tsx (a devDependency), so `npm start` and
// `npm run demo` work without a build; with no tsx installed it falls back to dist/.
import { existsSync } from 'node:fs';

const source = new URL('../src/main.ts', import.meta.url);
const built = new URL('../dist/main.js', import.meta.url);

async function loadTsx() {
  try {
    return await import('tsx/esm/api');
  } catch {
    return undefined;
  }
}

const tsx = existsSync(source) ? await loadTsx() : undefined;
if (tsx) {
  tsx.register();
  await import(source.href);
} else if (existsSync(built)) {
  await import(built.href);
} else {
  console.error(
    'guardrails: dist/main.js is missing. In a checkout run `npm ci` (installs tsx) or `npm run build`.',
  );
  process.exitCode = 1;
}
