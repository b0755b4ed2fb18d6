/** Watching an apply's journal from outside the process (kill -9 tests). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The journal an apply run in `dir` writes into its default reports directory, once it exists. */
export function journalIn(dir: string): string | undefined {
  const reports = join(dir, 'guardrails-reports');
  try {
    const file = readdirSync(reports).find((f) => f.startsWith('journal-'));
    return file ? join(reports, file) : undefined;
  } catch {
    return undefined;
  }
}

/** How many `done` records the journal holds right now. */
export function doneCount(path: string): number {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"type":"done"')).length;
}
