/** A small line diff (longest common subsequence) for policy documents of a few hundred lines. */
export interface DiffLine {
  op: ' ' | '+' | '-';
  text: string;
}

export function diffLines(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  // lcs[i][j] = length of the LCS of a[i..] and b[j..]
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: ' ', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push({ op: '-', text: a[i++]! });
    } else {
      out.push({ op: '+', text: b[j++]! });
    }
  }
  while (i < a.length) out.push({ op: '-', text: a[i++]! });
  while (j < b.length) out.push({ op: '+', text: b[j++]! });
  return out;
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
