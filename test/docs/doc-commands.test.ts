import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guardrailsArgv, parseWithRealCli } from '../_helpers/cli-argv.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** Shell lines inside ```sh / ```bash / ```shell / ```console fences. */
function shellLines(markdown: string): string[] {
  const lines: string[] = [];
  for (const m of markdown.matchAll(/^```(sh|bash|shell|console)\n([\s\S]*?)^```/gm)) {
    for (const line of (m[2] ?? '').replace(/\\\n/g, ' ').split('\n')) {
      lines.push(line.replace(/^\$ /, ''));
    }
  }
  return lines;
}

// Generated command pages show usage syntax (`[options]`), not runnable lines.
const files = [join(repo, 'README.md'), ...markdownFiles(join(repo, 'docs'))].filter(
  (f) => !f.includes(`${join('docs', 'commands')}`),
);
const examples = files.flatMap((file) =>
  shellLines(readFileSync(file, 'utf8')).flatMap((line) => {
    const argv = guardrailsArgv(line);
    return argv ? [{ file: relative(repo, file), line: line.trim(), argv }] : [];
  }),
);

describe('guardrails command lines in README.md and docs/', () => {
  it('finds the documented examples', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)('$file: $line parses with the real CLI definitions', async (example) => {
    expect(await parseWithRealCli(example.argv)).toBeUndefined();
  });
});
