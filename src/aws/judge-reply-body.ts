/**
 * Replies are judged by their body, not by their content-type header. AWS-compatible emulators
 * have been seen answering Organizations' JSON as `text/html`: the body is what the protocol
 * expects, so the reply is accepted. A proxy or captive portal answering with an HTML page and
 * HTTP 200 is refused: the SDK's XML parser would read that page as an empty result
 * (GetInstanceMetadataDefaults as "nothing set", ModifyInstanceMetadataDefaults as a success).
 * The refusal is a deserialization error, which map-aws-error turns into MalformedResponse naming
 * service, operation, account and region.
 *
 * The middleware sits inside the SDK's deserializer (deserialize step, low priority), reads the
 * raw body once and hands the deserializer the same bytes. Only successful replies are judged:
 * an error status keeps the SDK's own handling (a 502 page from a proxy stays retryable).
 */
import type {
  DeserializeHandler,
  DeserializeHandlerArguments,
  MetadataBearer,
} from '@smithy/types';

/** What a successful reply body must be: JSON (awsJson1_0/1_1) or XML (query, ec2Query). */
export type ReplyBody = 'json' | 'xml';

interface RawResponse {
  statusCode?: number;
  headers?: Record<string, string | undefined>;
  body?: unknown;
}

class MalformedReplyError extends Error {
  override readonly name = 'SyntaxError';
  constructor(
    message: string,
    readonly $response: RawResponse,
    readonly $metadata: { httpStatusCode?: number },
  ) {
    super(message);
  }
}

interface StackOwner {
  middlewareStack: {
    add(
      middleware: (
        next: DeserializeHandler<object, MetadataBearer>,
      ) => DeserializeHandler<object, MetadataBearer>,
      options: { step: 'deserialize'; name: string; priority: 'low' },
    ): void;
  };
}

/** Why `text` is not a `expected` body, or undefined when it is one. Empty bodies pass. */
export function bodyProblem(text: string, expected: ReplyBody): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^<!doctype\s+html|^<html[\s>]/i.test(trimmed)) return 'an HTML page';
  if (expected === 'json') {
    try {
      JSON.parse(trimmed);
      return undefined;
    } catch {
      return 'a body that is not JSON';
    }
  }
  // XML: the SDK's own parser reports truncated documents; what it would silently accept is a
  // body that is not markup at all.
  return trimmed.startsWith('<') ? undefined : 'a body that is not XML';
}

async function readBody(body: unknown): Promise<Uint8Array | undefined> {
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body === null || typeof body !== 'object' || !(Symbol.asyncIterator in body)) {
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
  }
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export function judgeReplyByBody<T extends StackOwner>(client: T, expected: ReplyBody): T {
  client.middlewareStack.add(
    (next) => async (args: DeserializeHandlerArguments<object>) => {
      const result = await next(args);
      const response = result.response as RawResponse | undefined;
      const status = response?.statusCode ?? 0;
      if (!response || status < 200 || status >= 300) return result;
      const bytes = await readBody(response.body);
      if (bytes === undefined) return result;
      // The deserializer collects a Uint8Array body as is.
      response.body = bytes;
      const problem = bodyProblem(new TextDecoder().decode(bytes), expected);
      if (problem) {
        const type = response.headers?.['content-type'] ?? 'no content type';
        throw new MalformedReplyError(
          `Deserialization error: expected ${expected.toUpperCase()}, got ${problem} (${type})`,
          response,
          { httpStatusCode: status },
        );
      }
      return result;
    },
    { step: 'deserialize', name: 'guardrailsJudgeReplyByBody', priority: 'low' },
  );
  return client;
}
