import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';
import { ConfigError } from '../errors.js';
import { formatIssues } from './format-issues.js';
import { configSchema, type ResolvedConfig } from './schema.js';

/** Looked for, in this order, in the working directory when --config is not given. */
export const CONFIG_FILE_NAMES = [
  'guardrails.config.ts',
  'guardrails.config.mts',
  'guardrails.config.js',
  'guardrails.config.mjs',
  'guardrails.config.json',
] as const;

export interface LoadedConfig {
  config: ResolvedConfig;
  /** Absolute path of the file used, or undefined when running on defaults. */
  file: string | undefined;
}

/**
 * `import { defineConfig } from 'org-guardrails'` must resolve from a config file whether the tool
 * runs from this repo (TypeScript sources) or from an installed package (built JavaScript).
 * jiti's alias points the import at this very package, whichever form is running.
 */
function selfEntry(): string {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return fileURLToPath(new URL(`../index.${ext}`, import.meta.url));
}

export async function loadConfig(
  options: { path?: string | undefined; cwd?: string } = {},
): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const file = options.path ? resolve(cwd, options.path) : findConfig(cwd);
  if (options.path && (!file || !existsSync(file))) {
    throw new ConfigError(`Config file not found: ${file}`, {
      file,
      hint: `Check the --config path, or run without --config to use ${CONFIG_FILE_NAMES[0]} in ${cwd}.`,
    });
  }
  if (!file) return { config: validate({}, undefined), file: undefined };
  const raw = await importConfig(file);
  return { config: validate(raw, file), file };
}

function findConfig(cwd: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = resolve(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function importConfig(file: string): Promise<unknown> {
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (cause) {
      throw new ConfigError(`Cannot parse ${basename(file)}: ${(cause as Error).message}`, {
        file,
        cause,
      });
    }
  }
  const jiti = createJiti(import.meta.url, {
    alias: { 'org-guardrails': selfEntry() },
    moduleCache: false,
    fsCache: false,
    interopDefault: true,
  });
  let loaded: unknown;
  try {
    loaded = await jiti.import(file, { default: true });
  } catch (cause) {
    const message = ((cause as Error).message ?? String(cause)).split('\n')[0];
    throw new ConfigError(`Cannot load ${basename(file)}: ${message}`, {
      file,
      hint: 'Fix the syntax error above; the file must `export default defineConfig({ ... })`.',
      cause,
    });
  }
  if (typeof loaded === 'function') loaded = await (loaded as () => unknown)();
  if (loaded === undefined || loaded === null) {
    throw new ConfigError(`${basename(file)} has no default export`, {
      file,
      hint: "Write `export default defineConfig({ ... })` with `import { defineConfig } from 'org-guardrails'`.",
    });
  }
  return loaded;
}

export function validate(raw: unknown, file: string | undefined): ResolvedConfig {
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const issues = formatIssues(result.error.issues, raw);
  throw new ConfigError(
    `Invalid config${file ? ` in ${file}` : ''}: ${issues.length} problem${issues.length > 1 ? 's' : ''}`,
    { file, issues, hint: 'See docs/config.md for every field, its default and allowed values.' },
  );
}
