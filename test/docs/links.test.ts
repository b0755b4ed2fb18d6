import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** Anchor ids as GitHub derives them from headings. */
function anchors(markdown: string): Set<string> {
  const ids = new Set<string>();
  for (const m of markdown.matchAll(/^#{1,6} (.+)$/gm)) {
    const id = (m[1] ?? '')
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    ids.add(id);
  }
  return ids;
}

const files = [
  join(repo, 'README.md'),
  join(repo, 'CHANGELOG.md'),
  ...markdownFiles(join(repo, 'docs')),
];

describe('links in README.md and docs/', () => {
  it.each(files.map((f) => relative(repo, f)))('%s has no broken relative link', (file) => {
    // Given the Markdown file / When every relative link is resolved / Then its target exists
    const text = readFileSync(join(repo, file), 'utf8').replace(/```[\s\S]*?```/g, '');
    const broken: string[] = [];
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1] ?? '';
      if (/^[a-z]+:/i.test(target)) continue;
      const [path = '', anchor] = target.split('#');
      const resolved = path ? join(dirname(join(repo, file)), path) : join(repo, file);
      if (!existsSync(resolved)) {
        broken.push(target);
        continue;
      }
      if (
        anchor &&
        resolved.endsWith('.md') &&
        !anchors(readFileSync(resolved, 'utf8')).has(anchor)
      ) {
        broken.push(target);
      }
    }
    expect(broken).toEqual([]);
  });
});
