/**
 * Borderless, aligned columns for terminal and CI logs (cli-table3 does the width maths, ANSI
 * and wide characters included); trailing padding is trimmed so logs and snapshots stay clean.
 */
import Table from 'cli-table3';

const NO_BORDERS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

export interface TextTableOptions {
  indent?: number;
  head?: string[];
  /** Width of the whole table; the last column wraps to fit. */
  width?: number;
  /** Right-align these column indexes (counts). */
  alignRight?: number[];
}

export function renderTextTable(rows: string[][], options: TextTableOptions = {}): string {
  const indent = ' '.repeat(options.indent ?? 0);
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const colAligns = Array.from({ length: columns }, (_, i) =>
    options.alignRight?.includes(i) ? ('right' as const) : ('left' as const),
  );
  const table = new Table({
    chars: NO_BORDERS,
    style: { 'padding-left': 0, 'padding-right': 0, head: [], border: [], compact: true },
    colAligns,
    ...(options.head === undefined ? {} : { head: options.head }),
    ...(options.width === undefined ? {} : lastColumnWraps(rows, options, columns)),
  });
  table.push(...rows);
  return table
    .toString()
    .split('\n')
    .map((line) => `${indent}${line}`.trimEnd())
    .join('\n');
}

function lastColumnWraps(rows: string[][], options: TextTableOptions, columns: number) {
  const widths: number[] = [];
  for (let i = 0; i < columns - 1; i++) {
    const cells = [...rows.map((row) => row[i] ?? ''), options.head?.[i] ?? ''];
    widths.push(Math.max(...cells.map(visibleWidth)));
  }
  const used = (options.indent ?? 0) + widths.reduce((sum, w) => sum + w + 2, 0);
  const last = Math.max(30, (options.width ?? 100) - used);
  return { colWidths: [...widths, last], wordWrap: true, wrapOnWordBoundary: true };
}

// Cells here are short ASCII labels, possibly coloured; strip ANSI before measuring.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
function visibleWidth(text: string): number {
  return text.replace(ANSI, '').length;
}
