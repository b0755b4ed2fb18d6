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

/** Columns before a step's summary: the icon and `3 Plan`. */
export const SUMMARY_INDENT = 15;

/**
 * One checklist line: `✔ 3 Plan        121 to change · 100 unchanged · 3 skipped`; a summary too
 * long for the line continues below it, under itself (the App folds it and counts the rows).
 */
export function StepRow(props: { view: StepView; number: number; summary: string[] }) {
  const theme = useTheme();
  const { view } = props;
  const tone = TONE[view.status];
  const color = view.status === 'pending' ? theme.tone('muted') : undefined;
  const icon =
    view.status === 'running' ? (
      <Spinner />
    ) : (
      <Text color={tone ? theme.tone(tone) : undefined}>{ICONS[view.status]}</Text>
    );
  const [first = '', ...rest] = props.summary;
  return (
    <Box flexDirection="column">
      <Box>
        <Box width={2} flexShrink={0}>
          {icon}
        </Box>
        <Box width={SUMMARY_INDENT - 2} flexShrink={0}>
          <Text bold={view.status === 'running'}>
            {props.number} {view.title}
          </Text>
        </Box>
        <Box flexGrow={1}>
          <Text wrap="truncate-end" color={color}>
            {first}
          </Text>
        </Box>
      </Box>
      {rest.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: folded lines have no identity beyond position
        <Box key={i} paddingLeft={SUMMARY_INDENT}>
          <Text wrap="truncate-end" color={color}>
            {line}
          </Text>
        </Box>
      ))}
    </Box>
  );
}
