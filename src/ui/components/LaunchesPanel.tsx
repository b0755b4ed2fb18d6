import { Box, Text } from 'ink';
import type { RolloutState } from '../state.js';
import { ICONS, useTheme } from '../theme.js';

/**
 * The launch preview under Readiness: who the SCP would refuse, with the launcher and its fix,
 * which accounts it could not read (LookupEvents denied) and which accounts the launch gate
 * holds out of the SCP's reach.
 */
export function LaunchesPanel(props: { state: RolloutState; maxRows?: number }) {
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
  const rows = refused.slice(0, props.maxRows ?? 4);
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
      {refused.length > rows.length ? (
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
