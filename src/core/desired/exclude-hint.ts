/**
 * What to do about an account whose member role is refused, printed where it shows (discover,
 * verify, prove, the rollout): the fix docs/troubleshooting.md gives, where the admin needs it.
 * The config line is `scope` as src/config/schema.ts reads it.
 */

/** Ids beyond this are counted, not listed: the line stays pasteable in an organization of 10,000. */
const MAX_IDS = 20;
/** Names listed in the sentence; the reports have every account. */
const MAX_NAMES = 3;

/**
 * `scope: { excludeAccounts: ['111111111111', '222222222210'] }` — the accounts already
 * excluded (as written in the config) first, so the line replaces the config's list as is.
 */
export function excludeAccountsLine(
  accountIds: readonly string[],
  alreadyExcluded: readonly string[] = [],
): string {
  const ids = [...new Set([...alreadyExcluded, ...accountIds])];
  const shown = ids.slice(0, MAX_IDS).map((id) => `'${id}'`);
  const more = ids.length > MAX_IDS ? ` /* and ${ids.length - MAX_IDS} more */` : '';
  return `scope: { excludeAccounts: [${shown.join(', ')}${more}] }`;
}

export interface RoleDeniedAdvice {
  /** `sandbox-bob (222222222210): cannot be reached (AssumeRole denied). Give it …:` */
  text: string;
  /** The config line that leaves them out, kept whole so it can be pasted. */
  configLine: string;
}

/** The advice for accounts whose AssumeRole was denied: fix the role, or exclude them. */
export function roleDeniedAdvice(
  accounts: readonly { id: string; name: string }[],
  alreadyExcluded: readonly string[] = [],
): RoleDeniedAdvice | undefined {
  const ids = [...new Set(accounts.map((a) => a.id))];
  if (ids.length === 0) return undefined;
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  const listed = ids.slice(0, MAX_NAMES).map((id) => `${names.get(id) ?? id} (${id})`);
  const more = ids.length > MAX_NAMES ? ` and ${ids.length - MAX_NAMES} more` : '';
  const them = ids.length === 1 ? 'it' : 'them';
  return {
    text: `${listed.join(', ')}${more}: cannot be reached (AssumeRole denied). Give ${them} the member role (\`guardrails permissions --role member\`), or leave ${them} out with this line in the config:`,
    configLine: excludeAccountsLine(ids, alreadyExcluded),
  };
}
