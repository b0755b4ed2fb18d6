import { Box, Text, useInput, useStdout } from 'ink';
import { useRef, useState } from 'react';
import type { Question, WaveChoice } from '../../events/types.js';
import { columnsOf, foldWords, layoutAsk } from '../fold.js';
import type { PendingQuestion } from '../state.js';
import { ICONS, useTheme } from '../theme.js';

/** The open question, as a prompt; answering calls `pending.resolve`. Esc declines. */
export function QuestionPrompt(props: { pending: PendingQuestion; room?: number }) {
  const { question, resolve } = props.pending;
  switch (question.kind) {
    case 'confirm':
      return <YesNo question={question} onAnswer={resolve} room={props.room ?? 20} />;
    case 'type-to-confirm':
      return <TypeToConfirm question={question} onAnswer={resolve} />;
    case 'choose-waves':
      return <ChooseWaves question={question} onAnswer={resolve} />;
    case 'choose-accounts':
      return <ChooseAccounts question={question} onAnswer={resolve} />;
    case 'choose-stage':
      return <ChooseStage question={question} onAnswer={resolve} />;
  }
}

/** The enforcement ring: a number picks it, ↑↓ move, Enter goes on with the marked one. */
function ChooseStage(props: {
  question: Extract<Question, { kind: 'choose-stage' }>;
  onAnswer: (stage: 1 | 2 | 3) => void;
}) {
  const theme = useTheme();
  const { question } = props;
  const current = useRef(question.defaultAnswer);
  const [marked, setMarked] = useState(question.defaultAnswer);
  const mark = (stage: 1 | 2 | 3) => {
    current.current = stage;
    setMarked(stage);
  };
  useInput((input, key) => {
    if (input === '1' || input === '2' || input === '3') mark(Number(input) as 1 | 2 | 3);
    else if (key.upArrow && current.current > 1) mark((current.current - 1) as 1 | 2 | 3);
    else if (key.downArrow && current.current < 3) mark((current.current + 1) as 1 | 2 | 3);
    else if (key.return) props.onAnswer(current.current);
  });
  return (
    <Box flexDirection="column">
      <Ask {...askOf(question)} />
      {question.stages.map(({ stage, title }) => (
        <Text key={stage} wrap="truncate-end">
          {'  '}
          <Text color={stage === marked ? theme.tone('accent') : theme.tone('muted')}>
            {stage === marked ? '›' : ' '}
          </Text>{' '}
          ring {stage} {title}
          {stage === question.defaultAnswer ? (
            <Text color={theme.tone('muted')}> · recommended</Text>
          ) : null}
        </Text>
      ))}
      {question.reason ? (
        <Box paddingLeft={2}>
          <Text wrap="wrap" color={theme.tone('muted')}>
            why ring {question.defaultAnswer}: {question.reason}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}

/**
 * The question line: the message folds onto more lines rather than being cut (a question must be
 * read whole), and its hint goes on a line of its own when it does not fit after the message.
 */
function Ask(props: { message: string; hint: string }) {
  const theme = useTheme();
  const { stdout } = useStdout();
  const { lines, hintOnOwnLine } = layoutAsk(props.message, props.hint, stdout.columns || 80);
  const hint = <Text color={theme.tone('muted')}>{props.hint}</Text>;
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: folded lines have no identity beyond position
        <Text key={i} wrap="truncate-end">
          <Text color={theme.tone('accent')} bold>
            {i === 0 ? '? ' : '  '}
          </Text>
          <Text bold>{line}</Text>
          {i === lines.length - 1 && !hintOnOwnLine ? <Text> {hint}</Text> : null}
        </Text>
      ))}
      {hintOnOwnLine ? (
        <Text wrap="truncate-end">
          {'  '}
          {hint}
        </Text>
      ) : null}
    </Box>
  );
}

/** The message and hint a question opens with (for the waves: with the waves it preselects). */
export function askOf(question: Question): { message: string; hint: string } {
  switch (question.kind) {
    case 'confirm':
      return { message: question.message, hint: question.defaultAnswer ? '(Y/n)' : '(y/N)' };
    case 'type-to-confirm':
      return { message: question.message, hint: '(esc cancels)' };
    case 'choose-waves':
      return { message: wavesHeader(question, new Set(question.defaultAnswer)), hint: WAVES_HINT };
    case 'choose-accounts':
      return { message: question.message, hint: '(number includes, ⏎ goes on)' };
    case 'choose-stage':
      return { message: question.message, hint: `(⏎ keeps ring ${question.defaultAnswer})` };
  }
}

