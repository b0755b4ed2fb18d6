/**
 * The few words a failed step shows next to its name ("✖ Discover [FAILED: …]"); the full error
 * is rendered once by the CLI below the checklist.
 */
import { AwsApiError, isGuardrailsError, RelaxingNotApprovedError } from '../errors.js';

export function failureSummary(err: unknown): string {
  if (err instanceof AwsApiError) {
    return `${err.context.service}:${err.context.operation} ${err.awsCode} (see below)`;
  }
  if (err instanceof RelaxingNotApprovedError) return 'relaxing changes need --allow-relaxing';
  if (!isGuardrailsError(err)) return 'unexpected error (see below)';
  switch (err.code) {
    case 'NON_INTERACTIVE':
      return 'no terminal to confirm in';
    case 'USER_ABORT':
      return 'stopped';
    case 'CONFIG':
      return 'config problem (see below)';
    case 'PREFLIGHT':
      return 'preflight check (see below)';
    case 'PLAN_STALE':
      return 'the saved plan is stale';
    case 'USAGE':
      return 'usage (see below)';
    default:
      return 'error (see below)';
  }
}
