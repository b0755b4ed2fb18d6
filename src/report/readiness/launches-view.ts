/**
 * The launch preview ("Who will the SCP refuse?") as rows every readiness format shares: one
 * per account and principal, with its launcher, counts, one example and the fix — or the
 * principal exception to add meanwhile.
 */
import { exceptionSnippet } from '../../core/launch/launcher.js';
import type {
  AccountLaunches,
  LaunchPreview,
  PrincipalLaunches,
  PrincipalVerdict,
} from '../../core/launch/tally.js';

export const LAUNCH_VERDICT_LABEL: Record<PrincipalVerdict, string> = {
  refused: 'would be refused',
  unknown: 'unknown',
  'already-refused': 'already refused today',
  allowed: 'allowed',
  'not-subject': 'unaffected (SCPs do not apply)',
};

export function launchesTitle(preview: LaunchPreview): string {
  const policy = preview.policy ?? 'the SCP';
  return `Who will the SCP refuse? ${policy} as the plan leaves it, against launches of the last ${preview.lookbackDays} days (CloudTrail)`;
}

export function launchesSummary(preview: LaunchPreview): string {
  if (preview.policy === null) {
    return 'No SCP in this configuration (stage 1 or declarative-policy strategy): no launch is refused by it.';
  }
  const s = preview.summary;
  const parts = [
    `${s.launches} launch${s.launches === 1 ? '' : 'es'} read`,
    `${s.refused} would be refused in ${s.accountsWithRefusals} account${s.accountsWithRefusals === 1 ? '' : 's'}`,
  ];
  if (s.unknown > 0) parts.push(`${s.unknown} unknown`);
  if (s.alreadyRefused > 0) parts.push(`${s.alreadyRefused} already refused today`);
  if (s.unreadRegions > 0) parts.push(`${s.unreadRegions} account × region histories unread`);
  return parts.join(', ');
}

/** `role/KarpenterControllerRole-web-dev`, `user/legacy-deployer`, `root`. */
export function shortPrincipal(arn: string): string {
  const m = /^arn:[^:]+:iam::\d{12}:(.+)$/.exec(arn);
  if (!m?.[1]) return arn;
  const rest = m[1];
  const slash = rest.indexOf('/');
  const kind = slash < 0 ? rest : rest.slice(0, slash);
  return slash < 0 ? kind : `${kind}/${rest.slice(rest.lastIndexOf('/') + 1)}`;
}

export function exampleText(p: PrincipalLaunches): string {
  const e = p.example;
  const when = e.time.slice(0, 16).replace('T', ' ');
  const what = e.dryRun ? 'dry run' : e.errorCode ? e.errorCode : 'launch';
  // Terraform's `(+https://…)` comments say nothing the product name does not (JSON keeps them).
  const agent = e.userAgent.replace(/\s*\(\+https?:[^)]*\)/g, '');
  return `${when} UTC ${e.region} ${what}, user agent "${agent}"`;
}

/** What to do: the launcher's fix, and for refusals the exception to add while it is fixed. */
export function fixText(p: PrincipalLaunches, generatedAt: string): string {
  if (p.verdict === 'allowed' || p.verdict === 'not-subject') return p.launcher.fix;
  // Config exceptions name role ARN patterns only: a user's launches keep the account held.
  if (!/:iam::\d{12}:role\//.test(p.principalArn)) {
    return `${p.launcher.fix} Meanwhile the account stays held out of the SCP (exceptions name roles only).`;
  }
  const expires = new Date(Date.parse(generatedAt) + 30 * 86_400_000).toISOString().slice(0, 10);
  return `${p.launcher.fix} Meanwhile: ${exceptionSnippet(p.principalArn, expires)}`;
}

export const LAUNCH_HEAD = [
  'Account',
  'Principal',
  'Launcher',
  'Launches',
  'Would be refused',
  'Verdict',
  'Why',
  'Example',
  'Fix',
];

export function launchRows(preview: LaunchPreview, generatedAt: string): string[][] {
  return preview.principals.map((p) => [
    `${p.accountName} (${p.accountId})`,
    p.principalArn,
    p.launcher.label,
    String(p.launches),
    String(p.refused),
    LAUNCH_VERDICT_LABEL[p.verdict],
    p.reason,
    exampleText(p),
    fixText(p, generatedAt),
  ]);
}

/** What to do when the member role may not read the event history. */
export const LOOKUP_DENIED_FIX =
  'Allow cloudtrail:LookupEvents in the member role (`guardrails permissions` prints the policy), then run readiness again.';

/** `sandbox-alice (222222222209): cloudtrail:LookupEvents denied in 3 regions (…)`. */
export function lookupDeniedText(a: AccountLaunches): string {
  const n = a.lookupDenied.length;
  return `${a.accountName} (${a.accountId}): the member role may not call cloudtrail:LookupEvents in ${n} region${n === 1 ? '' : 's'} (${a.lookupDenied.join(', ')}), so its launches there are not previewed`;
}

export const LOOKUP_DENIED_HEAD = ['Account', 'Regions', 'What it means', 'Fix'];

export function lookupDeniedRows(preview: LaunchPreview): string[][] {
  return preview.accounts
    .filter((a) => a.lookupDenied.length > 0)
    .map((a) => [
      `${a.accountName} (${a.accountId})`,
      a.lookupDenied.join(', '),
      'cloudtrail:LookupEvents denied to the member role: launches there are not previewed',
      LOOKUP_DENIED_FIX,
    ]);
}