/**
 * The detail lines a yes/no question shows in `room` rows. Each line wraps (before → after must
 * be read whole): the room is filled by rows, not lines; when they do not all fit, the first ones
 * and a line that counts the rest. `rows`: what they take as drawn (the screen budget).
 */
export function detailsShown(
  details: readonly string[],
  room: number,
  columns: number,
): { shown: string[]; fits: boolean; rows: number } {
  const width = Math.max(20, columns - 4);
  const shown: string[] = [];
  let used = 0;
  for (const line of details) {
    const rows = Math.ceil(line.length / width);
    if (used + rows > room - (shown.length + 1 < details.length ? 1 : 0)) break;
    shown.push(line);
    used += rows;
  }
  const fits = shown.length === details.length;
  return { shown, fits, rows: used + (fits ? 0 : 1) };
}

function YesNo(props: {
  question: Extract<Question, { kind: 'confirm' }>;
  onAnswer: (yes: boolean) => void;
  /** Lines the details may take. */
  room: number;
}) {
  const theme = useTheme();
  const { question } = props;
  const { stdout } = useStdout();
  const details = question.details ?? [];
  const { shown, fits } = detailsShown(details, props.room, stdout.columns || 80);
  useInput((input, key) => {
    const lower = input.toLowerCase();
    if (lower === 'y') props.onAnswer(true);
    else if (lower === 'n' || key.escape) props.onAnswer(false);
    else if (key.return) props.onAnswer(question.defaultAnswer);
  });
  const ask = <Ask {...askOf(question)} />;
  if (details.length === 0) return ask;
  return (
    <Box flexDirection="column">
      {shown.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity beyond position
        <Box key={i} paddingLeft={2}>
          <Text wrap="wrap">{line}</Text>
        </Box>
      ))}
      {fits ? null : (
        <Text color={theme.tone('muted')}>
          {'  '}+ {details.length - shown.length} more
        </Text>
      )}
      {ask}
    </Box>
  );
}

function TypeToConfirm(props: {
  question: Extract<Question, { kind: 'type-to-confirm' }>;
  onAnswer: (yes: boolean) => void;
}) {
  const theme = useTheme();
  // The typed text lives in a ref: a key handler may run before React re-subscribes a newer one.
  const typed = useRef('');
  const [shown, setShown] = useState('');
  const [mismatch, setMismatch] = useState<string | undefined>(undefined);
  const submit = () => {
    const value = typed.current.trim();
    if (value === props.question.expected) props.onAnswer(true);
    else setMismatch(value);
  };
  useInput((input, key) => {
    if (key.escape) return props.onAnswer(false);
    if (key.return) return submit();
    if (key.backspace || key.delete) typed.current = typed.current.slice(0, -1);
    else if (!key.ctrl && !key.meta && input) {
      // Typed text and Enter can arrive in one chunk (paste, a fast terminal): split them.
      const [text = '', ...rest] = input.split(/\r\n?|\n/);
      typed.current += text;
      if (rest.length > 0) return submit();
    }
    setShown(typed.current);
  });
  return (
    <Box flexDirection="column">
      <Ask {...askOf(props.question)} />
      <Text>
        <Text color={theme.tone('accent')}>{ICONS.pointer} </Text>
        {shown}
        <Text inverse> </Text>
      </Text>
      {mismatch !== undefined ? (
        <Text color={theme.tone('fail')}>
          "{mismatch}" is not {props.question.expected}; type it exactly, or esc to cancel.
        </Text>
      ) : null}
    </Box>
  );
}

