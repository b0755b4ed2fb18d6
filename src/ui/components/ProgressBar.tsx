import { Text } from 'ink';
import { useTheme } from '../theme.js';

/** `████░░░░` of a fixed width; done may exceed total by a retry race, so it is clamped. */
export function ProgressBar(props: { done: number; total: number; width?: number }) {
  const theme = useTheme();
  const width = props.width ?? 20;
  const ratio = props.total === 0 ? 1 : Math.min(1, props.done / props.total);
  const filled = Math.round(ratio * width);
  return (
    <Text>
      <Text color={theme.tone('accent')}>{'█'.repeat(filled)}</Text>
      <Text color={theme.tone('muted')}>{'░'.repeat(width - filled)}</Text>
    </Text>
  );
}
