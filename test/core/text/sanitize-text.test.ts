import { describe, expect, it } from 'vitest';
import { sanitizeOutput } from '../../../src/core/text/sanitize-text.js';

const HOSTILE = 'a\u001b[1A\u001b[2K\u001b]0;t\u0007\u009b2J\u202eb\r\u0008\u007f\u2028';

describe('sanitizeOutput on text from outside', () => {
  it('shows every control character in a value', () => {
    expect(sanitizeOutput(HOSTILE)).toBe(
      'a\\u001b[1A\\u001b[2K\\u001b]0;t\\u0007\\u009b2J\\u202eb\\u000d\\u0008\\u007f\\u2028',
    );
  });
  it('leaves ordinary text, accents and emoji alone', () => {
    expect(sanitizeOutput('Zürich · 東京 🚀 +=,.@-_')).toBe('Zürich · 東京 🚀 +=,.@-_');
  });
});

describe('sanitizeOutput (a rendered text)', () => {
  it('keeps lines and tabs, shows everything else', () => {
    expect(sanitizeOutput(`x\t${HOSTILE}\ny`)).toBe(`x\t${sanitizeOutput(HOSTILE)}\ny`);
  });
  it('keeps only the tool palette when colours are on', () => {
    const text = `\u001b[32mok\u001b[39m \u001b[1mb\u001b[22m \u001b[8mhide\u001b[0m \u001b[2J \u001b[30m`;
    expect(sanitizeOutput(text, { keepColors: true })).toBe(
      '\u001b[32mok\u001b[39m \u001b[1mb\u001b[22m \\u001b[8mhide\u001b[0m \\u001b[2J \\u001b[30m',
    );
    expect(sanitizeOutput(text)).not.toContain('\u001b');
  });
  it('cannot be tricked by the private marker it uses for kept colours', () => {
    expect(sanitizeOutput('\ue01b[2J', { keepColors: true })).toBe('\\ue01b[2J');
  });
  it('is idempotent and keeps JSON meaning', () => {
    const json = JSON.stringify({ name: HOSTILE });
    const once = sanitizeOutput(json);
    expect(sanitizeOutput(once)).toBe(once);
    expect(JSON.parse(once).name).toBe(HOSTILE);
  });
});

describe('line endings', () => {
  it('keeps CRLF (CSV records) but shows a lone CR', () => {
    expect(sanitizeOutput('a,b\r\nc\rd')).toBe('a,b\r\nc\\u000dd');
  });
});