function ChooseWaves(props: {
  question: Extract<Question, { kind: 'choose-waves' }>;
  onAnswer: (waves: string[]) => void;
}) {
  const theme = useTheme();
  const { question } = props;
  const selected = useNumberedToggles({
    keys: question.waves.map((w) => w.name),
    initial: question.defaultAnswer,
    onAnswer: props.onAnswer,
    declineWithN: true,
  });
  const nameWidth = waveNameWidth(question);
  // The header follows the toggles: what Enter would apply now, not what the plan holds.
  const header = wavesHeader(question, selected);
  const { stdout } = useStdout();
  const heldLines = question.heldNote
    ? foldWords(question.heldNote, (stdout.columns || 80) - 2)
    : [];
  return (
    <Box flexDirection="column">
      <Ask message={header} hint={WAVES_HINT} />
      {heldLines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: folded lines have no identity beyond position
        <Text key={i} wrap="truncate-end" color={theme.tone('muted')}>
          {'  '}
          {line}
        </Text>
      ))}
      {question.waves.map((wave: WaveChoice, i) => {
        const on = selected.has(wave.name);
        const scpBelow = scpOnOwnLine(question, wave, stdout.columns || 80);
        return (
          <Box key={wave.name} flexDirection="column">
            <Text wrap="truncate-end">
              {'  '}
              <Text color={on ? theme.tone('ok') : theme.tone('muted')}>[{on ? 'x' : ' '}]</Text>{' '}
              {i + 1} {wave.name.padEnd(nameWidth)}
              {`${plural(wave.changes, 'change')} · ${plural(wave.accounts, 'account')}`}
              {wave.relaxing ? (
                <Text color={theme.tone('fail')}> {`· ${wave.relaxing} relaxing`}</Text>
              ) : null}
              {wave.production ? (
                <Text color={theme.tone('warn')}> {ICONS.warn} production</Text>
              ) : null}
              {wave.scp && !scpBelow ? (
                <Text color={theme.tone('muted')}> {`· ${wave.scp}`}</Text>
              ) : null}
            </Text>
            {wave.scp && scpBelow ? (
              <Text wrap="truncate-end" color={theme.tone('muted')}>
                {' '.repeat(WAVE_NAME_COLUMN)}
                {wave.scp}
              </Text>
            ) : null}
          </Box>
        );
      })}
    </Box>
  );
}

const WAVES_HINT = '(number toggles)';

/** Where a wave's name starts: `  [x] 1 `. */
const WAVE_NAME_COLUMN = 8;

function waveNameWidth(question: Extract<Question, { kind: 'choose-waves' }>): number {
  return Math.max(...question.waves.map((w) => w.name.length), 4) + 2;
}

/** A wave's row as drawn, without colours: what must fit on one line. */
function waveRowText(
  question: Extract<Question, { kind: 'choose-waves' }>,
  wave: WaveChoice,
): string {
  const name = wave.name.padEnd(waveNameWidth(question));
  const counts = `${plural(wave.changes, 'change')} · ${plural(wave.accounts, 'account')}`;
  const relaxing = wave.relaxing ? ` · ${wave.relaxing} relaxing` : '';
  const production = wave.production ? ` ${ICONS.warn} production` : '';
  const scp = wave.scp ? ` · ${wave.scp}` : '';
  return `  [x] 9 ${name}${counts}${relaxing}${production}${scp}`;
}

/**
 * What a wave does with the SCP's new content goes under the row when the row would not fit
 * (80 columns): read whole, not cut.
 */
function scpOnOwnLine(
  question: Extract<Question, { kind: 'choose-waves' }>,
  wave: WaveChoice,
  columns: number,
): boolean {
  return wave.scp !== undefined && columnsOf(waveRowText(question, wave)) > columns;
}

/** Rows the wave list takes as drawn. */
export function waveListRows(
  question: Extract<Question, { kind: 'choose-waves' }>,
  columns: number,
): number {
  return question.waves.reduce((n, w) => n + (scpOnOwnLine(question, w, columns) ? 2 : 1), 0);
}

/** What Enter would apply with these waves chosen, against what the plan holds. */
function wavesHeader(
  question: Extract<Question, { kind: 'choose-waves' }>,
  selected: ReadonlySet<string>,
): string {
  const chosen = question.waves.filter((w) => selected.has(w.name));
  if (chosen.length === 0) return 'No wave selected: ⏎ applies nothing';
  const changes = chosen.reduce((n, w) => n + w.changes, 0);
  const relaxing = chosen.reduce((n, w) => n + (w.relaxing ?? 0), 0);
  const waves = `in ${chosen.length} of ${plural(question.waves.length, 'wave')}?`;
  const asked = relaxing ? ` ${relaxing} relaxing: asked next.` : '';
  return question.planned === undefined
    ? `Apply ${plural(changes, 'change')} ${waves}${asked}`
    : // The Plan step counted before the holds: both numbers, in the same line.
      `Apply ${changes} of ${plural(question.planned, 'planned change')} ${waves}${asked}`;
}

