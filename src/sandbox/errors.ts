/*
 * The sandbox's own errors: it is a separate server and imports nothing from the tool's runtime
 * (scripts/import-boundaries.ts checks it). The sandbox command turns SandboxStartError into the
 * tool's UsageError.
 */

/**
 * An error the sandbox answers with, shaped like AWS's: a code, an HTTP status, a message and
 * optional extra members (Organizations `Reason`, `Type`). Handlers throw it; the protocol layer
 * renders it as JSON or XML for the calling service.
 */
export class AwsError extends Error {
  readonly awsCode: string;
  readonly status: number;
  readonly extra: Record<string, string>;

  constructor(
    awsCode: string,
    status: number,
    message: string,
    extra: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AwsError';
    this.awsCode = awsCode;
    this.status = status;
    this.extra = extra;
  }
}

export function isAwsError(err: unknown): err is AwsError {
  return err instanceof AwsError;
}

/** The sandbox refuses to start as configured (the message says why, the hint what to do). */
export class SandboxStartError extends Error {
  readonly hint: string;

  constructor(message: string, hint: string) {
    super(message);
    this.name = 'SandboxStartError';
    this.hint = hint;
  }
}
