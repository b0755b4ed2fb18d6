import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { buildProgram } from '../../src/cli.js';
import { createContext } from '../../src/commands/context.js';
import { renderCommandDocs } from './command-docs.js';
import { renderConfigDoc } from './config-docs.js';
import { renderJsonOutputDoc } from './schema-docs.js';

/** Every generated docs file, keyed by its path relative to the repo root. */
export function generateDocs(): Map<string, string> {
  let out = '';
  const sink = { write: (chunk: string) => (out += chunk) };
  // No env, no TTY, a fixed cwd: the pages must not depend on who ran the generator.
  const ctx = createContext({
    stdout: sink,
    stderr: sink,
    stdin: new PassThrough(),
    env: {},
    cwd: '/',
    signal: new AbortController().signal,
  });
  const program = buildProgram(ctx);
  const capture = {
    take: () => {
      const text = out;
      out = '';
      return text;
    },
  };
  const files = new Map<string, string>();
  for (const [name, content] of renderCommandDocs(program, capture)) {
    files.set(`docs/commands/${name}`, content);
  }
  files.set('docs/config.md', renderConfigDoc());
  files.set(
    'docs/json-output.md',
    renderJsonOutputDoc(fileURLToPath(new URL('../..', import.meta.url))),
  );
  return files;
}

/** The directories whose every file is generated (a file there that is not generated is stale). */
export const GENERATED_DIRS = ['docs/commands'] as const;
