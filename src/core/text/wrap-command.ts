/**
 * A shell command on lines of at most `width` columns, broken between arguments with `\`
 * continuations, so it still pastes and runs as one command (a terminal's own wrapping would cut
 * a path in two). Arguments hold no unquoted space: shellQuote made them.
 */
export function wrapCommand(command: string, width: number, indent = '  '): string {
  const lines: string[] = [];
  let line = indent;
  for (const word of command.split(' ')) {
    const next = line.trim() === '' ? `${line}${word}` : `${line} ${word}`;
    if (line.trim() !== '' && next.length + 2 > width) {
      lines.push(`${line} \\`);
      line = `${indent}  ${word}`;
    } else line = next;
  }
  lines.push(line);
  return lines.join('\n');
}
