/**
 * The one place SDK clients are built (CDK's sdk.ts): region, credentials, endpoint, retry
 * strategy and user agent are decided here once, so every gateway talks to AWS — or to any
 * AWS-compatible endpoint such as the sandbox — the same way.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import {
  doesIdentityRequireRefresh,
  isIdentityExpired,
  memoizeIdentityProvider,
} from '@smithy/core';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import {
  accountSigner,
  bindAccount,
  NO_CLIENT_CREDENTIALS,
  resolveAccountIdentity,
} from './account-signing.js';
import { judgeReplyByBody } from './judge-reply-body.js';
import { DEFAULT_SDK_RETRY, type RetryPolicy } from './retry-settings.js';

export interface ClientFactoryOptions {
  /** --profile: shared-config profile for the caller's credentials (and region). */
  profile?: string | undefined;
  /** --region */
  region?: string | undefined;
  /** --endpoint-url: every service goes there. */
  endpointUrl?: string | undefined;
  /** The environment the CLI was handed (process.env in production, a test's env in-process). */
  env: Record<string, string | undefined>;
  /** Explicit caller credentials; otherwise the standard chain. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;
  /** Per-call SDK retries (retry-settings.ts); absent = DEFAULT_SDK_RETRY. */
  retry?: RetryPolicy | undefined;
  /** Max open sockets per endpoint, shared by every client (≈ the sweep concurrency). */
  maxSockets?: number | undefined;
  toolVersion: string;
}

type ServiceId = 'ORGANIZATIONS' | 'STS' | 'EC2' | 'CLOUDWATCH' | 'AUTO_SCALING' | 'CLOUDTRAIL';

/**
 * The settings every SDK client resolves on its first call from the environment and the shared
 * config files (FIPS, dual-stack, app id, retry mode, defaults mode, auth scheme preference),
 * plus its HTTP handler. A sweep builds one client per account × region; resolving these once
 * per service and handing the memoized providers to the next client cuts a third of the CPU
 * per call, with exactly the values the SDK would have resolved itself.
 */
const SHARED_CONFIG_KEYS = [
  'useFipsEndpoint',
  'useDualstackEndpoint',
  'userAgentAppId',
  'retryMode',
  'defaultsMode',
  'authSchemePreference',
  'requestHandler',
] as const;

type SharedConfig = Pick<EC2ClientConfig, (typeof SHARED_CONFIG_KEYS)[number]>;

/** SigV4 signing names (the SDK passes the endpoint's own when it has one). */
const SIGNING_NAMES: Record<ServiceId, string> = {
  ORGANIZATIONS: 'organizations',
  STS: 'sts',
  EC2: 'ec2',
  CLOUDWATCH: 'monitoring',
  AUTO_SCALING: 'autoscaling',
  CLOUDTRAIL: 'cloudtrail',
};

type SharedClientConfig = EC2ClientConfig & { region: string };

interface ConfiguredClient {
  config: object;
}

/** Organizations is a global service reached through us-east-1 (it signs for us-east-1 there). */
export const ORGANIZATIONS_REGION = 'us-east-1';
export const FALLBACK_REGION = 'us-east-1';

export class ClientFactory {
  readonly callerCredentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  private readonly retry: RetryPolicy;
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;
  private regionPromise: Promise<string> | undefined;
  private readonly shared = new Map<ServiceId, SharedConfig>();
  /** One client per service × region, shared by every account (see account-signing.ts). */
  private readonly regional = new Map<string, ConfiguredClient>();
  /** The caller's credentials as one memoized provider, for calls on the shared clients. */
  private readonly callerProvider: AwsCredentialIdentityProvider;

