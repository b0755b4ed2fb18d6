/** The plan grouped for the screen: per OU, per account, the SCP diff and what is skipped. */
import { labelOf, symbolOf } from '../core/plan/change-kinds.js';
import { isRemediationChange } from '../core/plan/remediation-types.js';
import type { Change, Plan, SkippedTarget } from '../core/plan/types.js';
import type { PlanTarget } from '../events/types.js';
import { type DiffLine, diffLines } from '../report/line-diff.js';
import { describeStage } from '../report/plan-stage.js';
import { prettyPolicy } from '../report/policy-diff.js';

const REMEDIATION_FIELDS = ['instances', 'launch templates'];

export interface AccountRow {
  accountId: string;
  name: string;
  toChange: number;
  unchanged: number;
  skipped: number;
  /** e.g. "17 regions: httpTokens, httpPutResponseHopLimit" or the skip reason. */
  detail: string;
}

export interface OuRow {
  path: string;
  toChange: number;
  unchanged: number;
  skipped: number;
  accounts: AccountRow[];
}

export interface PlanView {
  ous: OuRow[];
  /** Organization-level changes as one line each ("~ update policy DenyIMDSv1"). */
  orgChanges: string[];
  scpDiff: DiffLine[];
  skipped: SkippedTarget[];
  /** One entry per skipped account: `data-platform (declarative-policy, 17 regions)`. */
  skippedAccounts: string[];
  /** The skipped targets folded per account and reason (one row, not one per region). */
  skippedGroups: SkippedGroup[];
  /** `ring 2: defaults + the DenyIMDSv1 SCP` (absent for plans made before rings). */
  stage?: string;
}

export interface SkippedGroup {
  accountId: string;
  accountName: string;
  reason: SkippedTarget['reason'];
  /** The first target's message (the same reason reads the same in every region). */
  message: string;
  /** The regions skipped for this reason; empty when the whole account is skipped. */
  regions: string[];
}

export function buildPlanView(plan: Plan, targets: PlanTarget[] = []): PlanView {
  const accounts = new Map<string, AccountRow & { ouPath: string; fields: Set<string> }>();
  const row = (accountId: string, name: string, ouPath: string) => {
    let found = accounts.get(accountId);
    if (!found) {
      found = {
        accountId,
        name,
        ouPath,
        toChange: 0,
        unchanged: 0,
        skipped: 0,
        detail: '',
        fields: new Set(),
      };
      accounts.set(accountId, found);
    }
    return found;
  };
  for (const t of targets) row(t.accountId, t.accountName, t.ouPath).unchanged = t.regions;
  const orgChanges: string[] = [];
  // Attachments of one policy are one item: the targets the SCP lands on read as one list, and
  // a plan made around held accounts (many OUs and accounts instead of Root) still fits.
  const attached = new Map<string, { at: number; targets: string[] }>();
  for (const change of plan.changes) {
    if (change.kind === 'attachment.add' || change.kind === 'attachment.remove') {
      const head = `${symbolOf(change)} ${change.kind === 'attachment.add' ? `attach ${change.policyName} to` : `detach ${change.policyName} from`}`;
      const group = attached.get(head) ?? { at: orgChanges.push(head) - 1, targets: [] };
      group.targets.push(change.target.label);
      attached.set(head, group);
      continue;
    }
    if (change.kind === 'imds.set') {
      const r = row(change.accountId, change.accountName, change.ouPath);
      r.toChange += 1;
      r.unchanged = Math.max(0, r.unchanged - 1);
      for (const f of change.fields) r.fields.add(f);
    } else if (isRemediationChange(change)) {
      const r = row(change.accountId, change.accountName, change.ouPath);
      r.toChange += 1;
      r.fields.add(change.kind === 'instance.metadata' ? 'instances' : 'launch templates');
    } else {
      orgChanges.push(`${symbolOf(change)} ${labelOf(change)}`);
    }
  }
  for (const [head, group] of attached)
    orgChanges[group.at] = `${head} ${group.targets.join(', ')}`;
  for (const s of plan.skipped) {
    const r = row(s.accountId, s.accountName, s.ouPath);
    const regions = s.region ? 1 : Math.max(r.unchanged, 1);
    r.skipped += regions;
    r.unchanged = Math.max(0, r.unchanged - regions);
    r.detail = `skipped: ${s.reason}`;
  }
  const ous = new Map<string, OuRow>();
  for (const r of accounts.values()) {
    if (!r.detail && r.toChange > 0)
      r.detail = `${r.toChange} ${REMEDIATION_FIELDS.some((f) => r.fields.has(f)) ? 'changes' : 'regions'}: ${[...r.fields].join(', ')}`;
    if (!r.detail) r.detail = 'unchanged';
    let ou = ous.get(r.ouPath);
    if (!ou) {
      ou = { path: r.ouPath, toChange: 0, unchanged: 0, skipped: 0, accounts: [] };
      ous.set(r.ouPath, ou);
    }
    ou.toChange += r.toChange;
    ou.unchanged += r.unchanged;
    ou.skipped += r.skipped;
    ou.accounts.push({
      accountId: r.accountId,
      name: r.name,
      toChange: r.toChange,
      unchanged: r.unchanged,
      skipped: r.skipped,
      detail: r.detail,
    });
  }
  return {
    ous: [...ous.values()].sort((a, b) => a.path.localeCompare(b.path)),
    orgChanges,
    scpDiff: scpDiffOf(plan.changes),
    skipped: plan.skipped,
    skippedAccounts: skippedAccounts(plan.skipped),
    skippedGroups: skippedGroups(plan.skipped),
    ...(plan.stage ? { stage: describeStage(plan) } : {}),
  };
}

function skippedGroups(skipped: SkippedTarget[]): SkippedGroup[] {
  const groups = new Map<string, SkippedGroup>();
  for (const s of skipped) {
    const key = `${s.accountId}\u0000${s.reason}`;
    const group = groups.get(key) ?? {
      accountId: s.accountId,
      accountName: s.accountName,
      reason: s.reason,
      message: s.message,
      regions: [],
    };
    if (s.region) group.regions.push(s.region);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function skippedAccounts(skipped: SkippedTarget[]): string[] {
  const byAccount = new Map<string, { name: string; reasons: Set<string>; regions: number }>();
  for (const s of skipped) {
    const entry = byAccount.get(s.accountId) ?? {
      name: s.accountName,
      reasons: new Set(),
      regions: 0,
    };
    entry.reasons.add(s.reason);
    if (s.region) entry.regions += 1;
    byAccount.set(s.accountId, entry);
  }
  return [...byAccount.values()].map((e) => {
    const regions = e.regions ? `, ${e.regions} region${e.regions === 1 ? '' : 's'}` : '';
    return `${e.name} (${[...e.reasons].join(', ')}${regions})`;
  });
}

function scpDiffOf(changes: Change[]): DiffLine[] {
  // A canaried update also creates `<name>-next`: the diff that matters is the policy's own.
  const swap = changes.find((c) => c.kind === 'policy.swap');
  if (swap?.kind === 'policy.swap') {
    return diffLines(prettyPolicy(swap.before.content), prettyPolicy(swap.after.content));
  }
  for (const change of changes) {
    if (change.kind === 'policy.update')
      return diffLines(prettyPolicy(change.before.content), prettyPolicy(change.after.content));
    if (change.kind === 'policy.create') return diffLines('', prettyPolicy(change.content));
  }
  return [];
}
