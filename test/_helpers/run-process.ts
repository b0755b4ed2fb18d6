import { spawn } from 'node:child_process';

export interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment for a child that must behave like a user's shell: none of the npm_* variables
 * `npm test` exports (npm_config_local_prefix would point a child npm back at this repo), no
 * NODE_OPTIONS or vitest variables, no colour, non-interactive.
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^npm_/i.test(key) && !/^npm_config_(cache|registry)$/i.test(key)) continue;
    if (key === 'NODE_OPTIONS' || key.startsWith('VITEST') || key === 'TSX_TSCONFIG_PATH') continue;
    env[key] = value;
  }
  return { ...env, CI: '1', NO_COLOR: '1', ...extra };
}

/** Runs a command to completion (never throws on a non-zero exit), killing it after timeoutMs. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
