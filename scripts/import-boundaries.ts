/**
 * The layering rules CONTRIBUTING states, checked over the import graph (test/boundaries runs it
 * over src/, and over a fixture tree to show a crossing fails). `npm run lint:boundaries` prints
 * the crossings. Every runtime import counts: with verbatimModuleSyntax only `import type` /
 * `export type` leaves nothing behind at run time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** The importing file, relative to the checked root, with `/` separators. */
  file: string;
  specifier: string;
  /** The imported file relative to the root, for relative specifiers (else undefined). */
  target: string | undefined;
  typeOnly: boolean;
}

export interface Crossing {
  file: string;
  specifier: string;
  rule: string;
}

const SDK = /^@(aws-sdk|smithy)\//;

/** Facts about AWS, not the tool's behaviour: the sandbox may share them (no imports of their own). */
const SANDBOX_MAY_SHARE = [
  'src/core/model/regions.ts',
  // EC2's order of precedence for metadata options: one resolver for the tool and the sandbox.
  'src/core/model/metadata-options.ts',
];

/** The rules, over paths relative to the repository root (`src/...`). */
export function crossingOf(edge: ImportEdge): string | undefined {
  const { file, specifier, target, typeOnly } = edge;
  const inside = (folder: string, path: string | undefined) => path?.startsWith(`${folder}/`);
  if (SDK.test(specifier) && !inside('src/aws', file) && !inside('src/sandbox', file)) {
    return 'only src/aws (and the sandbox, a server) imports the AWS SDK';
  }
  if (inside('src/core', file) && !typeOnly) {
    if (specifier.startsWith('node:')) return 'src/core is pure: no Node built-ins';
    if (target !== undefined && !inside('src/core', target)) {
      return 'src/core imports only src/core at run time (type-only imports may reach further)';
    }
  }
  if (
    inside('src/sandbox', file) &&
    !typeOnly &&
    target !== undefined &&
    !inside('src/sandbox', target) &&
    !SANDBOX_MAY_SHARE.includes(target)
  ) {
    return "the sandbox imports nothing from the tool's runtime (types and the region list only)";
  }
  return undefined;
}

export function importsOf(root: string, file: string): ImportEdge[] {
  const text = readFileSync(join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const edges: ImportEdge[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    const target = specifier.startsWith('.')
      ? relative(root, resolve(root, dirname(file), specifier))
          .split(sep)
          .join('/')
          .replace(/\.js$/, '.ts')
      : undefined;
    edges.push({ file, specifier, target, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.importClause?.isTypeOnly ?? false);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    } else if (ts.isImportTypeNode(node)) {
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

function sourceFiles(root: string, folder: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(root, dir))) {
      const path = `${dir}/${name}`;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(path);
    }
  };
  walk(folder);
  return files.sort();
}

/** Every import under `root/src` that crosses a boundary. */
export function findCrossings(root: string): Crossing[] {
  const crossings: Crossing[] = [];
  for (const file of sourceFiles(root, 'src')) {
    for (const edge of importsOf(root, file)) {
      const rule = crossingOf(edge);
      if (rule) crossings.push({ file, specifier: edge.specifier, rule });
    }
  }
  return crossings;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const crossings = findCrossings(resolve(dirname(new URL(import.meta.url).pathname), '..'));
  for (const c of crossings) console.log(`${c.file}: '${c.specifier}' — ${c.rule}`);
  process.exitCode = crossings.length > 0 ? 1 : 0;
}
