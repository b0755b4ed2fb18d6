import { Box, Text, useStdout } from 'ink';
import { plural } from '../../core/model/plural.js';
import { wrapCommand } from '../../core/text/wrap-command.js';
import { formatDuration, percent } from '../../events/describe.js';
import { failureHint } from '../../events/failure-hints.js';
import { foldHanging } from '../fold.js';
import { type AccountProgress, pace, type RolloutState } from '../state.js';
import { ICONS, useTheme } from '../theme.js';
import { ProgressBar } from './ProgressBar.js';

/** The live area of one wave: progress, pace, accounts in progress, the latest failures. */
export function ApplyPanel(props: { state: RolloutState; now: number; height: number }) {
  const theme = useTheme();
  const { state } = props;
  const wave = state.waves.at(-1);
  if (!wave) return null;
  const processed = wave.done + wave.failed + wave.skipped;
  const { perSecond, etaSeconds } = pace(wave, props.now);
  const active = [...wave.accounts.values()]
    .filter((a) => a.startedAt !== undefined)
    .sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0));
  const failures = state.failures.slice(-2);
  const room = Math.max(1, props.height - 3 - failures.length - (state.interrupting ? 1 : 0));
  const shownAccounts = active.slice(0, room);
  return (
    <Box flexDirection="column" paddingLeft={2}>
      <Text wrap="truncate-end">
        wave {wave.index + 1}/{wave.total} <Text bold>{wave.name}</Text>{' '}
        <ProgressBar done={processed} total={wave.changes} /> {percent(processed, wave.changes)}%{' '}
        {processed}/{wave.changes}
      </Text>
      <Text wrap="truncate-end" color={theme.tone('muted')}>
        {perSecond.toFixed(1)} changes/s · ETA{' '}
        {etaSeconds === undefined ? '–' : formatDuration(etaSeconds * 1000)} · {wave.retries}{' '}
        retries · {wave.failed} failed
      </Text>
      {shownAccounts.map((a) => (
        <AccountLine key={a.accountId} account={a} />
      ))}
      {active.length > shownAccounts.length ? (
        <Text color={theme.tone('muted')}>
          {'  '}+ {active.length - shownAccounts.length} more accounts in progress
        </Text>
      ) : null}
      {failures.map((f) => (
        <Text key={f.id} wrap="truncate-end" color={theme.tone('fail')}>
          {ICONS.failed} {f.label}: {f.code}: {f.message}
        </Text>
      ))}
      {state.interrupting ? (
        <Text color={theme.tone('warn')}>
          Stopping: in-flight calls finish, the journal is flushed…
        </Text>
      ) : null}
    </Box>
  );
}

function AccountLine(props: { account: AccountProgress }) {
  const { account } = props;
  const who =
    account.accountId === account.name ? account.name : `${account.name} (${account.accountId})`;
  const total = Math.max(account.total, account.done + account.failed);
  return (
    <Box>
      <Box width={40} flexShrink={0}>
        <Text wrap="truncate-end">
          {ICONS.pointer} {who}
        </Text>
      </Box>
      <ProgressBar done={account.done + account.failed} total={total} width={10} />
      <Text>
        {' '}
        {account.done + account.failed}/{total}
      </Text>
    </Box>
  );
}

/** After the apply: how it ended and, if it stopped early, the exact command that resumes it. */
export function ApplyOutcome(props: { state: RolloutState }) {
  const theme = useTheme();
  const { stdout } = useStdout();
  const { run, held } = props.state;
  if (!run && held.length === 0) return null;
  const failures = props.state.failures.slice(-3);
  // What to do about them, once per kind (throttling, expired credentials, a missing permission).
  const hints = [
    ...new Set(props.state.failures.map((f) => failureHint(f.code)).filter((h) => h !== undefined)),
  ];
  return (
    <Box flexDirection="column" paddingLeft={2}>
      {heldLines(props.state, stdout.columns || 80).map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: folded lines have no identity beyond position
        <Text key={i} wrap="truncate-end" color={theme.tone('warn')}>
          {line}
        </Text>
      ))}
      {failures.map((f) => (
        <Text key={f.id} wrap="truncate-end" color={theme.tone('fail')}>
          {ICONS.failed} {f.label}: {f.code}: {f.message}
        </Text>
      ))}
      {hints.map((hint) => (
        <Text key={hint}>hint: {hint}</Text>
      ))}
      {run?.resumeCommand ? (
        <>
          <Text color={theme.tone('warn')}>Stopped before the end. Resume with:</Text>
          <Text bold>{wrapCommand(run.resumeCommand, stdout.columns || 80)}</Text>
        </>
      ) : null}
    </Box>
  );
}

/**
 * The accounts the readiness gate held out, each with why, folded at the screen's width (the
 * evidence is the point of the line): the rows the screen budget counts.
 */
export function heldLines(state: RolloutState, columns: number): string[] {
  return state.held
    .filter((h) => h.changes > 0)
    .flatMap((h) =>
      foldHanging(
        `${ICONS.warn} held out: ${h.accountName} (${h.accountId}) · ${plural(h.changes, 'change')} not applied · ${h.evidence[0] ?? 'at risk'}`,
        columns - 2,
        '  ',
      ),
    );
}
