import type { AccountStatus, ImdsDefaults } from '../../core/model/types.js';
import { ALL_REGIONS, type RegionSet } from '../regions.js';
import { type PackedImds, packImds, unpackImds } from './imds.js';

/** A role that AssumeRole can enter; trusted by principals of the management account. */
export interface RoleSpec {
  name: string;
  /** When set, AssumeRole must pass exactly this ExternalId. */
  externalId?: string;
  /** MaxSessionDuration of the role in seconds (AWS default 3600). */
  maxSessionDuration?: number;
}

export const MEMBER_ROLE = 'OrganizationAccountAccessRole';
/** Shared by every account that has the default role (no per-account allocation). */
export const DEFAULT_MEMBER_ROLES: readonly RoleSpec[] = Object.freeze([{ name: MEMBER_ROLE }]);
export const NO_ROLES: readonly RoleSpec[] = Object.freeze([]);

export interface SbAccount {
  id: string;
  name: string;
  email: string;
  status: AccountStatus;
  parentId: string;
  /** Epoch seconds. */
  joined: number;
  roles: readonly RoleSpec[];
  regions: RegionSet;
  /** Account-level IMDS defaults per ALL_REGIONS index (0 = nothing set). */
  imds: Uint16Array;
}

export interface SbOu {
  id: string;
  name: string;
  parentId: string;
}

/** IMDS values an EC2 declarative policy assigns, parsed once when the policy is written. */
export interface DeclarativeImds {
  defaults: ImdsDefaults;
  /** Fields the policy clears with no_preference. */
  cleared: (keyof ImdsDefaults)[];
  exceptionMessage?: string;
}

export interface SbPolicy {
  id: string;
  name: string;
  description: string;
  type: string;
  content: string;
  awsManaged: boolean;
  declarative?: DeclarativeImds;
}

export type TargetType = 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';

interface Children {
  ous: string[];
  accounts: string[];
}

/** The organization and every account's regional state. Mutated only through its methods. */
export class World {
  readonly organizationId: string;
  readonly rootId: string;
  readonly managementAccountId: string;
  readonly rootName = 'Root';
  readonly policyTypes = new Map<string, 'ENABLED' | 'PENDING_ENABLE' | 'PENDING_DISABLE'>();
  /** Policy types answering PENDING_ENABLE, with when they become ENABLED (epoch ms). */
  readonly pendingUntil = new Map<string, number>();
  readonly accounts = new Map<string, SbAccount>();
  readonly ous = new Map<string, SbOu>();
  readonly policies = new Map<string, SbPolicy>();
  /** Policy ids attached directly to each target, in attach order. */
  readonly attachments = new Map<string, string[]>();
  readonly targetsByPolicy = new Map<string, Set<string>>();
  private readonly children = new Map<string, Children>();
  /** Bumped on every organization change; caches of derived data compare against it. */
  version = 0;

  constructor(init: { organizationId: string; rootId: string; managementAccountId: string }) {
    this.organizationId = init.organizationId;
    this.rootId = init.rootId;
    this.managementAccountId = init.managementAccountId;
    this.children.set(this.rootId, { ous: [], accounts: [] });
  }

  addOu(ou: SbOu): void {
    this.ous.set(ou.id, ou);
    this.childrenOf(ou.parentId).ous.push(ou.id);
    this.children.set(ou.id, { ous: [], accounts: [] });
    this.version++;
  }

  addAccount(account: Omit<SbAccount, 'imds'> & { imds?: Uint16Array }): SbAccount {
    const full: SbAccount = {
      ...account,
      imds: account.imds ?? new Uint16Array(ALL_REGIONS.length),
    };
    this.accounts.set(full.id, full);
    this.childrenOf(full.parentId).accounts.push(full.id);
    this.version++;
    return full;
  }

  childrenOf(parentId: string): Children {
    const found = this.children.get(parentId);
    if (found) return found;
    const created = { ous: [], accounts: [] };
    this.children.set(parentId, created);
    return created;
  }

  hasParent(id: string): boolean {
    return id === this.rootId || this.ous.has(id);
  }

