/**
 * One SDK client per service × region, shared by every account: each call carries the
 * credentials of the account it is made for, and the request is signed with them.
 *
 * Why: a sweep used to build one client per account × region (17,000 at 1,000 × 17). Building a
 * client resolves its whole configuration, and a fresh client resolves its middleware stack and
 * a new SigV4 signer on every call; the profile showed that setup as the largest share of the
 * tool's CPU per call after the socket writes themselves.
 *
 * How: the SDK's auth middleware resolves one identity per client (`config.credentials`), and its
 * SigV4 signer reads `config.credentials` too. So the account's credentials provider rides on the
 * command input under a symbol (serialisers only read the members of the operation's schema, and
 * paginators copy it with the rest of the input), a build-step middleware resolves it and ties the
 * identity to the outgoing request, and the client's `signer` signs that request with a
 * SignatureV4 made for exactly that identity. The SDK's own signer wrapper still runs around it
 * (clock-skew correction, signing region and name from the endpoint).
 *
 * Fails closed: a request reaching the signer without an account identity is refused, never
 * signed with someone else's credentials.
 */
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  BuildHandler,
  BuildHandlerArguments,
  HttpRequest,
  MetadataBearer,
  RequestSigner,
  RequestSigningArguments,
} from '@smithy/types';

const ACCOUNT_CREDENTIALS = Symbol('guardrails.accountCredentials');

type Tagged = { [ACCOUNT_CREDENTIALS]?: AwsCredentialIdentityProvider };

interface SendingClient {
  send(command: { input: unknown }, ...rest: unknown[]): Promise<unknown>;
  middlewareStack: {
    add(
      middleware: (
        next: BuildHandler<object, MetadataBearer>,
      ) => BuildHandler<object, MetadataBearer>,
      options: { step: 'build'; name: string; priority: 'low' },
    ): void;
  };
}

/** Identities resolved for requests in flight, until the signer takes them. */
const identities = new WeakMap<object, AwsCredentialIdentity>();

/** A SignatureV4 per identity (the same object until the credentials are refreshed). */
const signers = new WeakMap<AwsCredentialIdentity, SignatureV4>();

/**
 * The `signer` for a shared client's config: signs each request with the identity the build
 * middleware attached to it, for the client's region and service unless the endpoint names
 * others (the SDK passes those in the options).
 */
export function accountSigner(service: string, region: string): RequestSigner {
  return {
    async sign(request: HttpRequest, options?: RequestSigningArguments): Promise<HttpRequest> {
      const identity = identities.get(request);
      if (!identity) {
        throw new Error(
          `No account credentials on a ${service} request of a shared client (refusing to sign).`,
        );
      }
      let signer = signers.get(identity);
      if (!signer) {
        signer = new SignatureV4({
          credentials: identity,
          region,
          service,
          sha256: Sha256,
          uriEscapePath: true,
        });
        signers.set(identity, signer);
      }
      // One identity signs for every region: the scope is always given explicitly.
      return signer.sign(request, {
        ...options,
        signingRegion: options?.signingRegion ?? region,
        signingService: options?.signingService ?? service,
      });
    },
  };
}

/** Placeholder for the shared client's own `credentials`: never used to sign (see above). */
export const NO_CLIENT_CREDENTIALS: AwsCredentialIdentity = {
  accessKeyId: 'per-request',
  secretAccessKey: 'per-request',
};

/** Installs the middleware that resolves each call's account credentials (once per client). */
export function resolveAccountIdentity<C extends SendingClient>(client: C): C {
  client.middlewareStack.add(
    (next) => async (args: BuildHandlerArguments<object>) => {
      const provider = (args.input as Tagged)[ACCOUNT_CREDENTIALS];
      if (!provider) {
        throw new Error('A call on a shared client was sent without account credentials.');
      }
      identities.set(args.request as object, await provider());
      return next(args);
    },
    { step: 'build', name: 'guardrailsAccountIdentity', priority: 'low' },
  );
  return client;
}

/**
 * The shared client as one account sees it: same config and sockets, every command sent with
 * that account's credentials. `destroy()` is a no-op (the factory owns the shared client).
 */
export function bindAccount<C extends SendingClient>(
  shared: C,
  credentials: AwsCredentialIdentityProvider,
): C {
  const bound = Object.create(shared) as C & { destroy(): void };
  bound.send = ((command: { input: unknown }, ...rest: unknown[]) => {
    (command.input as Tagged)[ACCOUNT_CREDENTIALS] = credentials;
    return shared.send(command, ...rest);
  }) as C['send'];
  bound.destroy = () => {};
  return bound;
}
