import { Text, useStdout } from 'ink';
import { columnsOf } from '../fold.js';
import { useTheme } from '../theme.js';

/**
 * The keys that work right now, one line at the bottom; spaced closer when the wide spacing
 * would cut the last key at 80 columns.
 */
export function KeyHelp(props: { keys: [key: string, action: string][] }) {
  const theme = useTheme();
  const { stdout } = useStdout();
  if (props.keys.length === 0) return null;
  const items = props.keys.map(([key, action]) => `${key} ${action}`);
  const wide = items.join('   ');
  const line = columnsOf(wide) <= (stdout.columns || 80) ? wide : items.join('  ');
  return (
    <Text wrap="truncate-end" color={theme.tone('muted')}>
      {line}
    </Text>
  );
}
