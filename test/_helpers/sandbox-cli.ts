/** Runs the CLI in-process against a sandbox: its env, fast retries, a temp working directory. */
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { type CliRun, runCliCaptured } from './run-cli.js';

export function sandboxEnv(sb: SandboxHandle): Record<string, string> {
  return {
    ...sb.env,
    AWS_MAX_ATTEMPTS: '5',
    GUARDRAILS_RETRY_BASE_MS: '1',
    GUARDRAILS_RETRY_MAX_MS: '5',
  };
}

export function runAgainst(
  sb: SandboxHandle,
  cwd: string,
  argv: string[],
  options: { env?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<CliRun> {
  return runCliCaptured(argv, {
    cwd,
    env: { ...sandboxEnv(sb), ...options.env },
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
