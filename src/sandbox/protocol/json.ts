import type { AwsError } from '../errors.js';
import type { Reply } from './reply.js';

const JSON_11 = 'application/x-amz-json-1.1';

/** Success body of a JSON 1.1 operation (`{}` for operations without output). */
export function jsonReply(output: unknown): Reply {
  return { status: 200, contentType: JSON_11, body: JSON.stringify(output ?? {}) };
}

/** `{"__type": Code, "Message": …, …extra}` with AWS's status (400 for Organizations client errors). */
export function jsonErrorReply(err: AwsError): Reply {
  return {
    status: err.status,
    contentType: JSON_11,
    body: JSON.stringify({ __type: err.awsCode, Message: err.message, ...err.extra }),
  };
}

/** JSON timestamps must be epoch seconds as numbers (an ISO string breaks the SDK). */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
