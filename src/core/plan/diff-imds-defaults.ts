/**
 * The account-level IMDS defaults, per in-scope account × region: set exactly the managed fields
 * that differ. Unreachable, suspended, region-disabled and declarative-policy targets are skipped
 * with the reason — reported, never fought. The management account is included (SCPs never
 * apply to it, so its defaults matter most) unless the config leaves it out.
 */

import { declarativeManages } from '../desired/declarative-coverage.js';
import { accountException, describeException } from '../desired/exceptions.js';
import type { DesiredState } from '../desired/types.js';
import type {
  AccountObservation,
  ImdsDefaults,
  ImdsField,
  ImdsSetting,
  ObservedState,
  OrgAccount,
  RegionObservation,
} from '../model/types.js';
import { imdsDiffs } from '../verify/imds-diff.js';
import type { UnclassifiedChange } from './classify-risk.js';
import type { SkippedTarget } from './types.js';

export interface ImdsDiff {
  changes: UnclassifiedChange[];
  skipped: SkippedTarget[];
  unchanged: number;
}

export function diffImdsDefaults(observed: ObservedState, desired: DesiredState): ImdsDiff {
  const changes: UnclassifiedChange[] = [];
  return { changes, ...walkImdsDefaults(observed, desired, (c) => changes.push(c)) };
}

/**
 * The same, one target at a time: each change goes to `visit` and is not kept, so the saved-plan
 * check compares 170,000 targets at 10,000 × 17 without holding their changes.
 */
export function walkImdsDefaults(
  observed: ObservedState,
  desired: DesiredState,
  visit: (change: UnclassifiedChange) => void,
): Omit<ImdsDiff, 'changes'> {
  const out: ImdsWalk = { visit, skipped: [], unchanged: 0 };
  const accounts = new Map(observed.org.accounts.map((a) => [a.id, a]));
  for (const observation of observed.accounts) {
    const account = accounts.get(observation.accountId);
    if (!account) continue;
    if (account.id === observed.org.managementAccountId && !desired.includeManagementAccount) {
      continue;
    }
    if (declarativeManages(observed.org, account, desired)) continue;
    const exception = accountException(observed.org, account, desired.exceptions);
    if (exception) {
      out.skipped.push({
        accountId: account.id,
        accountName: account.name,
        ouPath: account.parentPath,
        reason: 'exception',
        message: describeException(exception),
        exception: { owner: exception.owner, reason: exception.reason, expires: exception.expires },
      });
      continue;
    }
    diffAccount(account, observation, desired, out);
  }
  return { skipped: out.skipped, unchanged: out.unchanged };
}

interface ImdsWalk {
  visit: (change: UnclassifiedChange) => void;
  skipped: SkippedTarget[];
  unchanged: number;
}

function diffAccount(
  account: OrgAccount,
  observation: AccountObservation,
  desired: DesiredState,
  out: ImdsWalk,
): void {
  const where = { accountId: account.id, accountName: account.name, ouPath: account.parentPath };
  if (observation.access.status === 'unreachable') {
    const { reason, message } = observation.access;
    out.skipped.push({ ...where, reason, message });
    return;
  }
  if (account.status === 'SUSPENDED') {
    out.skipped.push({ ...where, reason: 'suspended', message: 'the account is suspended' });
    return;
  }
  for (const region of observation.regions) {
    const skip = skipReason(region);
    if (skip) {
      out.skipped.push({ ...where, region: region.region, ...skip });
      continue;
    }
    if (region.status !== 'ok') continue;
    const setting = settingFor(desired.imds, region.imds.defaults);
    if (setting === undefined) {
      out.unchanged += 1;
      continue;
    }
    out.visit({
      kind: 'imds.set',
      ...where,
      region: region.region,
      before: region.imds.defaults,
      after: setting.after,
      fields: setting.fields,
    });
  }
}

type Setting = { after: ImdsSetting; fields: ImdsField[] } | undefined;

/**
 * What to set, per desired and observed defaults object. The read path shares one frozen object
 * per distinct observed value, so 100,000 changes at 10,000 × 17 share a handful of (frozen)
 * `after` and `fields` values instead of holding a copy each; changes are never mutated.
 */
const settings = new WeakMap<ImdsDefaults, WeakMap<ImdsDefaults, Setting>>();

function settingFor(desired: ImdsDefaults, observed: ImdsDefaults): Setting {
  let byObserved = settings.get(desired);
  if (!byObserved) {
    byObserved = new WeakMap();
    settings.set(desired, byObserved);
  }
  if (byObserved.has(observed)) return byObserved.get(observed);
  const diffs = imdsDiffs(desired, observed);
  let setting: Setting;
  if (diffs.length > 0) {
    const after: Record<string, unknown> = {};
    for (const d of diffs) after[d.field] = d.expected;
    setting = {
      after: Object.freeze(after) as ImdsSetting,
      fields: Object.freeze(diffs.map((d) => d.field)) as ImdsField[],
    };
  }
  byObserved.set(observed, setting);
  return setting;
}

function skipReason(
  region: RegionObservation,
): Pick<SkippedTarget, 'reason' | 'message'> | undefined {
  if (region.status === 'unreachable') return { reason: region.reason, message: region.message };
  if (region.status === 'error')
    return { reason: 'error', message: `${region.code}: ${region.message}` };
  if (region.imds.managedBy === 'declarative-policy') {
    return {
      reason: 'declarative-policy',
      message:
        region.imds.managedExceptionMessage ??
        'managed by an EC2 declarative policy; it cannot be changed per account',
    };
  }
  return undefined;
}
