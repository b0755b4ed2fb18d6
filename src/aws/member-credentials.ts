/**
 * Credentials per member account via sts:AssumeRole: one in-flight request per account, cached,
 * refreshed before they expire (long sweeps outlive a session). The management account never
 * assumes a role: it uses the caller's own credentials.
 */
import type { AwsCredentialIdentity } from '@smithy/types';
import { AwsApiError } from '../errors.js';
import type { AssumedCredentials, StsGatewayImpl } from './sts-gateway.js';

export interface MemberRoleOptions {
  roleName: string;
  externalId?: string | undefined;
  /** Shows in CloudTrail, so changes are attributable to the tool. */
  sessionName: string;
  durationSeconds: number;
  /** ARN partition of the organization (`aws`, `aws-us-gov`, `aws-cn`). */
  partition?: string;
}

export interface MemberCredentialsOptions extends MemberRoleOptions {
  sts: StsGatewayImpl;
  now?: () => number;
  /** Refresh this long before expiry (capped at half the session lifetime). Default 5 min. */
  refreshBeforeMs?: number;
}

interface Entry {
  promise: Promise<AssumedCredentials>;
  issuedAt: number;
}

export class MemberCredentials {
  private readonly cache = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly refreshBeforeMs: number;

  constructor(private readonly options: MemberCredentialsOptions) {
    this.now = options.now ?? Date.now;
    this.refreshBeforeMs = options.refreshBeforeMs ?? 5 * 60_000;
  }

  roleArn(accountId: string): string {
    return `arn:${this.options.partition ?? 'aws'}:iam::${accountId}:role/${this.options.roleName}`;
  }

  /** Valid credentials for the account; throws AwsApiError (awsCode AccessDenied) when denied. */
  async get(accountId: string): Promise<AwsCredentialIdentity> {
    const cached = this.cache.get(accountId);
    if (cached && !(await this.isStale(cached))) return cached.promise;
    const entry: Entry = { promise: this.assume(accountId), issuedAt: this.now() };
    this.cache.set(accountId, entry);
    // A failed assume is not cached: the next caller tries again (the error reaches this one).
    entry.promise.catch(() => {
      if (this.cache.get(accountId) === entry) this.cache.delete(accountId);
    });
    return entry.promise;
  }

  invalidate(accountId: string): void {
    this.cache.delete(accountId);
  }

  private async isStale(entry: Entry): Promise<boolean> {
    let creds: AssumedCredentials;
    try {
      creds = await entry.promise;
    } catch {
      return true;
    }
    const expiresAt = creds.expiration.getTime();
    const lifetime = Math.max(0, expiresAt - entry.issuedAt);
    const margin = Math.min(this.refreshBeforeMs, lifetime / 2);
    return this.now() >= expiresAt - margin;
  }

  private async assume(accountId: string): Promise<AssumedCredentials> {
    const { sts, sessionName, durationSeconds, externalId } = this.options;
    try {
      return await sts.assumeRole({
        accountId,
        roleArn: this.roleArn(accountId),
        sessionName,
        durationSeconds,
        externalId,
      });
    } catch (err) {
      if (err instanceof AwsApiError && err.awsCode === 'AccessDenied') {
        const original = err.cause instanceof Error ? err.cause.message : err.message;
        throw new AwsApiError(err.context, 'AccessDenied', original, {
          hint: `Create the role ${this.options.roleName} in account ${accountId} trusting the management account, or set organization.memberRoleName.`,
          cause: err.cause ?? err,
        });
      }
      throw err;
    }
  }
}
