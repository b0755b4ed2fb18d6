import { sanitizeOutput } from '../core/text/sanitize-text.js';
import { ConfigError, type GuardrailsError, isGuardrailsError } from '../errors.js';

/** The single place errors become text. Stack traces only with --debug. */
export function renderError(err: unknown, options: { debug: boolean }): string {
  // Messages quote names from the organization and AWS's own words: shown, never obeyed.
  return sanitizeOutput(renderErrorText(err, options));
}

function renderErrorText(err: unknown, options: { debug: boolean }): string {
  const lines: string[] = [];
  if (isGuardrailsError(err)) {
    if (err.code === 'USER_ABORT') return `${err.message}\n`;
    lines.push(`Error: ${err.message}`);
    if (err instanceof ConfigError) {
      if (err.file) lines.push(`  file: ${err.file}`);
      for (const issue of err.issues) lines.push(`  ! ${issue.path}  ${issue.message}`);
    }
    if (err.hint) lines.push(`  hint: ${err.hint}`);
    if (options.debug) lines.push(stackOf(err));
    else if (err.code === 'BUG') lines.push('  (run again with --debug for the stack trace)');
  } else {
    const message = err instanceof Error ? err.message : String(err);
    lines.push(`Error: unexpected failure: ${message}`);
    lines.push(options.debug ? stackOf(err) : '  (run again with --debug for the stack trace)');
  }
  return `${lines.join('\n')}\n`;
}

function stackOf(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  while (current instanceof Error) {
    parts.push(current.stack ?? current.message);
    current = (current as GuardrailsError).cause;
    if (current) parts.push('Caused by:');
  }
  return parts.join('\n');
}
