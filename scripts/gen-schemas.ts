/**
 * Writes the JSON Schemas of the tool's machine-readable outputs to docs/schemas/ from the zod
 * schemas in src/report/schemas.ts, formatted by Biome like every other file. Run
 * `npm run schemas` after changing them; a test fails when the committed files are stale.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaFiles } from '../src/report/json-schemas.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = Object.entries(schemaFiles());
for (const [file, content] of files) writeFileSync(join(root, file), content);
execFileSync(
  join(root, 'node_modules/.bin/biome'),
  ['format', '--write', ...files.map(([f]) => f)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const [file] of files) console.log(`wrote ${file}`);
