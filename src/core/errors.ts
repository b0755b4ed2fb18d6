/**
 * The one error family of the tool. Anything thrown on purpose is a GuardrailsError; the CLI
 * renders it once (src/cli.ts) and exits with its exitCode. Stack traces only with --debug.
 */
export type ErrorCode =
  | 'CONFIG'
  | 'PREFLIGHT'
  | 'AWS_API'
  | 'PLAN_STALE'
  | 'USER_ABORT'
  | 'NON_INTERACTIVE'
  | 'USAGE'
  | 'BUG';

export const ExitCode = {
  ok: 0,
  error: 1,
  changesOrFindings: 2,
  partial: 3,
  aborted: 130,
} as const;

export class GuardrailsError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.error;
  }
}

/** One problem found in a config file: where it is and what was expected. */
export interface ConfigIssue {
  path: string;
  message: string;
}

export class ConfigError extends GuardrailsError {
  readonly file: string | undefined;
  readonly issues: readonly ConfigIssue[];

  constructor(
    message: string,
    options: { file?: string; issues?: ConfigIssue[]; hint?: string; cause?: unknown } = {},
  ) {
    super('CONFIG', message, options);
    this.file = options.file;
    this.issues = options.issues ?? [];
  }
}

/** Wrong account, organization not in use, missing permission: found before any change. */
export class PreflightError extends GuardrailsError {
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('PREFLIGHT', message, options);
  }
}

export interface AwsCallContext {
  service: string;
  operation: string;
  accountId?: string | undefined;
  region?: string | undefined;
}

/** An AWS call that failed after retries; carries where it happened and whether it may pass later. */
/**
 * Why an AWS failure is worth another try (decided once, where the error is mapped:
 * src/aws/map-aws-error.ts): `throttling` and `transient` (5xx, timeouts) the SDK already
 * retried; `conflict` (Organizations: another write in progress) it never retries; `network`
 * (connection refused/reset). Absent = retrying cannot help.
 */
export type RetryKind = 'throttling' | 'transient' | 'conflict' | 'network';

export class AwsApiError extends GuardrailsError {
  readonly context: AwsCallContext;
  readonly awsCode: string;
  readonly retryKind: RetryKind | undefined;
  readonly httpStatus: number | undefined;

  constructor(
    context: AwsCallContext,
    awsCode: string,
    message: string,
    options: { retryKind?: RetryKind; httpStatus?: number; hint?: string; cause?: unknown } = {},
  ) {
    const where = [context.accountId, context.region].filter(Boolean).join(' ');
    super(
      'AWS_API',
      `${context.service}:${context.operation}${where ? ` (${where})` : ''} failed: ${awsCode}: ${message}`,
      options,
    );
    this.context = context;
    this.awsCode = awsCode;
    this.retryKind = options.retryKind;
    this.httpStatus = options.httpStatus;
  }

  get retryable(): boolean {
    return this.retryKind !== undefined;
  }
}

export class PlanStaleError extends GuardrailsError {
  readonly changedTargets: readonly string[];

  constructor(changedTargets: string[], options: { hint?: string } = {}) {
    super(
      'PLAN_STALE',
      `The saved plan is stale: ${changedTargets.length} target(s) changed since it was made: ${changedTargets.slice(0, 10).join(', ')}${changedTargets.length > 10 ? ', …' : ''}`,
      {
        hint:
          options.hint ?? 'Run `guardrails plan --out plan.json` again and review the new plan.',
      },
    );
    this.changedTargets = changedTargets;
  }
}

/** The user declined. Rendered as one quiet line; non-zero exit. */
export class UserAbortError extends GuardrailsError {
  constructor(message = 'Aborted: nothing was changed.', exitCode: number = ExitCode.aborted) {
    super('USER_ABORT', message, { exitCode });
  }
}

/** A confirmation was needed but there is no terminal to ask in. */
export class NonInteractiveError extends GuardrailsError {
  constructor(question: string, flag: string) {
    super(
      'NON_INTERACTIVE',
      `${question} needs confirmation, but this is not an interactive terminal.`,
      {
        hint: `Pass ${flag} to proceed without a prompt.`,
      },
    );
  }
}

/**
 * Changes that loosen a protection, with nobody at a terminal to approve them and no
 * --allow-relaxing: --yes alone never approves them. The message names every one.
 */
export class RelaxingNotApprovedError extends GuardrailsError {
  readonly changes: readonly string[];

  constructor(changes: string[], count: number) {
    super(
      'NON_INTERACTIVE',
      `Refusing ${count === 1 ? '1 relaxing change' : `${count} relaxing changes`} (${count === 1 ? 'it loosens' : 'they loosen'} a protection; --yes alone does not approve that):\n${changes.map((c) => `  ${c}`).join('\n')}`,
      {
        hint: 'Review them with `guardrails plan`, then add --allow-relaxing, or apply in a terminal to be asked.',
      },
    );
    this.changes = changes;
  }
}

export class UsageError extends GuardrailsError {
  constructor(message: string, options: { hint?: string } = {}) {
    super('USAGE', message, options);
  }
}

/** An invariant broke: a bug in guardrails, not the user's fault. */
export class BugError extends GuardrailsError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('BUG', `Internal error (please report): ${message}`, options);
  }
}

export function isGuardrailsError(err: unknown): err is GuardrailsError {
  return err instanceof GuardrailsError;
}
