import { Box, Text } from 'ink';
import { formatDuration } from '../../events/describe.js';
import type { FinishedAccount } from '../state.js';
import { ICONS, useTheme } from '../theme.js';

/** A finished account, printed once into the static log above the live area. */
export function FinishedAccountLine(props: { item: FinishedAccount }) {
  const theme = useTheme();
  const { item } = props;
  const failed = item.failed > 0;
  const who = item.accountId === item.name ? item.name : `${item.name} (${item.accountId})`;
  const counts = failed
    ? `${item.total - item.failed}/${item.total} done, ${item.failed} failed`
    : `${item.total}/${item.total} done`;
  return (
    <Box>
      <Text color={theme.tone(failed ? 'fail' : 'ok')}>{failed ? ICONS.failed : ICONS.ok} </Text>
      <Text wrap="truncate-end">
        {item.wave} · {who} · {counts} in {formatDuration(item.durationMs)}
      </Text>
    </Box>
  );
}
