/**
 * Runs a TypeScript/JavaScript config in a worker thread with a time bound. A config is code
 * (SECURITY.md): one whose default export never settles, or that loops forever, must end in a
 * clear error within the bound, not hang the tool or make it ignore SIGTERM. A worker can be
 * terminated even inside an endless loop; the main thread stays free to notice Ctrl-C.
 */
import { Worker } from 'node:worker_threads';

export type ConfigImport =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'timeout' | 'never-settled' | 'aborted' }
  | { ok: false; reason: 'threw' | 'syntax' | 'not-data'; message: string };

// CommonJS (an eval worker); jiti is required from the path the main thread resolved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const syntax = (e) => (e && (e.name === 'SyntaxError' || /^(ParseError|SyntaxError)\\b/.test(String(e.message))));
const fail = (reason, e) => parentPort.postMessage({ ok: false, reason, message: String((e && e.message) || e).split('\\n')[0] });
(async () => {
  const { createJiti } = require(workerData.jitiPath);
  const jiti = createJiti(workerData.base, {
    alias: { 'org-guardrails': workerData.selfEntry },
    moduleCache: false,
    fsCache: false,
    interopDefault: true,
  });
  let value;
  try {
    value = await jiti.import(workerData.file, { default: true });
    if (typeof value === 'function') value = await value();
  } catch (e) {
    return fail(syntax(e) ? 'syntax' : 'threw', e);
  }
  try {
    parentPort.postMessage({ ok: true, value });
  } catch (e) {
    fail('not-data', e);
  }
})().catch((e) => fail('threw', e));
`;

export interface ConfigImportOptions {
  file: string;
  jitiPath: string;
  base: string;
  selfEntry: string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

export function importConfigInWorker(options: ConfigImportOptions): Promise<ConfigImport> {
  const { file, jitiPath, base, selfEntry, timeoutMs, signal } = options;
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, jitiPath, base, selfEntry },
      // The config's console output still reaches the terminal, as it did in-process.
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const finish = (result: ConfigImport) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolve(result);
    };
    const onAbort = () => finish({ ok: false, reason: 'aborted' });
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout' }), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (message: ConfigImport) => finish(message));
    worker.once('error', (error) => finish({ ok: false, reason: 'threw', message: error.message }));
    // The worker ran out of work without answering: the default export is a promise that
    // nothing will ever settle.
    worker.once('exit', () => finish({ ok: false, reason: 'never-settled' }));
    if (signal?.aborted) onAbort();
  });
}
