import { GuardrailsError } from '../errors.js';

/**
 * An error the sandbox answers with, shaped like AWS's: a code, an HTTP status, a message and
 * optional extra members (Organizations `Reason`, `Type`). Handlers throw it; the protocol layer
 * renders it as JSON or XML for the calling service.
 */
export class AwsError extends GuardrailsError {
  readonly awsCode: string;
  readonly status: number;
  readonly extra: Record<string, string>;

  constructor(
    awsCode: string,
    status: number,
    message: string,
    extra: Record<string, string> = {},
  ) {
    super('AWS_API', message);
    this.awsCode = awsCode;
    this.status = status;
    this.extra = extra;
  }
}

export function isAwsError(err: unknown): err is AwsError {
  return err instanceof AwsError;
}
