import { Text } from 'ink';
import { useTheme } from '../theme.js';

/** The keys that work right now, one line at the bottom. */
export function KeyHelp(props: { keys: [key: string, action: string][] }) {
  const theme = useTheme();
  if (props.keys.length === 0) return null;
  return (
    <Text wrap="truncate-end" color={theme.tone('muted')}>
      {props.keys.map(([key, action]) => `${key} ${action}`).join('  ·  ')}
    </Text>
  );
}
