/**
 * Reads the policy templates shipped in `templates/` and hands them to the pure core. Works from
 * the TypeScript sources and from a built `dist/`: the package root is found by walking up from
 * this module to the nearest package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { COMPANION_IDS, type TemplateSet } from '../core/desired/types.js';
import { BugError, ConfigError } from '../errors.js';

export const SCP_TEMPLATE_PATH = 'templates/scp/deny-imdsv1.json';
export const DECLARATIVE_TEMPLATE_PATH = 'templates/declarative/ec2-imds.json';

const jsonObject = z.record(z.string(), z.unknown());

const scpTemplateSchema = z.object({
  version: z.string().min(1),
  statements: z
    .array(
      z.object({
        id: z.enum(['base', ...COMPANION_IDS]),
        why: z.string().min(1),
        statement: jsonObject,
      }),
    )
    .min(1),
});

export function packageRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new BugError(`no package.json above ${fileURLToPath(from)}`);
    dir = parent;
  }
}

export function loadTemplates(root: string = packageRoot()): TemplateSet {
  const file = join(root, SCP_TEMPLATE_PATH);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ConfigError(`Cannot read the SCP template ${file}: ${(cause as Error).message}`, {
      file,
      cause,
      hint: 'Reinstall org-guardrails; the templates/ folder ships with the package.',
    });
  }
  const parsed = scpTemplateSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`The SCP template ${file} is malformed`, {
      file,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return {
    scp: parsed.data as TemplateSet['scp'],
    declarative: readDeclarative(join(root, DECLARATIVE_TEMPLATE_PATH)),
  };
}

const declarativeTemplateSchema = z.object({
  document: z.object({ ec2_attributes: jsonObject }).catchall(z.unknown()),
});

function readDeclarative(file: string): TemplateSet['declarative'] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ConfigError(
      `Cannot read the declarative policy template ${file}: ${(cause as Error).message}`,
      {
        file,
        cause,
        hint: 'Reinstall org-guardrails; the templates/ folder ships with the package.',
      },
    );
  }
  const parsed = declarativeTemplateSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(`The declarative policy template ${file} is malformed`, {
      file,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data as TemplateSet['declarative'];
}
