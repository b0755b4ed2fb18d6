/**
 * What each change kind means, in one table: where it sorts, which lane runs it, which account
 * and OU it lands in, how it is named and marked, how risky it is. The mapped type makes the
 * compiler demand an entry for every kind; the executor, waves, the rollout gate, the rollout
 * screen, the plan text and the plan view all read it instead of deciding for themselves.
 */
import { imdsRisk, policyRisk, type UnclassifiedChange } from './classify-risk.js';
import { relaxedFields } from './relaxing.js';
import type { Change, ChangeKind, Risk, TargetRef } from './types.js';

type ChangeOf<K extends ChangeKind> = Extract<Change, { kind: K }>;
type Unclassified<C extends Change> = Extract<UnclassifiedChange, { kind: C['kind'] }>;

export interface AccountRef {
  accountId: string;
  accountName: string;
}

/** `+` creates, attaches or sets; `~` updates; `-` deletes, detaches or clears. */
export type ChangeSymbol = '+' | '~' | '-';

export interface ChangeKindInfo<C extends Change> {
  /** Rank in a plan: what others depend on first, removals last. */
  order: number;
  /**
   * `organizations`: an Organizations write (org-global, throttled hard: one serial lane);
   * `account`: a write inside a member account (one lane per account).
   */
  lane: 'organizations' | 'account';
  symbol: ChangeSymbol;
  /** One line naming what the change does: events, the plan, the screen. */
  label(c: C): string;
  /** Shown dimmed after the label in the plan text (an id or a type); undefined = nothing. */
  detail(c: C): string | undefined;
  /**
   * The member account the change lands in: its own settings and workloads, or an SCP attached
   * to the account itself. Undefined = organization-wide (a policy, the root, an OU).
   */
  account(c: C): AccountRef | undefined;
  region(c: C): string | undefined;
  /** The OU path the change lands in (`Root` for the root); undefined = not known from the change. */
  ouPath(c: C): string | undefined;
  /** Sort key within the kind (stable output). */
  sortKey(c: C): string;
  risk(c: Unclassified<C>): Risk;
}

const TARGET_ORDER = { ROOT: 0, ORGANIZATIONAL_UNIT: 1, ACCOUNT: 2 } as const;

const join = (...parts: (string | number)[]) => parts.join('\u0000');

function targetAccount(target: TargetRef): AccountRef | undefined {
  if (target.type !== 'ACCOUNT') return undefined;
  const suffix = ` (${target.id})`;
  const name = target.label.endsWith(suffix) ? target.label.slice(0, -suffix.length) : target.label;
  return { accountId: target.id, accountName: name };
}

function targetOuPath(target: TargetRef): string | undefined {
  return target.type === 'ACCOUNT' ? undefined : target.label;
}

const accountOfChange = (c: { accountId: string; accountName: string }): AccountRef => ({
  accountId: c.accountId,
  accountName: c.accountName,
});

const organizationWide = {
  account: () => undefined,
  region: () => undefined,
  ouPath: () => undefined,
};

