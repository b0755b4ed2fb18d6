/**
 * The SCP content diff of a plan: both documents pretty-printed, then a line diff, with long
 * unchanged stretches folded (like `terraform plan` hides unchanged attributes).
 */
import { diffLines } from 'diff';
import type { Colors } from './colors.js';

const CONTEXT = 3;

/** Pretty-prints policy JSON so a one-line document diffs line by line; other text is kept. */
export function prettyPolicy(content: string): string {
  try {
    return JSON.stringify(JSON.parse(content), null, 2);
  } catch {
    return content;
  }
}

function linesOf(value: string): string[] {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Lines prefixed `+ `, `- ` or `  `, indented; unchanged runs beyond the context folded. */
export function renderPolicyDiff(
  before: string,
  after: string,
  colors: Colors,
  indent: string,
): string[] {
  const parts = diffLines(`${prettyPolicy(before)}\n`, `${prettyPolicy(after)}\n`);
  const out: string[] = [];
  parts.forEach((part, index) => {
    const lines = linesOf(part.value);
    if (part.added) {
      for (const line of lines) out.push(colors.green(`${indent}+ ${line}`));
      return;
    }
    if (part.removed) {
      for (const line of lines) out.push(colors.red(`${indent}- ${line}`));
      return;
    }
    const first = index === 0;
    const last = index === parts.length - 1;
    const keepHead = first ? 0 : CONTEXT;
    const keepTail = last ? 0 : CONTEXT;
    if (lines.length <= keepHead + keepTail + 1) {
      for (const line of lines) out.push(`${indent}  ${line}`);
      return;
    }
    for (const line of lines.slice(0, keepHead)) out.push(`${indent}  ${line}`);
    const hidden = lines.length - keepHead - keepTail;
    out.push(
      colors.dim(`${indent}  # (${hidden} unchanged ${hidden === 1 ? 'line' : 'lines'} hidden)`),
    );
    for (const line of lines.slice(lines.length - keepTail)) out.push(`${indent}  ${line}`);
  });
  return out;
}

/** A new document: every line added. */
export function renderPolicyContent(content: string, colors: Colors, indent: string): string[] {
  return linesOf(prettyPolicy(content)).map((line) => colors.green(`${indent}+ ${line}`));
}
