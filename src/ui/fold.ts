/**
 * Text folded onto terminal lines by the UI itself, not by ink's wrap: the screen budget (how many
 * rows a question or a warning takes at 80×24) must count exactly the rows that are drawn.
 */

/** Columns a string takes (the UI's symbols — ⏎ · → ✔ — are one column each). */
export function columnsOf(text: string): number {
  return [...text].length;
}

/**
 * `text` on lines of at most `width` columns, broken between words; a word longer than a line
 * (an ARN) is cut into line-long pieces. Never returns an empty list.
 */
export function foldWords(text: string, width: number): string[] {
  const room = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (columnsOf(next) <= room) {
      line = next;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = [...word];
    while (rest.length > room) {
      lines.push(rest.slice(0, room).join(''));
      rest = rest.slice(room);
    }
    line = rest.join('');
  }
  lines.push(line);
  return lines;
}

/** A question's message folded under its `? `, and whether its hint still fits on the last line. */
export interface AskLayout {
  lines: string[];
  hintOnOwnLine: boolean;
}

const ASK_INDENT = 2;

export function layoutAsk(message: string, hint: string, columns: number): AskLayout {
  const lines = foldWords(message, columns - ASK_INDENT);
  const last = lines.at(-1) ?? '';
  const hintOnOwnLine = columnsOf(last) + 1 + columnsOf(hint) > columns - ASK_INDENT;
  return { lines, hintOnOwnLine };
}

/** Rows a question's message and hint take at `columns`. */
export function askRows(message: string, hint: string, columns: number): number {
  const layout = layoutAsk(message, hint, columns);
  return layout.lines.length + (layout.hintOnOwnLine ? 1 : 0);
}

/**
 * `prefix` then the items joined by ` · `, on lines of at most `width` columns, broken between
 * items (a line that goes on ends in ` ·`); an item longer than a line is folded by words.
 * Continuation lines are indented under the first item.
 */
export function foldItems(prefix: string, items: readonly string[], width: number): string[] {
  const indent = ' '.repeat(columnsOf(prefix));
  const lines: string[] = [];
  let line = '';
  const lead = () => (lines.length === 0 ? prefix : indent);
  // Two columns kept for the ` ·` that says the list goes on.
  const room = () => Math.max(1, width - columnsOf(lead()) - 2);
  for (const item of items) {
    const joined = line === '' ? item : `${line} · ${item}`;
    if (columnsOf(joined) <= room()) {
      line = joined;
      continue;
    }
    if (line !== '') {
      lines.push(`${lead()}${line} ·`);
      line = '';
    }
    const pieces = foldWords(item, room());
    for (const piece of pieces.slice(0, -1)) lines.push(`${lead()}${piece}`);
    line = pieces.at(-1) ?? '';
  }
  lines.push(`${lead()}${line}`);
  return lines;
}

/**
 * `text` folded like foldWords with a hanging indent: the first line takes the whole `width`,
 * the lines after it start with `indent` (under the first word after a bullet or a `fix: `).
 */
export function foldHanging(text: string, width: number, indent: string): string[] {
  const [first = '', ...rest] = foldWords(text, width);
  if (rest.length === 0) return [first];
  const after = text.slice(first.length).replace(/^ /, '');
  return [first, ...foldWords(after, width - columnsOf(indent)).map((line) => `${indent}${line}`)];
}
