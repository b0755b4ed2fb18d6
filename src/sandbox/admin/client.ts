import type { ImdsDefaults } from '../../core/model/types.js';
import type { FaultSettings } from '../options.js';
import type { NetworkLayout, RegionNetwork } from '../state/network.js';
import type { RoleSpec } from '../state/world.js';
import type { AdminAccount, AdminCounters, AdminImds, AdminPolicy } from './types.js';

/** Typed helpers over the HTTP admin API under /_sandbox/ (see SPEC.md). */
export class SandboxAdmin {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/_sandbox/${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(this.token === undefined ? {} : { authorization: `Bearer ${this.token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`Sandbox admin ${method} ${path} failed (${response.status}): ${text}`);
    }
    return JSON.parse(text) as T;
  }

  info(): Promise<{
    organizationId: string;
    rootId: string;
    managementAccountId: string;
    accounts: number;
  }> {
    return this.request('GET', 'info');
  }
  accounts(): Promise<AdminAccount[]> {
    return this.request('GET', 'accounts');
  }
  account(accountId: string): Promise<AdminAccount> {
    return this.request('GET', `accounts/${accountId}`);
  }
  /**
   * Change an account's status (e.g. SUSPENDED), its roles (e.g. [] to remove the member role)
   * or its name (any string: hostile names are a test case; AWS's own name rules are not applied).
   */
  updateAccount(
    accountId: string,
    patch: { status?: AdminAccount['status']; roles?: RoleSpec[]; name?: string },
  ): Promise<AdminAccount> {
    return this.request('PUT', `accounts/${accountId}`, patch);
  }
  /** Rename an OU (any string, like `updateAccount`'s name). */
  renameOu(ouId: string, name: string): Promise<{ id: string; name: string; parentId: string }> {
    return this.request('PUT', `ous/${ouId}`, { name });
  }
  getImds(accountId: string, region: string): Promise<AdminImds> {
    return this.request('GET', `accounts/${accountId}/regions/${region}/imds`);
  }
  /** Replaces the account's own defaults in that region (`{}` clears them). */
  setImds(accountId: string, region: string, defaults: ImdsDefaults): Promise<AdminImds> {
    return this.request('PUT', `accounts/${accountId}/regions/${region}/imds`, defaults);
  }
  /** VPCs and subnets of an account × region (state/network.ts). */
  network(accountId: string, region: string): Promise<RegionNetwork> {
    return this.request('GET', `accounts/${accountId}/regions/${region}/network`);
  }
  /** `default` (AWS's default VPC), `private` (a landing-zone VPC only) or `none`. */
  setNetwork(accountId: string, region: string, layout: NetworkLayout): Promise<RegionNetwork> {
    return this.request('PUT', `accounts/${accountId}/regions/${region}/network`, { layout });
  }
  setRegionEnabled(accountId: string, region: string, enabled: boolean): Promise<AdminAccount> {
    return this.request('PUT', `accounts/${accountId}/regions/${region}`, { enabled });
  }
  disableRegion(accountId: string, region: string): Promise<AdminAccount> {
    return this.setRegionEnabled(accountId, region, false);
  }
  enableRegion(accountId: string, region: string): Promise<AdminAccount> {
    return this.setRegionEnabled(accountId, region, true);
  }
  policies(): Promise<AdminPolicy[]> {
    return this.request('GET', 'policies');
  }
  attachments(): Promise<Record<string, string[]>> {
    return this.request('GET', 'attachments');
  }
  counters(): Promise<AdminCounters> {
    return this.request('GET', 'counters');
  }
  resetCounters(): Promise<void> {
    return this.request('POST', 'counters/reset');
  }
  faults(): Promise<FaultSettings> {
    return this.request('GET', 'faults');
  }
  /** Changes fault knobs at run time; token buckets restart full. */
  setFaults(patch: Partial<FaultSettings>): Promise<FaultSettings> {
    return this.request('PUT', 'faults', patch);
  }
  /** Every temporary credential issued so far answers ExpiredToken from now on. */
  expireCredentials(): Promise<void> {
    return this.request('POST', 'credentials/expire');
  }
}
