import type { CallContext } from '../context.js';
import type { AwsError } from '../errors.js';
import type { Reply } from '../protocol/reply.js';
import type { BucketRate } from '../throttle.js';

export type AuthProblem = 'missing' | 'unknown' | 'expired';

/**
 * One AWS service the sandbox speaks. `Input` is the parsed JSON body (JSON protocols) or the
 * form parameters (query protocols); a handler returns the output object (JSON) or the rendered
 * XML members (query). New services (CloudWatch, Auto Scaling, more EC2) plug in here.
 */
export interface ServiceDef<Input> {
  /** SigV4 signing name and counter prefix, e.g. `ec2`. */
  name: string;
  protocol: 'json' | 'query' | 'ec2';
  operations: Record<string, (ctx: CallContext, input: Input) => unknown>;
  authError(problem: AuthProblem): AwsError;
  unknownOperation(operation: string): AwsError;
  /** A refusal before anything else (e.g. EC2 in a region the account has not enabled). */
  precheck?(ctx: CallContext): AwsError | undefined;
  throttleError(ctx: CallContext): AwsError;
  /** A retryable 5xx for the failRate knob; `pick` is uniform in [0, 1). */
  failureError(pick: number): AwsError;
  /** The token bucket of an operation, when it is rate limited. */
  bucket(operation: string): BucketRate | undefined;
  /** Whether the bucket is per region (EC2, STS) or per account only (Organizations is global). */
  regionalBuckets: boolean;
  /**
   * The entities a write modifies while it is in progress (from arrival to answer), and the error
   * a second write touching one of them meanwhile gets (Organizations' ConcurrentModification).
   */
  conflicts?: {
    entities(operation: string, input: Input): string[];
    error(): AwsError;
  };
  /**
   * Renders success and error answers itself, for protocols the generic renderers do not cover
   * (CloudWatch: JSON 1.0 with `x-amzn-query-error`).
   */
  render?: {
    success(operation: string, output: unknown, requestId: string): Reply;
    error(err: AwsError, requestId: string): Reply;
  };
}

export type JsonInput = Record<string, unknown>;
export type QueryInput = URLSearchParams;
