/**
 * Text the tool did not write (account and OU names, policy names, exception messages, AWS error
 * messages) can carry terminal control sequences: `ESC[1A ESC[2K` erases the line above, OSC sets
 * the window title or plants a hyperlink, `ESC[2J` clears the screen, a carriage return or a bidi
 * override makes text read differently from what it is. Every text output passes through here
 * once, at its renderer (and stdout as a whole), so such characters are shown, never obeyed.
 *
 * Characters are made visible as `\uXXXX`: readable, unambiguous, and the same escape JSON uses,
 * so a JSON document passed through keeps its meaning.
 */

// C0 controls except tab, line feed and the CR of a CRLF (CSV ends records with CRLF), DEL, C1
// controls (U+0080–U+009F, e.g. the 8-bit CSI U+009B), the bidi marks, embeddings, overrides
// and isolates, and the Unicode line separators. A lone CR would overwrite the line: shown.
// The private-use U+E01B is reserved below for the tool's own colour codes.
const UNSAFE_IN_OUTPUT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ue01b]|\r(?!\n)/g;

/**
 * SGR sequences with exactly the colours and weights the tool itself uses (picocolors: bold,
 * dim, red, green, yellow, blue, magenta, cyan, gray and their resets; listr2's icons): they can
 * recolour text but never move the cursor, erase, hide text or talk to the terminal.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point.
const TOOL_SGR = /\u001b\[(?:0|1|2|22|3[1-69]|9[0-7])m/g;
const KEPT_ESC = '\ue01b';

const visible = (char: string): string =>
  `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;

export interface SanitizeOutputOptions {
  /** Keep the tool's own colour codes (TOOL_SGR); every other escape is shown. Default false. */
  keepColors?: boolean;
}

/**
 * A whole rendered text (a table, a report file, a log line): line feeds, CRLF and tabs stay; with
 * `keepColors`, so do colour codes of the tool's palette; every other control character is shown.
 * Idempotent for the same options.
 */
export function sanitizeOutput(text: string, options: SanitizeOutputOptions = {}): string {
  if (!options.keepColors) return text.replace(UNSAFE_IN_OUTPUT, visible);
  const marked = text
    .replace(/\ue01b/g, visible)
    .replace(TOOL_SGR, (sgr) => KEPT_ESC + sgr.slice(1))
    .replace(UNSAFE_IN_OUTPUT, (char) => (char === KEPT_ESC ? char : visible(char)));
  return marked.replace(/\ue01b/g, '\u001b');
}

/**
 * Every string inside a value (objects and arrays, deeply) through sanitizeOutput, for renderers
 * that take structured data rather than text (the ink UI). Returns the very same value when
 * nothing needed changing, so ordinary data is neither copied nor altered.
 */
export function sanitizeDeep<T>(value: T): T {
  if (typeof value === 'string') return sanitizeOutput(value) as T;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const safe = sanitizeDeep(item);
      if (safe !== item) changed = true;
      return safe;
    });
    return (changed ? out : value) as T;
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const safe = sanitizeDeep(item);
      if (safe !== item) changed = true;
      out[key] = safe;
    }
    return (changed ? out : value) as T;
  }
  return value;
}
