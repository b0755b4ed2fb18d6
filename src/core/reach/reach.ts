/**
 * The reach model: where to attach a guardrail policy so that it reaches exactly the accounts a
 * run enforces. A policy attached to Root or an OU applies to every account below it, so an
 * account held out of the run (readiness gate, exception, wave not chosen, scope narrowed) must
 * not sit under any attachment. Starting from the configured targets (`scp.attachTo`), a target
 * whose subtree holds a held-out account is replaced by its children, recursively, until every
 * attachment covers enforced accounts only: the maximal OUs and accounts free of held accounts.
 * Never Root while anything is held. New accounts created later under such an OU are covered.
 *
 * Pure: the org tree and the holds come in, targets and a description of the reach go out.
 */
import { accountLabel } from '../desired/org-lookup.js';
import type { OrgAccount, OrgTree, PolicySummary } from '../model/types.js';
import type { TargetRef } from '../plan/types.js';

/**
 * Why an account is held out of a run. Adding a reason (t19: launches the SCP would refuse) is
 * one entry here and one label in HOLD_REASON_LABELS; the reach model treats all alike.
 */
export type HoldReason = 'readiness' | 'exception' | 'wave' | 'scope' | 'launches';

export const HOLD_REASON_LABELS: Record<HoldReason, string> = {
  readiness: 'readiness',
  exception: 'exception',
  wave: 'wave not chosen',
  scope: 'outside the scope',
  launches: 'launches would be refused',
};

/** One account the run holds out, with why (`detail`: evidence or the exception's owner). */
export interface HeldAccount {
  accountId: string;
  /** For messages (journals, resume): the account's name when known. */
  accountName?: string;
  reason: HoldReason;
  detail?: string;
}

export interface ReachInput {
  org: OrgTree;
  policyName: string;
  /** The configured targets (`scp.attachTo` / `declarative.attachTo`), resolved. */
  attachTo: readonly TargetRef[];
  held: readonly HeldAccount[];
  /**
   * Policies of this type per target allowed by Organizations (5 for SCPs); undefined = not
   * checked. A target the model chose (not a configured one) that is full is replaced by its
   * children; an account that is full is blocked.
   */
  maxPerTarget?: number;
  /** Policies of this type attached directly to each target (org.scpAttachments for SCPs). */
  attachments?: Readonly<Record<string, readonly PolicySummary[]>>;
}

/** An enforced account no attachment can reach: it and every target above it are full. */
export interface BlockedAccount {
  accountId: string;
  label: string;
  /** The policies already attached to the account itself. */
  present: string[];
}

export interface Reach {
  policyName: string;
  /** Where the policy should be attached (maximal subtrees free of held accounts). */
  targets: TargetRef[];
  /** Accounts the targets reach (the management account never counts: SCPs skip it). */
  reached: string[];
  /** Held accounts below the configured targets: the policy does not reach them. */
  held: HeldAccount[];
  blocked: BlockedAccount[];
}

interface Node {
  ref: TargetRef;
  childOus: string[];
  accounts: OrgAccount[];
}

export function computeReach(input: ReachInput): Reach {
  const { org } = input;
  const tree = buildTree(org);
  const heldById = new Map(input.held.map((h) => [h.accountId, h]));
  const members = (id: string) => accountsBelow(tree, id).filter(notManagement(org));
  const reached = new Set<string>();
  const targets: TargetRef[] = [];
  const blocked: BlockedAccount[] = [];
  const heldBelow = new Map<string, HeldAccount>();
  const seen = new Set<string>();

  const place = (ref: TargetRef, configured: boolean): void => {
    if (seen.has(ref.id)) return;
    seen.add(ref.id);
    const below = ref.type === 'ACCOUNT' ? [ref.id] : members(ref.id).map((a) => a.id);
    const heldHere = below.filter((id) => heldById.has(id));
    for (const id of heldHere) heldBelow.set(id, heldById.get(id) as HeldAccount);
    if (ref.type === 'ACCOUNT') {
      if (heldHere.length > 0 || ref.id === org.managementAccountId) return;
      if (!configured && isFull(input, ref.id)) {
        blocked.push({ accountId: ref.id, label: ref.label, present: presentNames(input, ref.id) });
        return;
      }
      targets.push(ref);
      reached.add(ref.id);
      return;
    }
    // An empty OU is worth an attachment only when the config names it (accounts may come).
    if (below.length === 0 && !configured) return;
    // A configured target keeps its own error when full (diff-attachments names its policies);
    // one the model chose instead is replaced by its children.
    if (heldHere.length === 0 && (configured || !isFull(input, ref.id))) {
      targets.push(ref);
      for (const id of below) reached.add(id);
      return;
    }
    const node = tree.get(ref.id);
    for (const ou of node?.childOus ?? []) {
      const child = tree.get(ou);
      if (child) place(child.ref, false);
    }
    for (const account of node?.accounts ?? []) place(accountRef(account), false);
  };
  for (const target of input.attachTo) place(target, true);

  return {
    policyName: input.policyName,
    targets,
    reached: org.accounts.filter((a) => reached.has(a.id)).map((a) => a.id),
    held: org.accounts.flatMap((a) => {
      const h = heldBelow.get(a.id);
      return h ? [h] : [];
    }),
    blocked,
  };
}

/** Every account a set of attachments reaches (e.g. the policy's current attachments). */
export function accountsReachedBy(org: OrgTree, targetIds: Iterable<string>): string[] {
  const tree = buildTree(org);
  const out = new Set<string>();
  for (const id of targetIds) {
    if (tree.has(id)) for (const a of accountsBelow(tree, id)) out.add(a.id);
    else if (org.accounts.some((a) => a.id === id)) out.add(id);
  }
  return org.accounts.filter((a) => out.has(a.id) && notManagement(org)(a)).map((a) => a.id);
}

function notManagement(org: OrgTree): (a: OrgAccount) => boolean {
  return (a) => a.id !== org.managementAccountId;
}

function isFull(input: ReachInput, targetId: string): boolean {
  if (input.maxPerTarget === undefined) return false;
  const present = input.attachments?.[targetId] ?? [];
  if (present.some((p) => p.name === input.policyName)) return false;
  return present.length >= input.maxPerTarget;
}

function presentNames(input: ReachInput, targetId: string): string[] {
  return (input.attachments?.[targetId] ?? []).map((p) => p.name);
}

function accountRef(account: OrgAccount): TargetRef {
  return { type: 'ACCOUNT', id: account.id, label: accountLabel(account) };
}

function buildTree(org: OrgTree): Map<string, Node> {
  const tree = new Map<string, Node>();
  tree.set(org.root.id, {
    ref: { type: 'ROOT', id: org.root.id, label: 'Root' },
    childOus: [],
    accounts: [],
  });
  for (const ou of org.ous) {
    tree.set(ou.id, {
      ref: { type: 'ORGANIZATIONAL_UNIT', id: ou.id, label: ou.path },
      childOus: [],
      accounts: [],
    });
  }
  for (const ou of org.ous) tree.get(ou.parentId)?.childOus.push(ou.id);
  for (const account of org.accounts) tree.get(account.parentId)?.accounts.push(account);
  return tree;
}

function accountsBelow(tree: Map<string, Node>, id: string): OrgAccount[] {
  const node = tree.get(id);
  if (!node) return [];
  return [...node.accounts, ...node.childOus.flatMap((ou) => accountsBelow(tree, ou))];
}