export const CHANGE_KINDS: { [K in ChangeKind]: ChangeKindInfo<ChangeOf<K>> } = {
  'policyType.enable': {
    order: 0,
    lane: 'organizations',
    symbol: '+',
    label: (c) => `enable policy type ${c.policyType} on the root ${c.rootId}`,
    detail: () => undefined,
    ...organizationWide,
    sortKey: (c) => join(c.rootId, c.policyType),
    risk: () => 'neutral',
  },
  'policy.create': {
    order: 1,
    lane: 'organizations',
    symbol: '+',
    label: (c) => `create policy ${c.policyName}`,
    detail: (c) => c.policyType,
    ...organizationWide,
    sortKey: (c) => c.policyName,
    risk: () => 'neutral',
  },
  'policy.update': {
    order: 2,
    lane: 'organizations',
    symbol: '~',
    label: (c) => `update policy ${c.policyName}`,
    detail: (c) => c.policyId,
    ...organizationWide,
    sortKey: (c) => c.policyName,
    risk: (c) => policyRisk(c.before.content, c.after.content),
  },
  'policy.swap': {
    // Runs after the wave's attachments, before any detach or delete (orders 7 and 8).
    order: 6.5,
    lane: 'organizations',
    symbol: '~',
    label: (c) => `swap canary ${c.canaryName} into policy ${c.policyName}`,
    detail: (c) => c.policyId,
    ...organizationWide,
    sortKey: (c) => c.policyName,
    risk: (c) =>
      relaxedFields(c).length > 0 ? 'relaxing' : policyRisk(c.before.content, c.after.content),
  },
  'policy.delete': {
    order: 8,
    lane: 'organizations',
    symbol: '-',
    label: (c) => `delete policy ${c.policyName}`,
    detail: (c) => c.policyId,
    ...organizationWide,
    sortKey: (c) => c.policyName,
    risk: () => 'relaxing',
  },
  'attachment.add': {
    order: 3,
    lane: 'organizations',
    symbol: '+',
    label: (c) => `attach ${c.policyName} to ${c.target.label}`,
    detail: () => undefined,
    account: (c) => targetAccount(c.target),
    region: () => undefined,
    ouPath: (c) => targetOuPath(c.target),
    sortKey: (c) => join(c.policyName, TARGET_ORDER[c.target.type], c.target.label, c.target.id),
    risk: () => 'restricting',
  },
  'attachment.remove': {
    order: 7,
    lane: 'organizations',
    symbol: '-',
    label: (c) => `detach ${c.policyName} from ${c.target.label}`,
    detail: () => undefined,
    account: (c) => targetAccount(c.target),
    region: () => undefined,
    ouPath: (c) => targetOuPath(c.target),
    sortKey: (c) => join(c.policyName, TARGET_ORDER[c.target.type], c.target.label, c.target.id),
    risk: () => 'relaxing',
  },
  'imds.set': {
    order: 4,
    lane: 'account',
    symbol: '~',
    label: (c) => `${c.accountName} (${c.accountId}) ${c.region}`,
    detail: () => undefined,
    account: accountOfChange,
    region: (c) => c.region,
    ouPath: (c) => c.ouPath,
    sortKey: (c) => join(c.ouPath, c.accountName, c.accountId, c.region),
    risk: (c) => imdsRisk(c.before, c.after),
  },
  'launchTemplate.update': {
    order: 5,
    lane: 'account',
    symbol: '~',
    label: (c) =>
      `${c.accountName} (${c.accountId}) ${c.region} launch template ${c.templateName} (${c.templateId})`,
    detail: () => undefined,
    account: accountOfChange,
    region: (c) => c.region,
    ouPath: (c) => c.ouPath,
    sortKey: (c) =>
      join(c.ouPath, c.accountName, c.accountId, c.region, c.templateName, c.templateId),
    risk: (c) => (relaxedFields(c).length > 0 ? 'relaxing' : 'restricting'),
  },
  'instance.metadata': {
    order: 6,
    lane: 'account',
    symbol: '~',
    label: (c) =>
      `${c.accountName} (${c.accountId}) ${c.region} instance ${c.instanceId}${c.instanceName ? ` (${c.instanceName})` : ''}`,
    detail: () => undefined,
    account: accountOfChange,
    region: (c) => c.region,
    ouPath: (c) => c.ouPath,
    sortKey: (c) => join(c.ouPath, c.accountName, c.accountId, c.region, c.instanceId),
    risk: (c) => (relaxedFields(c).length > 0 ? 'relaxing' : 'restricting'),
  },
};

/** Every change kind, in the order the plan and the JSON schemas list them. */
export const CHANGE_KIND_NAMES = Object.keys(CHANGE_KINDS) as [ChangeKind, ...ChangeKind[]];

/** The table entry of a change, typed for that change. */
export function kindOf<C extends Change>(change: C): ChangeKindInfo<C> {
  return CHANGE_KINDS[change.kind] as unknown as ChangeKindInfo<C>;
}

export const labelOf = (change: Change): string => kindOf(change).label(change);
export const accountOf = (change: Change): AccountRef | undefined => kindOf(change).account(change);
export const ouPathOf = (change: Change): string | undefined => kindOf(change).ouPath(change);
export const symbolOf = (change: Change): ChangeSymbol => kindOf(change).symbol;
export const detailOf = (change: Change): string | undefined => kindOf(change).detail(change);
/** A write inside a member account (IMDS defaults, workloads) rather than an Organizations one. */
export const isAccountLane = (change: Change): boolean => kindOf(change).lane === 'account';

/** The account and region a change touches, for events and failure lists. */
export function whereOf(change: Change): { accountId?: string; region?: string } {
  const info = kindOf(change);
  const account = info.account(change);
  const region = info.region(change);
  return {
    ...(account ? { accountId: account.accountId } : {}),
    ...(region ? { region } : {}),
  };
}

/** Relaxing (removes protection: needs approval), restricting (adds it) or neutral. */
export function classifyRisk(change: UnclassifiedChange): Risk {
  const info = CHANGE_KINDS[change.kind] as unknown as ChangeKindInfo<Change>;
  return info.risk(change as never);
}

export function kindRank(change: Pick<Change, 'kind'>): number {
  return CHANGE_KINDS[change.kind].order;
}
