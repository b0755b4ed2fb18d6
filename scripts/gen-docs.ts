// `npm run docs`: regenerate docs/commands/*.md and docs/config.md from the CLI and the schema.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_DIRS, generateDocs } from './docs/generate.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = generateDocs();

for (const dir of GENERATED_DIRS) {
  mkdirSync(join(root, dir), { recursive: true });
  for (const name of readdirSync(join(root, dir))) {
    if (!files.has(`${dir}/${name}`)) rmSync(join(root, dir, name));
  }
}
for (const [path, content] of files) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}
console.log(`Wrote ${files.size} docs files.`);
