/**
 * The one line diff (the `diff` package's Myers diff): the plan text's policy diff and the
 * rollout screen's SCP panel both read it.
 */
import { diffLines as diffParts } from 'diff';

export interface DiffLine {
  op: ' ' | '+' | '-';
  text: string;
}

function linesOf(value: string): string[] {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Line by line, `before` → `after`; a trailing newline does not count as a line. */
export function diffLines(before: string, after: string): DiffLine[] {
  const terminated = (text: string) => (text === '' || text.endsWith('\n') ? text : `${text}\n`);
  return diffParts(terminated(before), terminated(after)).flatMap((part) => {
    const op = part.added ? '+' : part.removed ? '-' : ' ';
    return linesOf(part.value).map((text): DiffLine => ({ op, text }));
  });
}

/** Only the changed lines with `context` unchanged lines around them ("…" marks a gap). */
export function withContext(lines: DiffLine[], context = 2): (DiffLine | 'gap')[] {
  const keep = new Set<number>();
  lines.forEach((line, index) => {
    if (line.op === ' ') return;
    for (let k = index - context; k <= index + context; k++) keep.add(k);
  });
  const out: (DiffLine | 'gap')[] = [];
  let last = -1;
  lines.forEach((line, index) => {
    if (!keep.has(index)) return;
    if (last !== -1 && index > last + 1) out.push('gap');
    out.push(line);
    last = index;
  });
  return out;
}
