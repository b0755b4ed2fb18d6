import { Box, Text } from 'ink';
import { describeDiscovery, percent } from '../../events/describe.js';
import type { RolloutState } from '../state.js';
import { useTheme } from '../theme.js';
import { ProgressBar } from './ProgressBar.js';

/** Discover: live counts as accounts are found and their roles assumed. */
export function DiscoverPanel(props: { state: RolloutState }) {
  const { discovery, sweep } = props.state;
  return (
    <Box flexDirection="column" paddingLeft={2}>
      <Text wrap="truncate-end">
        {discovery ? describeDiscovery(discovery) : 'walking the organization…'}
      </Text>
      {sweep ? <SweepLine done={sweep.done} total={sweep.total} /> : null}
    </Box>
  );
}

/** Verify (and discover's read of the defaults): account × region targets read so far. */
export function SweepLine(props: { done: number; total: number }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      <ProgressBar done={props.done} total={props.total} />{' '}
      <Text color={theme.tone('muted')}>
        {props.done}/{props.total} account × region targets read ({percent(props.done, props.total)}
        %)
      </Text>
    </Text>
  );
}

export function VerifyPanel(props: { state: RolloutState }) {
  const { sweep } = props.state;
  return (
    <Box paddingLeft={2}>
      {sweep ? (
        <SweepLine done={sweep.done} total={sweep.total} />
      ) : (
        <Text>re-reading every target…</Text>
      )}
    </Box>
  );
}

/** Report: where the journal and the reports were written. */
export function ReportPanel(props: { state: RolloutState }) {
  const theme = useTheme();
  const { run, reports } = props.state;
  const rows: [string, string][] = [];
  if (run?.journal) rows.push(['journal', run.journal]);
  for (const r of reports) rows.push([r.format, r.path]);
  if (rows.length === 0) return null;
  return (
    <Box flexDirection="column" paddingLeft={2}>
      {rows.map(([label, path]) => (
        <Text key={`${label}:${path}`} wrap="truncate-middle">
          <Text color={theme.tone('muted')}>{label.padEnd(9)}</Text>
          {path}
        </Text>
      ))}
    </Box>
  );
}
