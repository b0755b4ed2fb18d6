import { describe, expect, it } from 'vitest';
import { ClientFactory, resolveEndpoint } from '../../src/aws/client-factory.js';
import {
  DEFAULT_RETRY_POLICY,
  DEFAULT_SDK_RETRY,
  retrySettingsFromEnv,
} from '../../src/aws/retry-settings.js';

describe('resolveEndpoint', () => {
  it('prefers --endpoint-url, then the per-service variable, then AWS_ENDPOINT_URL', () => {
    const env = { AWS_ENDPOINT_URL: 'http://all', AWS_ENDPOINT_URL_EC2: 'http://ec2' };
    expect(resolveEndpoint('EC2', { endpointUrl: 'http://flag', env })).toBe('http://flag');
    expect(resolveEndpoint('EC2', { env })).toBe('http://ec2');
    expect(resolveEndpoint('STS', { env })).toBe('http://all');
    expect(resolveEndpoint('STS', { env: {} })).toBeUndefined();
  });

  it('honours AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', () => {
    const env = { AWS_ENDPOINT_URL: 'http://all', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' };
    expect(resolveEndpoint('EC2', { env })).toBeUndefined();
  });
});

describe('ClientFactory', () => {
  it('resolves the home region from --region, then AWS_REGION, else us-east-1', async () => {
    const base = { toolVersion: '0.0.0', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } };
    expect(
      await new ClientFactory({
        ...base,
        region: 'eu-west-1',
        env: { AWS_REGION: 'us-west-2' },
      }).homeRegion(),
    ).toBe('eu-west-1');
    expect(
      await new ClientFactory({ ...base, env: { AWS_REGION: 'us-west-2' } }).homeRegion(),
    ).toBe('us-west-2');
    expect(
      await new ClientFactory({
        ...base,
        env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' },
        profile: 'nope',
      }).homeRegion(),
    ).toBe('us-east-1');
  });

  it('builds Organizations in us-east-1 whatever the home region, with our user agent', async () => {
    const factory = new ClientFactory({
      toolVersion: '9.9.9',
      region: 'eu-west-1',
      env: {},
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    const orgs = factory.organizations();
    expect(await orgs.config.region()).toBe('us-east-1');
    expect(JSON.stringify(orgs.config.customUserAgent)).toContain('org-guardrails/9.9.9');
    factory.destroy();
  });
});

describe('retrySettingsFromEnv', () => {
  it('reads AWS_MAX_ATTEMPTS (SDK calls) and the backoff knobs (both layers)', () => {
    const settings = retrySettingsFromEnv({
      AWS_MAX_ATTEMPTS: '4',
      GUARDRAILS_RETRY_BASE_MS: '0',
      GUARDRAILS_RETRY_MAX_MS: '5',
    });
    expect(settings.sdk).toEqual({ maxAttempts: 4, baseDelayMs: 0, maxDelayMs: 5 });
    expect(settings.change).toEqual({ ...DEFAULT_RETRY_POLICY, baseDelayMs: 0, maxDelayMs: 5 });
    expect(retrySettingsFromEnv({})).toEqual({
      sdk: DEFAULT_SDK_RETRY,
      change: DEFAULT_RETRY_POLICY,
    });
  });

  it('refuses a value that is not a whole number, naming the variable', () => {
    expect(() => retrySettingsFromEnv({ AWS_MAX_ATTEMPTS: 'x' })).toThrow(
      'AWS_MAX_ATTEMPTS must be a whole number of at least 1; got "x"',
    );
    expect(() => retrySettingsFromEnv({ GUARDRAILS_RETRY_BASE_MS: '-1' })).toThrow(
      'GUARDRAILS_RETRY_BASE_MS must be a whole number (0 or more); got "-1"',
    );
  });
});