  constructor(private readonly options: ClientFactoryOptions) {
    this.retry = options.retry ?? DEFAULT_SDK_RETRY;
    this.callerCredentials = options.credentials ?? resolveCallerCredentials(options);
    const caller = this.callerCredentials;
    this.callerProvider =
      typeof caller === 'function'
        ? (memoizeIdentityProvider(
            caller,
            isIdentityExpired,
            doesIdentityRequireRefresh,
          ) as AwsCredentialIdentityProvider)
        : async () => caller;
    // One keep-alive pool for every client: thousands of account × region clients share sockets.
    const maxSockets = options.maxSockets ?? 64;
    this.httpAgent = new HttpAgent({ keepAlive: true, maxSockets });
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets });
  }

  /** The caller's home region: --region, AWS_REGION, the profile's region, else us-east-1. */
  homeRegion(): Promise<string> {
    this.regionPromise ??= resolveRegion(this.options);
    return this.regionPromise;
  }

  organizations(): OrganizationsClient {
    return judgeReplyByBody(
      new OrganizationsClient({
        ...this.common('ORGANIZATIONS'),
        region: ORGANIZATIONS_REGION,
        credentials: this.callerCredentials,
      }),
      'json',
    );
  }

  /** STS with the caller's credentials, in the home region (regional endpoint, v2 tokens). */
  sts(): STSClient {
    return judgeReplyByBody(
      new STSClient({
        ...this.common('STS'),
        region: () => this.homeRegion(),
        credentials: this.callerCredentials,
      }),
      'xml',
    );
  }

  /**
   * EC2 in a region with an account's credentials (the caller's when none are given). Every
   * account shares one client per region; each call is signed with its own account's credentials.
   */
  ec2(region: string, credentials?: AwsCredentialIdentityProvider): EC2Client {
    const shared = this.sharedClient('EC2', region, (config) =>
      judgeReplyByBody(new EC2Client(config), 'xml'),
    );
    return bindAccount(shared, credentials ?? this.callerProvider);
  }

  cloudWatch(region: string, credentials?: AwsCredentialIdentityProvider): CloudWatchClient {
    const shared = this.sharedClient('CLOUDWATCH', region, (config) =>
      judgeReplyByBody(new CloudWatchClient(config), 'json'),
    );
    return bindAccount(shared, credentials ?? this.callerProvider);
  }

  autoScaling(region: string, credentials?: AwsCredentialIdentityProvider): AutoScalingClient {
    const shared = this.sharedClient('AUTO_SCALING', region, (config) =>
      judgeReplyByBody(new AutoScalingClient(config), 'xml'),
    );
    return bindAccount(shared, credentials ?? this.callerProvider);
  }

  private sharedClient<C extends ConfiguredClient & Parameters<typeof resolveAccountIdentity>[0]>(
    service: ServiceId,
    region: string,
    create: (config: SharedClientConfig) => C,
  ): C {
    const key = `${service}/${region}`;
    const existing = this.regional.get(key) as C | undefined;
    if (existing) return existing;
    const client = resolveAccountIdentity(
      this.remember(
        service,
        create({
          ...this.common(service),
          ...this.shared.get(service),
          region,
          credentials: NO_CLIENT_CREDENTIALS,
          signer: accountSigner(SIGNING_NAMES[service], region),
          // One client sends thousands of calls: resolve its middleware stack once per command.
          cacheMiddleware: true,
        }),
      ),
    );
    this.regional.set(key, client);
    return client;
  }

  cloudTrail(region: string, credentials?: AwsCredentialIdentityProvider): CloudTrailClient {
    return judgeReplyByBody(
      this.remember(
        'CLOUDTRAIL',
        new CloudTrailClient({
          ...this.common('CLOUDTRAIL'),
          ...this.shared.get('CLOUDTRAIL'),
          region,
          credentials: credentials ?? this.callerCredentials,
        }),
      ),
      'json',
    );
  }

  /** The first client of a service lends its resolved settings to every later one. */
  private remember<C extends ConfiguredClient>(service: ServiceId, client: C): C {
    if (!this.shared.has(service)) {
      const config = client.config as Record<string, unknown>;
      this.shared.set(
        service,
        // The resolved values are the memoized providers and handler the config accepts.
        Object.fromEntries(
          SHARED_CONFIG_KEYS.filter((key) => config[key] !== undefined).map((key) => [
            key,
            config[key],
          ]),
        ) as SharedConfig,
      );
    }
    return client;
  }

  /** Closes the shared sockets so the process can exit promptly. */
  destroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private common(service: ServiceId) {
    const endpoint = resolveEndpoint(service, this.options);
    const { maxAttempts, baseDelayMs, maxDelayMs } = this.retry;
    return {
      ...(endpoint ? { endpoint } : {}),
      // Also set here: the SDK reports it in the amz-sdk-request header.
      maxAttempts,
      retryStrategy: new ConfiguredRetryStrategy(maxAttempts, (attempt: number) =>
        // Full jitter over a capped exponential: spreads retries of a throttled fan-out.
        Math.floor(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt)),
      ),
      customUserAgent: `org-guardrails/${this.options.toolVersion}`,
      requestHandler: { httpAgent: this.httpAgent, httpsAgent: this.httpsAgent },
    };
  }
}

/**
 * Endpoint precedence as the SDK applies it (--endpoint-url, AWS_ENDPOINT_URL_<SERVICE>,
 * AWS_ENDPOINT_URL, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS), but read from the environment
 * the CLI was handed, so an in-process run with its own env behaves like a real process.
 * Undefined = let the SDK decide (shared-config `endpoint_url`, else the real AWS endpoint).
 */
export function resolveEndpoint(
  service: ServiceId,
  options: Pick<ClientFactoryOptions, 'endpointUrl' | 'env'>,
): string | undefined {
  if (options.endpointUrl) return options.endpointUrl;
  const { env } = options;
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true') return undefined;
  return env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL || undefined;
}

async function resolveRegion(options: ClientFactoryOptions): Promise<string> {
  const fromFlagOrEnv = options.region || options.env.AWS_REGION || options.env.AWS_DEFAULT_REGION;
  if (fromFlagOrEnv) return fromFlagOrEnv;
  const profile = options.profile ?? options.env.AWS_PROFILE ?? 'default';
  try {
    const files = await loadSharedConfigFiles({ ignoreCache: false });
    const region = files.configFile?.[profile]?.region ?? files.credentialsFile?.[profile]?.region;
    if (region) return region;
  } catch {
    // No shared config files: fall through to the default region.
  }
  return FALLBACK_REGION;
}

/**
 * Static keys from the handed env when present and no profile was asked for (what the SDK's
 * env provider would do); otherwise the standard Node chain — profiles with role_arn, SSO,
 * credential_process, web identity, container and instance metadata.
 */
function resolveCallerCredentials(
  options: ClientFactoryOptions,
): AwsCredentialIdentity | AwsCredentialIdentityProvider {
  const { env } = options;
  if (!options.profile && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    };
  }
  const endpoint = resolveEndpoint('STS', options);
  return fromNodeProviderChain({
    ...(options.profile ? { profile: options.profile } : {}),
    // The nested STS client of a role_arn profile follows the same endpoint and region.
    clientConfig: {
      ...(options.region ? { region: options.region } : {}),
      ...(endpoint ? { endpoint } : {}),
    },
  });
}
