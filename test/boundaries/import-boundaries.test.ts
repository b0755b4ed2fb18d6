import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCrossings } from '../../scripts/import-boundaries.js';
import { tempDir } from '../_helpers/temp-dir.js';

const REPO = resolve(import.meta.dirname, '../..');

function tree(files: Record<string, string>): string {
  const root = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('import boundaries', () => {
  it('src/ crosses none', () => {
    expect(findCrossings(REPO)).toEqual([]);
  });

  it('a crossing of each boundary is found, naming file and rule', () => {
    const root = tree({
      'src/core/plan/a.ts': [
        "import { ConfigError } from '../errors.js';",
        "import type { AppContext } from '../../app/context.js';",
        "import { retry } from '../../execute/retry.js';",
        "import { readFileSync } from 'node:fs';",
        "export { x } from '../../ui/x.js';",
      ].join('\n'),
      'src/app/b.ts': "import { EC2Client } from '@aws-sdk/client-ec2';",
      'src/aws/c.ts': "import { EC2Client } from '@aws-sdk/client-ec2';",
      'src/sandbox/d.ts': [
        "import { UsageError } from '../errors.js';",
        "import type { AccountId } from '../core/model/types.js';",
        "import { KNOWN_REGIONS } from '../core/model/regions.js';",
        "const lazy = () => import('../app/rollout.js');",
      ].join('\n'),
    });
    const found = findCrossings(root).map((c) => `${c.file} ${c.specifier}`);
    expect(found).toEqual([
      'src/app/b.ts @aws-sdk/client-ec2',
      'src/core/plan/a.ts ../../execute/retry.js',
      'src/core/plan/a.ts node:fs',
      'src/core/plan/a.ts ../../ui/x.js',
      'src/sandbox/d.ts ../errors.js',
      'src/sandbox/d.ts ../app/rollout.js',
    ]);
  });
});
