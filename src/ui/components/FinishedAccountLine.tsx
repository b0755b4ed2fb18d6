import { Box, Text } from 'ink';
import { formatDuration } from '../../events/describe.js';
import type { FinishedAccount } from '../state.js';
import { ICONS, useTheme } from '../theme.js';

/** A finished account, printed once into the static log above the live area. */
export function FinishedAccountLine(props: { item: FinishedAccount }) {
  const theme = useTheme();
  const { item } = props;
  const failed = item.failed > 0;
  const unfinished = item.done + item.failed < item.total;
  const who =
    /^\d{12}$/.test(item.accountId) && item.accountId !== item.name
      ? `${item.name} (${item.accountId})`
      : item.name;
  const counts = `${item.done}/${item.total} done${failed ? `, ${item.failed} failed` : ''}${unfinished ? ', stopped' : ''}`;
  return (
    <Box>
      <Text color={theme.tone(failed ? 'fail' : unfinished ? 'warn' : 'ok')}>
        {failed ? ICONS.failed : unfinished ? ICONS.skipped : ICONS.ok}{' '}
      </Text>
      <Text wrap="truncate-end">
        {item.wave} · {who} · {counts} in {formatDuration(item.durationMs)}
      </Text>
    </Box>
  );
}
