import { Box, Text } from 'ink';
import type { StepView } from '../state.js';
import { ICONS, type Tone, useTheme } from '../theme.js';
import { Spinner } from './Spinner.js';

const TONE: Record<StepView['status'], Tone | undefined> = {
  pending: 'muted',
  running: 'accent',
  ok: 'ok',
  failed: 'fail',
  skipped: 'warn',
};

/** One checklist line: `✔ 3 Plan        121 to change · 100 unchanged · 3 skipped`. */
export function StepRow(props: { view: StepView; number: number; summary: string | undefined }) {
  const theme = useTheme();
  const { view } = props;
  const tone = TONE[view.status];
  const icon =
    view.status === 'running' ? (
      <Spinner />
    ) : (
      <Text color={tone ? theme.tone(tone) : undefined}>{ICONS[view.status]}</Text>
    );
  return (
    <Box>
      <Box width={2} flexShrink={0}>
        {icon}
      </Box>
      <Box width={13} flexShrink={0}>
        <Text bold={view.status === 'running'}>
          {props.number} {view.title}
        </Text>
      </Box>
      <Box flexGrow={1}>
        <Text
          wrap="truncate-end"
          color={view.status === 'pending' ? theme.tone('muted') : undefined}
        >
          {props.summary ?? ''}
        </Text>
      </Box>
    </Box>
  );
}
