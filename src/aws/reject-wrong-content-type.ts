/**
 * A proxy or captive portal answering an AWS call with an HTML page and HTTP 200 parses as an
 * empty XML result in the SDK: GetInstanceMetadataDefaults would read as "nothing set" and
 * ModifyInstanceMetadataDefaults as a success. No AWS API answers with HTML, so such a reply is
 * refused here as a deserialization error (mapped to MalformedResponse with service, operation,
 * account and region).
 */
import type { InitializeHandler, InitializeHandlerArguments, MetadataBearer } from '@smithy/types';

interface RawResponse {
  statusCode?: number;
  headers?: Record<string, string | undefined>;
}

class WrongContentTypeError extends Error {
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
        next: InitializeHandler<object, MetadataBearer>,
      ) => InitializeHandler<object, MetadataBearer>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

export function rejectWrongContentType<T extends StackOwner>(client: T): T {
  client.middlewareStack.add(
    (next) => async (args: InitializeHandlerArguments<object>) => {
      const result = await next(args);
      const response = (result as { response?: RawResponse }).response;
      const type = response?.headers?.['content-type'] ?? '';
      if (/html/i.test(type)) {
        const status = response?.statusCode;
        throw new WrongContentTypeError(
          `Deserialization error: expected XML or JSON, got ${type}`,
          response ?? {},
          status === undefined ? {} : { httpStatusCode: status },
        );
      }
      return result;
    },
    { step: 'initialize', name: 'guardrailsRejectWrongContentType' },
  );
  return client;
}
