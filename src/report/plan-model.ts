/** Grouping of a plan for display: imds changes by OU, account, then identical change. */
import type { Change, SetImdsDefaultsChange, SkippedTarget } from '../core/plan/types.js';

export interface ImdsGroup {
  /** The same fields, before and after values: one line group in the output. */
  changes: SetImdsDefaultsChange[];
}

export interface ImdsAccount {
  accountId: string;
  accountName: string;
  groups: ImdsGroup[];
}

export interface ImdsOu {
  ouPath: string;
  accounts: ImdsAccount[];
}

function groupKey(change: SetImdsDefaultsChange): string {
  return JSON.stringify([
    change.risk,
    change.fields,
    change.fields.map((field) => change.before[field] ?? null),
    change.fields.map((field) => change.after[field] ?? null),
  ]);
}

export function groupImdsChanges(changes: readonly Change[]): ImdsOu[] {
  const ous = new Map<
    string,
    Map<string, { account: ImdsAccount; byKey: Map<string, ImdsGroup> }>
  >();
  for (const change of changes) {
    if (change.kind !== 'imds.set') continue;
    let accounts = ous.get(change.ouPath);
    if (accounts === undefined) {
      accounts = new Map();
      ous.set(change.ouPath, accounts);
    }
    let entry = accounts.get(change.accountId);
    if (entry === undefined) {
      entry = {
        account: { accountId: change.accountId, accountName: change.accountName, groups: [] },
        byKey: new Map(),
      };
      accounts.set(change.accountId, entry);
    }
    const key = groupKey(change);
    let group = entry.byKey.get(key);
    if (group === undefined) {
      group = { changes: [] };
      entry.byKey.set(key, group);
      entry.account.groups.push(group);
    }
    group.changes.push(change);
  }
  return [...ous]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ouPath, accounts]) => ({
      ouPath,
      accounts: [...accounts.values()].map((entry) => entry.account),
    }));
}

export interface SkippedLine {
  /** `sandbox-bob (222222222210), Root/Sandbox, whole account` */
  target: string;
  /** The regions when more than one, listed apart so they can wrap. */
  regions: string[];
  /** `role-denied: AssumeRole … was refused` */
  reason: string;
}

/** One entry per skipped account and reason, its regions folded together. */
export function describeSkipped(skipped: readonly SkippedTarget[]): SkippedLine[] {
  const groups = new Map<string, { target: SkippedTarget; regions: string[] }>();
  for (const target of skipped) {
    const key = JSON.stringify([target.accountId, target.reason, target.message]);
    const group = groups.get(key) ?? { target, regions: [] };
    if (target.region !== undefined) group.regions.push(target.region);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ target, regions }) => {
    const where =
      regions.length === 0
        ? 'whole account'
        : regions.length === 1
          ? regions.join('')
          : `${regions.length} regions:`;
    return {
      target: `${target.accountName} (${target.accountId}), ${target.ouPath}, ${where}`,
      regions: regions.length > 1 ? regions : [],
      reason: `${target.reason}: ${target.message}`,
    };
  });
}

/** Joins names with ", " and wraps them, continuation lines indented. */
export function wrapList(items: readonly string[], width: number, indent: string): string {
  const lines: string[] = [];
  let current = '';
  for (const item of items) {
    const next = current === '' ? item : `${current}, ${item}`;
    if (next.length > Math.max(20, width) && current !== '') {
      lines.push(`${current},`);
      current = item;
    } else current = next;
  }
  if (current !== '') lines.push(current);
  return lines.join(`\n${indent}`);
}

/** Word-wraps prose (messages with long ARNs) to the width, continuation lines indented. */
export function wrapWords(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    const next = current === '' ? word : `${current} ${word}`;
    if (next.length > Math.max(20, width) && current !== '') {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current !== '') lines.push(current);
  return lines.join(`\n${indent}`);
}
