/**
 * The launch preview, built one record at a time: a sweep hands every RunInstances and
 * CreateFleet record to `add` and forgets it; per account and principal only counts and one
 * example are kept.
 */
import { evaluateLaunch, isServiceLinkedRole } from './evaluate-launch.js';
import { recognizeLauncher } from './launcher.js';
import type {
  DenyingStatement,
  LaunchDecision,
  LaunchEvent,
  Launcher,
  PolicyText,
} from './types.js';

/** Today's answer already was a refusal: the SCP changes nothing for it. */
const REFUSED_TODAY = new Set([
  'Client.UnauthorizedOperation',
  'UnauthorizedOperation',
  'AccessDenied',
]);

export type PrincipalVerdict =
  | 'refused'
  | 'unknown'
  | 'already-refused'
  | 'allowed'
  | 'not-subject';

export interface LaunchExample {
  eventId: string;
  time: string;
  region: string;
  userAgent: string;
  dryRun: boolean;
  errorCode?: string;
}

export interface PrincipalLaunches {
  accountId: string;
  accountName: string;
  principalArn: string;
  principalType: string;
  launcher: Launcher;
  /** The worst outcome among its launches. */
  verdict: PrincipalVerdict;
  launches: number;
  /** Launches that work today and the SCP would refuse (dry runs included). */
  refused: number;
  unknown: number;
  alreadyRefused: number;
  dryRuns: number;
  /** Why, for the example launch. */
  reason: string;
  deniedBy?: DenyingStatement;
  example: LaunchExample;
  regions: string[];
}

export interface AccountLaunches {
  accountId: string;
  accountName: string;
  launches: number;
  refused: number;
  unknown: number;
  alreadyRefused: number;
  principals: number;
  /** Regions whose history could not be read, with why (the preview is blind there). */
  unread: string[];
  /**
   * Regions where the member role may not call cloudtrail:LookupEvents (AccessDenied): the
   * preview cannot see this account's launches there until the role allows it.
   */
  lookupDenied: string[];
}

export interface LaunchPreview {
  /** The policy evaluated (the SCP as the plan would leave it); null when the config has none. */
  policy: string | null;
  window: { start: string; end: string };
  lookbackDays: number;
  summary: {
    accounts: number;
    accountsWithRefusals: number;
    launches: number;
    refused: number;
    unknown: number;
    alreadyRefused: number;
    unreadRegions: number;
  };
  accounts: AccountLaunches[];
  /** Per account and principal, refusals first. */
  principals: PrincipalLaunches[];
}

const RANK: Record<PrincipalVerdict, number> = {
  refused: 4,
  unknown: 3,
  'already-refused': 2,
  allowed: 1,
  'not-subject': 0,
};

function verdictOf(event: LaunchEvent, decision: LaunchDecision): PrincipalVerdict {
  if (decision.outcome === 'allowed') return decision.notSubjectToScps ? 'not-subject' : 'allowed';
  if (decision.outcome === 'unknown') return 'unknown';
  return event.errorCode && REFUSED_TODAY.has(event.errorCode) ? 'already-refused' : 'refused';
}

export interface LaunchTally {
  add(event: LaunchEvent): void;
  /** A region whose history could not be read: `denied` when LookupEvents was refused. */
  unread(accountId: string, region: string, why: string, denied?: boolean): void;
  finish(accounts: readonly { accountId: string; accountName: string }[]): LaunchPreview;
}