  parentOf(id: string): string | undefined {
    return this.accounts.get(id)?.parentId ?? this.ous.get(id)?.parentId;
  }

  targetType(id: string): TargetType | undefined {
    if (id === this.rootId) return 'ROOT';
    if (this.ous.has(id)) return 'ORGANIZATIONAL_UNIT';
    if (this.accounts.has(id)) return 'ACCOUNT';
    return undefined;
  }

  targetName(id: string): string {
    if (id === this.rootId) return this.rootName;
    return this.ous.get(id)?.name ?? this.accounts.get(id)?.name ?? id;
  }

  /** Root first, then each OU down to the target itself. */
  pathTo(id: string): string[] {
    const chain: string[] = [];
    let current: string | undefined = id;
    while (current !== undefined) {
      chain.push(current);
      if (current === this.rootId) break;
      current = this.parentOf(current);
    }
    return chain.reverse();
  }

  ouPath(id: string): string {
    return this.pathTo(id)
      .map((p) => this.targetName(p))
      .join('/');
  }

  // --- ARNs (AWS conventions, see aws-wire-protocols.md §7.1) ---
  private get arnPrefix(): string {
    return `arn:aws:organizations::${this.managementAccountId}`;
  }
  organizationArn(): string {
    return `${this.arnPrefix}:organization/${this.organizationId}`;
  }
  rootArn(): string {
    return `${this.arnPrefix}:root/${this.organizationId}/${this.rootId}`;
  }
  ouArn(id: string): string {
    return `${this.arnPrefix}:ou/${this.organizationId}/${id}`;
  }
  accountArn(id: string): string {
    return `${this.arnPrefix}:account/${this.organizationId}/${id}`;
  }
  policyArn(p: SbPolicy): string {
    const type = p.type.toLowerCase();
    return p.awsManaged
      ? `arn:aws:organizations::aws:policy/${type}/${p.id}`
      : `${this.arnPrefix}:policy/${this.organizationId}/${type}/${p.id}`;
  }
  targetArn(id: string): string {
    const type = this.targetType(id);
    if (type === 'ROOT') return this.rootArn();
    if (type === 'ORGANIZATIONAL_UNIT') return this.ouArn(id);
    return this.accountArn(id);
  }

  // --- policies ---
  addPolicy(policy: SbPolicy): void {
    this.policies.set(policy.id, policy);
    this.version++;
  }

  removePolicy(id: string): void {
    this.policies.delete(id);
    this.targetsByPolicy.delete(id);
    this.version++;
  }

  attachedTo(targetId: string): readonly string[] {
    return this.attachments.get(targetId) ?? [];
  }

  targetsOf(policyId: string): ReadonlySet<string> {
    return this.targetsByPolicy.get(policyId) ?? new Set();
  }

  attach(policyId: string, targetId: string): void {
    const list = this.attachments.get(targetId);
    if (list) list.push(policyId);
    else this.attachments.set(targetId, [policyId]);
    let targets = this.targetsByPolicy.get(policyId);
    if (!targets) {
      targets = new Set();
      this.targetsByPolicy.set(policyId, targets);
    }
    targets.add(targetId);
    this.version++;
  }

  detach(policyId: string, targetId: string): void {
    const list = this.attachments.get(targetId);
    if (list) {
      const next = list.filter((p) => p !== policyId);
      if (next.length > 0) this.attachments.set(targetId, next);
      else this.attachments.delete(targetId);
    }
    this.targetsByPolicy.get(policyId)?.delete(targetId);
    this.version++;
  }

  /** Every root, OU and account id (root first). */
  allTargets(): string[] {
    return [this.rootId, ...this.ous.keys(), ...this.accounts.keys()];
  }

  // --- IMDS ---
  getImds(account: SbAccount, regionIdx: number): ImdsDefaults {
    return unpackImds(account.imds[regionIdx] ?? 0);
  }

  setImds(account: SbAccount, regionIdx: number, defaults: ImdsDefaults): void {
    account.imds[regionIdx] = packImds(defaults) satisfies PackedImds;
  }
}
