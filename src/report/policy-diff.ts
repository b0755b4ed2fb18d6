/**
 * The SCP content diff of a plan: both documents pretty-printed, then a line diff, with long
 * unchanged stretches folded (like `terraform plan` hides unchanged attributes).
 */
import type { Colors } from './colors.js';
import { type DiffLine, diffLines } from './line-diff.js';

const CONTEXT = 3;

/** Pretty-prints policy JSON so a one-line document diffs line by line; other text is kept. */
export function prettyPolicy(content: string): string {
  try {
    return JSON.stringify(JSON.parse(content), null, 2);
  } catch {
    return content;
  }
}

/** Lines prefixed `+ `, `- ` or `  `, indented; unchanged runs beyond the context folded. */
export function renderPolicyDiff(
  before: string,
  after: string,
  colors: Colors,
  indent: string,
): string[] {
  const lines = diffLines(prettyPolicy(before), prettyPolicy(after));
  const out: string[] = [];
  let start = 0;
  while (start < lines.length) {
    const line = lines[start] as DiffLine;
    if (line.op !== ' ') {
      const text = `${indent}${line.op} ${line.text}`;
      out.push(line.op === '+' ? colors.green(text) : colors.red(text));
      start += 1;
      continue;
    }
    let end = start;
    while (end < lines.length && lines[end]?.op === ' ') end += 1;
    out.push(
      ...foldUnchanged(lines.slice(start, end), start === 0, end === lines.length, colors, indent),
    );
    start = end;
  }
  return out;
}

/** An unchanged run: CONTEXT lines kept next to each change, the rest folded into one line. */
function foldUnchanged(
  run: DiffLine[],
  first: boolean,
  last: boolean,
  colors: Colors,
  indent: string,
): string[] {
  const texts = run.map((l) => `${indent}  ${l.text}`);
  const keepHead = first ? 0 : CONTEXT;
  const keepTail = last ? 0 : CONTEXT;
  if (texts.length <= keepHead + keepTail + 1) return texts;
  const hidden = texts.length - keepHead - keepTail;
  return [
    ...texts.slice(0, keepHead),
    colors.dim(`${indent}  # (${hidden} unchanged ${hidden === 1 ? 'line' : 'lines'} hidden)`),
    ...texts.slice(texts.length - keepTail),
  ];
}

/** A new document: every line added. */
export function renderPolicyContent(content: string, colors: Colors, indent: string): string[] {
  return diffLines('', prettyPolicy(content)).map((line) =>
    colors.green(`${indent}+ ${line.text}`),
  );
}