export function createLaunchTally(options: {
  policies: readonly PolicyText[];
  managementAccountId?: string;
  lookbackDays: number;
  window: { start: string; end: string };
}): LaunchTally {
  const principals = new Map<
    string,
    Omit<PrincipalLaunches, 'accountName'> & { regionSet: Set<string> }
  >();
  const unread = new Map<string, string[]>();
  const denied = new Map<string, string[]>();
  const evalOptions = options.managementAccountId
    ? { managementAccountId: options.managementAccountId }
    : {};
  return {
    add(event) {
      if (isFleetInstanceRecord(event)) return;
      const decision = evaluateLaunch(event, options.policies, evalOptions);
      const verdict = verdictOf(event, decision);
      const who = event.principalArn || event.invokedBy || 'unknown';
      const key = `${event.accountId} ${who}`;
      let p = principals.get(key);
      const example: LaunchExample = {
        eventId: event.eventId,
        time: event.time,
        region: event.region,
        userAgent: event.userAgent,
        dryRun: event.dryRun,
        ...(event.errorCode ? { errorCode: event.errorCode } : {}),
      };
      if (!p) {
        p = {
          accountId: event.accountId,
          principalArn: who,
          principalType: event.principalType,
          launcher: recognizeLauncher(event),
          verdict,
          launches: 0,
          refused: 0,
          unknown: 0,
          alreadyRefused: 0,
          dryRuns: 0,
          reason: decision.reason,
          example,
          regions: [],
          regionSet: new Set(),
        };
        if (decision.outcome === 'denied') p.deniedBy = decision.by;
        principals.set(key, p);
      } else if (
        RANK[verdict] > RANK[p.verdict] ||
        (RANK[verdict] === RANK[p.verdict] && event.time > p.example.time)
      ) {
        // The example shows the worst outcome, latest first.
        p.verdict = verdict;
        p.reason = decision.reason;
        p.example = example;
        if (decision.outcome === 'denied') p.deniedBy = decision.by;
        else delete p.deniedBy;
        // A later launch may tell the launcher better (e.g. its user agent names a version).
        const launcher = recognizeLauncher(event);
        if (launcher.id !== 'unknown') p.launcher = launcher;
      }
      p.launches++;
      if (event.dryRun) p.dryRuns++;
      if (verdict === 'refused') p.refused++;
      else if (verdict === 'unknown') p.unknown++;
      else if (verdict === 'already-refused') p.alreadyRefused++;
      p.regionSet.add(event.region);
    },
    unread(accountId, region, why, isDenied) {
      const map = isDenied ? denied : unread;
      const list = map.get(accountId) ?? [];
      list.push(isDenied ? region : `${region} (${why})`);
      map.set(accountId, list);
    },
    finish(accounts) {
      const names = new Map(accounts.map((a) => [a.accountId, a.accountName]));
      const list: PrincipalLaunches[] = [...principals.values()].map(({ regionSet, ...p }) => ({
        ...p,
        accountName: names.get(p.accountId) ?? p.accountId,
        regions: [...regionSet].sort(),
      }));
      list.sort(
        (a, b) =>
          RANK[b.verdict] - RANK[a.verdict] ||
          b.refused - a.refused ||
          cmp(a.accountId, b.accountId) ||
          cmp(a.principalArn, b.principalArn),
      );
      const perAccount: AccountLaunches[] = [...accounts]
        .sort((a, b) => cmp(a.accountId, b.accountId))
        .map((a) => {
          const mine = list.filter((p) => p.accountId === a.accountId);
          const sum = (f: (p: PrincipalLaunches) => number) => mine.reduce((s, p) => s + f(p), 0);
          return {
            accountId: a.accountId,
            accountName: a.accountName,
            launches: sum((p) => p.launches),
            refused: sum((p) => p.refused),
            unknown: sum((p) => p.unknown),
            alreadyRefused: sum((p) => p.alreadyRefused),
            principals: mine.length,
            unread: unread.get(a.accountId) ?? [],
            lookupDenied: (denied.get(a.accountId) ?? []).sort(),
          };
        });
      const total = (f: (a: AccountLaunches) => number) => perAccount.reduce((s, a) => s + f(a), 0);
      return {
        policy: options.policies[0]?.name ?? null,
        window: options.window,
        lookbackDays: options.lookbackDays,
        summary: {
          accounts: perAccount.length,
          accountsWithRefusals: perAccount.filter((a) => a.refused > 0).length,
          launches: total((a) => a.launches),
          refused: total((a) => a.refused),
          unknown: total((a) => a.unknown),
          alreadyRefused: total((a) => a.alreadyRefused),
          unreadRegions: total((a) => a.unread.length + a.lookupDenied.length),
        },
        accounts: perAccount,
        principals: list,
      };
    },
  };
}

/**
 * A RunInstances record an instant EC2 Fleet wrote for its caller (the caller's identity,
 * `invokedBy: ec2fleet.amazonaws.com`, aws/karpenter-provider-aws#8190): the same request as the
 * fleet's CreateFleet record, which the preview reads and counts. Service-linked roles' records
 * (maintain and request fleets) stay: nothing else shows them.
 */
function isFleetInstanceRecord(event: LaunchEvent): boolean {
  return (
    event.eventName !== 'CreateFleet' &&
    event.invokedBy === 'ec2fleet.amazonaws.com' &&
    event.principalType !== 'AWSService' &&
    !isServiceLinkedRole(event.principalArn)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
