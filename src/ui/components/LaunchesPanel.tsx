import { Box, Text } from 'ink';
import type { RolloutState } from '../state.js';
import { ICONS, useTheme } from '../theme.js';

/** Refusing principals listed with their fix (the rest are counted). */
const PRINCIPAL_ROWS = 4;

/**
 * The launch preview under Readiness: who the SCP would refuse, with the launcher and its fix,
 * which accounts it could not read (LookupEvents denied) and which accounts the launch gate
 * holds out of the SCP's reach. Compact once confirmed (the apply needs the rows): the counts
 * and the holds, without the principals.
 */
export function LaunchesPanel(props: { state: RolloutState; maxRows?: number; compact?: boolean }) {
  const theme = useTheme();
  const { launches, scpHeld } = props.state;
  if (!launches) return null;
  if (launches.policy === null) {
    return (
      <Box paddingLeft={2}>
        <Text color={theme.tone('muted')}>Launches: no SCP in this configuration.</Text>
      </Box>
    );
  }
  const refused = launches.principals.filter((p) => p.verdict === 'refused');
  const rows = props.compact ? [] : refused.slice(0, props.maxRows ?? PRINCIPAL_ROWS);
  return (
    <Box flexDirection="column" paddingLeft={2}>
      <Text wrap="truncate-end" color={theme.tone(launches.refused > 0 ? 'warn' : 'muted')}>
        Launches ({launches.lookbackDays} days): {launches.launches} read, {launches.refused} would
        be refused by {launches.policy} in {launches.accountsWithRefusals} account
        {launches.accountsWithRefusals === 1 ? '' : 's'}
        {launches.unknown > 0 ? `, ${launches.unknown} unknown` : ''}
      </Text>
      {rows.map((p) => (
        <Box key={`${p.accountId} ${p.principal}`} flexDirection="column">
          <Text wrap="truncate-end">
            {ICONS.warn} {p.accountName} {p.principal} · {p.launcher} · {p.refused} refused
          </Text>
          <Text wrap="truncate-end" color={theme.tone('muted')}>
            {'  '}fix: {p.fix}
          </Text>
        </Box>
      ))}
      {refused.length > rows.length && !props.compact ? (
        <Text color={theme.tone('muted')}>
          … {refused.length - rows.length} more in guardrails readiness
        </Text>
      ) : null}
      {launches.lookupDenied.map((a) => (
        <Text key={`denied ${a.accountId}`} wrap="truncate-end" color={theme.tone('warn')}>
          {ICONS.warn} {a.accountName} ({a.accountId}): LookupEvents denied → guardrails permissions
        </Text>
      ))}
      {scpHeld.map((h) => (
        <Text key={h.accountId} wrap="truncate-end" color={theme.tone('warn')}>
          {ICONS.warn} held out of the SCP: {h.accountName} ({h.accountId}) · defaults still set
        </Text>
      ))}
    </Box>
  );
}

/** Rows the panel takes as drawn (the screen budget counts them). */
export function launchesPanelRows(state: RolloutState, compact: boolean): number {
  const { launches, scpHeld } = state;
  if (!launches) return 0;
  if (launches.policy === null) return 1;
  const refused = launches.principals.filter((p) => p.verdict === 'refused').length;
  const listed = compact ? 0 : Math.min(refused, PRINCIPAL_ROWS);
  const more = !compact && refused > listed ? 1 : 0;
  return 1 + listed * 2 + more + launches.lookupDenied.length + scpHeld.length;
}
