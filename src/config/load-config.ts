import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, UserAbortError } from '../errors.js';
import { type ConfigImport, importConfigInWorker } from './config-worker.js';
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

export interface LoadOptions {
  path?: string | undefined;
  cwd?: string;
  /** Bound on running a .ts/.js config (default 15 s; GUARDRAILS_CONFIG_TIMEOUT_MS). */
  timeoutMs?: number | undefined;
  /** Ctrl-C / SIGTERM stop the load. */
  signal?: AbortSignal | undefined;
}

const DEFAULT_LOAD_TIMEOUT_MS = 15_000;

export async function loadConfig(options: LoadOptions = {}): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const file = options.path ? resolve(cwd, options.path) : findConfig(cwd);
  if (options.path && (!file || !existsSync(file))) {
    throw new ConfigError(`Config file not found: ${file}`, {
      file,
      hint: `Check the --config path, or run without --config to use ${CONFIG_FILE_NAMES[0]} in ${cwd}.`,
    });
  }
  if (!file) return { config: validate({}, undefined), file: undefined };
  const raw = await importConfig(file, options);
  return { config: validate(raw, file), file };
}

function findConfig(cwd: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = resolve(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function importConfig(file: string, options: LoadOptions): Promise<unknown> {
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
  const result = await importConfigInWorker({
    file,
    jitiPath: createRequire(import.meta.url).resolve('jiti'),
    base: import.meta.url,
    selfEntry: selfEntry(),
    timeoutMs: options.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS,
    signal: options.signal,
  });
  const name = basename(file);
  if (!result.ok) throw loadFailure(name, file, result, options.timeoutMs);
  const loaded = result.value;
  if (loaded === undefined || loaded === null) {
    throw new ConfigError(`${name} has no default export`, {
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

/** A config that could not be loaded, said in terms of what went wrong. */
function loadFailure(
  name: string,
  file: string,
  result: Exclude<ConfigImport, { ok: true }>,
  timeoutMs: number | undefined,
): ConfigError | UserAbortError {
  const shape = 'the file must `export default defineConfig({ ... })`';
  switch (result.reason) {
    case 'aborted':
      return new UserAbortError('Aborted while loading the config: nothing was changed.');
    case 'timeout':
      return new ConfigError(
        `${name} did not finish loading within ${Math.round((timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS) / 1000)} s`,
        {
          file,
          hint: `Look for an endless loop or a wait in the config; ${shape}. GUARDRAILS_CONFIG_TIMEOUT_MS sets the bound.`,
        },
      );
    case 'never-settled':
      return new ConfigError(`${name}: its default export is a promise that never settles`, {
        file,
        hint: `Resolve it (or export the object directly); ${shape}.`,
      });
    case 'syntax':
      return new ConfigError(`Cannot load ${name}: ${result.message}`, {
        file,
        hint: `Fix the syntax error above; ${shape}.`,
      });
    case 'threw':
      return new ConfigError(`${name} threw while loading: ${result.message}`, {
        file,
        hint: `The error comes from running the config's own code (or a module it imports); ${shape}.`,
      });
    case 'not-data':
      return new ConfigError(`${name}: the default export is not plain data (${result.message})`, {
        file,
        hint: 'A config holds only objects, arrays, strings, numbers and booleans: no functions or class instances.',
      });
  }
}
