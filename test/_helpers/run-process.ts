import { spawn } from 'node:child_process';

export interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment for a child that must behave like a user's shell: none of the npm_* variables
 * `npm test` exports (npm_config_local_prefix would point a child npm back at this repo), no
 * NODE_OPTIONS, vitest or AWS variables, no colour, non-interactive.
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^npm_/i.test(key) && !/^npm_config_(cache|registry)$/i.test(key)) continue;
    if (key === 'NODE_OPTIONS' || key.startsWith('VITEST') || key === 'TSX_TSCONFIG_PATH') continue;
    // Never hand a child real AWS credentials or profiles: tests talk to the sandbox only.
    if (key.startsWith('AWS_')) continue;
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

export interface BackgroundProcess {
  /** Resolves with the first match of `pattern` in stdout+stderr (rejects if the process ends). */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<string>;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a long-running command (a server) and lets the test wait for its output. */
export function startProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): BackgroundProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited = false;
  const listeners = new Set<() => void>();
  const onData = (chunk: string): void => {
    output += chunk;
    for (const listener of listeners) listener();
  };
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  const closed = new Promise<void>((resolve) =>
    child.on('close', () => {
      exited = true;
      for (const listener of listeners) listener();
      resolve();
    }),
  );
  return {
    output: () => output,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output}`));
        }, timeoutMs);
        function check(): void {
          const match = pattern.exec(output);
          if (match || exited) {
            clearTimeout(timer);
            listeners.delete(check);
            if (match) resolve(match[0]);
            else reject(new Error(`process ended before ${pattern}; output:\n${output}`));
          }
        }
        listeners.add(check);
        check();
      }),
    stop: async () => {
      if (!exited) child.kill('SIGTERM');
      await closed;
    },
  };
}