/** At-risk accounts, held unless toggled; Enter goes on with the selection, Esc holds them all. */
function ChooseAccounts(props: {
  question: Extract<Question, { kind: 'choose-accounts' }>;
  onAnswer: (accountIds: string[]) => void;
}) {
  const theme = useTheme();
  const { question } = props;
  const selected = useNumberedToggles({
    keys: question.accounts.map((a) => a.accountId),
    initial: question.defaultAnswer,
    onAnswer: props.onAnswer,
  });
  const nameWidth = accountNameWidth(question);
  const { stdout } = useStdout();
  const columns = stdout.columns || 80;
  return (
    <Box flexDirection="column">
      <Ask {...askOf(question)} />
      {question.accounts.map((account, i) => {
        const on = selected.has(account.accountId);
        const evidence = account.evidence[0] ?? 'at risk';
        const below = evidenceBelow(question, account, columns);
        return (
          <Box key={account.accountId} flexDirection="column">
            <Text wrap="truncate-end">
              {'  '}
              <Text color={on ? theme.tone('warn') : theme.tone('muted')}>[{on ? 'x' : ' '}]</Text>{' '}
              {i + 1} {`${account.accountName} (${account.accountId})`.padEnd(nameWidth)}
              <Text color={on ? theme.tone('warn') : theme.tone('muted')}>
                {on ? 'included' : 'held out'}
              </Text>
              {below.length > 0 ? '' : ` · ${evidence}`}
            </Text>
            {below.map((line, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: folded lines have no identity beyond position
              <Text key={j} wrap="truncate-end" color={theme.tone('muted')}>
                {' '.repeat(WAVE_NAME_COLUMN)}
                {line}
              </Text>
            ))}
          </Box>
        );
      })}
    </Box>
  );
}

type ChooseAccountsQuestion = Extract<Question, { kind: 'choose-accounts' }>;

function accountNameWidth(question: ChooseAccountsQuestion): number {
  return (
    Math.max(...question.accounts.map((a) => a.accountName.length + a.accountId.length + 3)) + 2
  );
}

/** Rows an account's evidence may take under its row. */
const EVIDENCE_ROWS = 3;

/**
 * Why an account is at risk goes under its row, folded, when the row would not fit (the evidence
 * must be read whole to decide whether to include it); none when it fits on the row.
 */
function evidenceBelow(
  question: ChooseAccountsQuestion,
  account: ChooseAccountsQuestion['accounts'][number],
  columns: number,
): string[] {
  const evidence = account.evidence[0] ?? 'at risk';
  const name = `${account.accountName} (${account.accountId})`.padEnd(accountNameWidth(question));
  if (columnsOf(`  [x] 9 ${name}included · ${evidence}`) <= columns) return [];
  return foldWords(evidence, columns - WAVE_NAME_COLUMN).slice(0, EVIDENCE_ROWS);
}

/** Rows the account list takes as drawn. */
export function accountListRows(question: ChooseAccountsQuestion, columns: number): number {
  return question.accounts.reduce((n, a) => n + 1 + evidenceBelow(question, a, columns).length, 0);
}

/**
 * A numbered checklist: digit n toggles the n-th key, Enter answers the chosen keys in list
 * order, Esc (and `n` where asked) answers none. The ref keeps keys pressed in one burst from
 * reading a stale state.
 */
function useNumberedToggles(options: {
  keys: readonly string[];
  initial: readonly string[];
  onAnswer: (keys: string[]) => void;
  declineWithN?: boolean;
}): ReadonlySet<string> {
  const selection = useRef<Set<string>>(new Set(options.initial));
  const [selected, setSelected] = useState<ReadonlySet<string>>(selection.current);
  useInput((input, key) => {
    const index = Number(input) - 1;
    const picked = Number.isInteger(index) ? options.keys[index] : undefined;
    if (picked !== undefined) {
      const next = new Set(selection.current);
      if (next.has(picked)) next.delete(picked);
      else next.add(picked);
      selection.current = next;
      setSelected(next);
    } else if (key.return) {
      const chosen = selection.current;
      options.onAnswer(options.keys.filter((k) => chosen.has(k)));
    } else if (key.escape || (options.declineWithN && input.toLowerCase() === 'n')) {
      options.onAnswer([]);
    }
  });
  return selected;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
