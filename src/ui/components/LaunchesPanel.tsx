import { Box, Text, useStdout } from 'ink';
import { foldHanging, foldWords } from '../fold.js';
import type { RolloutState } from '../state.js';
import { ICONS, type Tone, useTheme } from '../theme.js';

/** Refusing principals listed with their fix (the rest are counted). */
const PRINCIPAL_ROWS = 4;

export interface LaunchesLayout {
  compact?: boolean;
  /** Terminal columns: every line is folded to them (the panel is indented by 2). */
  columns: number;
  /** Rows the panel may take; principals that do not fit are counted instead of listed. */
  room?: number;
}

interface PanelLine {
  text: string;
  tone?: Tone;
}

/**
 * The launch preview under Readiness: who the SCP would refuse, with the launcher and its fix,
 * which accounts it could not read (LookupEvents denied) and which accounts the launch gate
 * holds out of the SCP's reach. Compact once confirmed (the apply needs the rows): the counts
 * and the holds, without the principals. Folded, not cut, at 80 columns: a short screen lists
 * fewer principals, each whole, and counts the rest (the first one's fix goes as far as the rows
 * go, ending in `…`).
 */
export function LaunchesPanel(props: { state: RolloutState; compact?: boolean; room?: number }) {
  const theme = useTheme();
  const { stdout } = useStdout();
  const lines = launchesPanelLines(props.state, {
    columns: stdout.columns || 80,
    ...(props.compact !== undefined ? { compact: props.compact } : {}),
    ...(props.room !== undefined ? { room: props.room } : {}),
  });
  if (lines.length === 0) return null;
  return (
    <Box flexDirection="column" paddingLeft={2}>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: folded lines have no identity beyond position
        <Text key={i} wrap="truncate-end" color={line.tone ? theme.tone(line.tone) : undefined}>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}

/** Rows the panel takes as drawn (the screen budget counts them). */
export function launchesPanelRows(state: RolloutState, layout: LaunchesLayout): number {
  return launchesPanelLines(state, layout).length;
}

/** The panel's lines, folded at the screen's width: what is drawn and what is counted. */
export function launchesPanelLines(state: RolloutState, layout: LaunchesLayout): PanelLine[] {
  const { launches, scpHeld } = state;
  if (!launches) return [];
  const width = layout.columns - 2;
  const tone = (t: Tone | undefined) => (texts: string[]) =>
    texts.map((text) => (t ? { text, tone: t } : { text }));
  if (launches.policy === null) {
    return tone('muted')(foldWords('Launches: no SCP in this configuration.', width));
  }
  const accounts = `${launches.accountsWithRefusals} account${launches.accountsWithRefusals === 1 ? '' : 's'}`;
  const head = tone(launches.refused > 0 ? 'warn' : 'muted')(
    foldHanging(
      `Launches (${launches.lookbackDays} days): ${launches.launches} read, ${launches.refused} would be refused by ${launches.policy} in ${accounts}${launches.unknown > 0 ? `, ${launches.unknown} unknown` : ''}`,
      width,
      '  ',
    ),
  );
  const tail = [
    ...launches.lookupDenied.flatMap((a) =>
      tone('warn')(
        foldHanging(
          `${ICONS.warn} ${a.accountName} (${a.accountId}): LookupEvents denied → guardrails permissions`,
          width,
          '  ',
        ),
      ),
    ),
    ...scpHeld.flatMap((h) =>
      tone('warn')(
        foldHanging(
          `${ICONS.warn} held out of the SCP: ${h.accountName} (${h.accountId}) · defaults still set`,
          width,
          '  ',
        ),
      ),
    ),
  ];
  const refused = launches.principals.filter((p) => p.verdict === 'refused');
  const listed: PanelLine[] = [];
  let count = 0;
  if (!layout.compact) {
    const room = (layout.room ?? Number.POSITIVE_INFINITY) - head.length - tail.length;
    for (const p of refused.slice(0, PRINCIPAL_ROWS)) {
      const lines = [
        ...tone(undefined)(
          foldHanging(
            `${ICONS.warn} ${p.accountName} ${p.principal} · ${p.launcher} · ${p.refused} refused`,
            width,
            '  ',
          ),
        ),
        ...tone('muted')(
          foldHanging(`fix: ${p.fix}`, width - 2, '     ').map((line) => `  ${line}`),
        ),
      ];
      // The line that counts the rest needs its row too.
      const left = room - listed.length - (count + 1 < refused.length ? 1 : 0);
      if (lines.length > left) {
        // The first refusal is shown even on a short screen: its fix as far as the rows go.
        if (count === 0 && left >= 2) {
          listed.push(...lines.slice(0, left));
          const last = listed[listed.length - 1] as PanelLine;
          last.text = `${last.text} …`;
          count = 1;
        }
        break;
      }
      listed.push(...lines);
      count += 1;
    }
  }
  const more =
    !layout.compact && refused.length > count
      ? tone('muted')([`… ${refused.length - count} more in guardrails readiness`])
      : [];
  return [...head, ...listed, ...more, ...tail];
}
