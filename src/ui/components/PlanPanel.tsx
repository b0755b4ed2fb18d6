import { Box, Text, useStdout } from 'ink';
import { withContext } from '../../report/line-diff.js';
import { foldItems } from '../fold.js';
import type { PlanView } from '../plan-view.js';
import { ICONS, useTheme } from '../theme.js';

export type PlanMode = 'table' | 'diff' | 'skipped';

export interface PlanNav {
  mode: PlanMode;
  /** Index into the visible rows of the current mode. */
  cursor: number;
  /** OU paths whose accounts are shown. */
  expanded: ReadonlySet<string>;
}

export type PlanRow =
  | { kind: 'ou'; path: string; toChange: number; unchanged: number; skipped: number }
  | {
      kind: 'account';
      label: string;
      toChange: number;
      unchanged: number;
      skipped: number;
      detail: string;
    };

/** The table rows: OUs, with the accounts of expanded OUs under them. */
export function planRows(view: PlanView, expanded: ReadonlySet<string>): PlanRow[] {
  const rows: PlanRow[] = [];
  for (const ou of view.ous) {
    rows.push({ kind: 'ou', ...ou });
    if (!expanded.has(ou.path)) continue;
    for (const a of ou.accounts) {
      rows.push({ kind: 'account', label: `${a.name} (${a.accountId})`, ...a });
    }
  }
  return rows;
}

/** How many lines the current mode scrolls over (for the cursor bounds). */
export function planLineCount(view: PlanView, nav: PlanNav): number {
  if (nav.mode === 'diff') return withContext(view.scpDiff).length;
  if (nav.mode === 'skipped') return view.skippedGroups.length;
  return planRows(view, nav.expanded).length;
}

/** A window of `height` items that keeps the cursor visible. */
function windowOf<T>(items: T[], cursor: number, height: number): { start: number; items: T[] } {
  const start = Math.max(0, Math.min(cursor - Math.floor(height / 2), items.length - height));
  return { start, items: items.slice(start, start + height) };
}

const num = (n: number, width = 7) => String(n).padStart(width);

/** `(lines 3–10 of 40, ↑↓ scroll)`, or the count when everything fits. */
function scrollHint(start: number, shown: number, total: number): string {
  if (shown >= total) return `(${total})`;
  return `(${start + 1}–${start + shown} of ${total}, ↑↓ scroll)`;
}

export function PlanPanel(props: { view: PlanView; nav: PlanNav; height: number }) {
  const { view, nav } = props;
  if (nav.mode === 'diff') return <ScpDiff view={view} nav={nav} height={props.height} />;
  if (nav.mode === 'skipped') return <SkippedList view={view} nav={nav} height={props.height} />;
  return <PlanTable view={view} nav={nav} height={props.height} />;
}

/** Rows the SCP changes may fold onto under the table. */
const SCP_ROWS = 3;

function PlanTable(props: { view: PlanView; nav: PlanNav; height: number }) {
  const theme = useTheme();
  const { view, nav } = props;
  const { stdout } = useStdout();
  const rows = planRows(view, nav.expanded);
  // What happens to the SCPs folds between changes, up to SCP_ROWS and what leaves the OU rows
  // room (`d` shows the diff).
  const scpAll = foldItems(
    'SCP: ',
    view.orgChanges.length ? view.orgChanges : ['unchanged'],
    (stdout.columns || 80) - 2,
  );
  const scpLines = scpAll.slice(0, Math.max(1, Math.min(SCP_ROWS, props.height - 4)));
  // The table takes `height` lines: at 80×24 with a long question it gives up its column
  // header, then the Stage line (the ring was chosen on screen), before the SCP and Skipped lines.
  const withStage = view.stage !== undefined && props.height >= scpLines.length + 3;
  const fixed = scpLines.length + 1 + (withStage ? 1 : 0);
  const withHeader = props.height >= fixed + 2;
  const shown = windowOf(
    rows,
    nav.cursor,
    Math.max(1, props.height - fixed - (withHeader ? 1 : 0)),
  );
  const skippedNames = view.skippedAccounts;
  return (
    <Box flexDirection="column" paddingLeft={2}>
      {withHeader ? (
        <Text color={theme.tone('muted')}>
          {'  '}
          {'OU / account'.padEnd(36)}
          {' change unchanged skipped'}
        </Text>
      ) : null}
      {shown.items.map((row, i) => {
        const selected = shown.start + i === nav.cursor;
        const label =
          row.kind === 'ou'
            ? `${nav.expanded.has(row.path) ? '▾' : '▸'} ${row.path}`
            : `    ${row.label}`;
        return (
          <Box key={`${row.kind}:${row.kind === 'ou' ? row.path : row.label}`}>
            <Text color={selected ? theme.tone('accent') : undefined}>
              {selected ? `${ICONS.pointer} ` : '  '}
            </Text>
            <Box width={36} flexShrink={0}>
              <Text wrap="truncate-end" bold={selected && theme.color}>
                {label}
              </Text>
            </Box>
            <Text>
              <Text color={row.toChange ? theme.tone('warn') : undefined}>{num(row.toChange)}</Text>
              {num(row.unchanged, 10)}
              <Text color={row.skipped ? theme.tone('muted') : undefined}>
                {num(row.skipped, 8)}
              </Text>
            </Text>
          </Box>
        );
      })}
      {withStage ? <Text wrap="truncate-end">Stage: {view.stage}</Text> : null}
      {scpLines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: folded lines have no identity beyond position
        <Text key={i} wrap="truncate-end">
          {i === scpLines.length - 1 && scpLines.length < scpAll.length
            ? `${line.replace(/ ·$/, '')} …`
            : line}
        </Text>
      ))}
      <Text wrap="truncate-end" color={theme.tone('muted')}>
        Skipped: {skippedNames.length ? skippedNames.join(' · ') : 'none'}
      </Text>
    </Box>
  );
}

function ScpDiff(props: { view: PlanView; nav: PlanNav; height: number }) {
  const theme = useTheme();
  const lines = withContext(props.view.scpDiff);
  const shown = windowOf(lines, props.nav.cursor, Math.max(1, props.height - 1));
  return (
    <Box flexDirection="column" paddingLeft={2}>
      <Text bold>
        SCP diff{' '}
        <Text color={theme.tone('muted')}>
          {lines.length === 0
            ? '(no change to the policy)'
            : scrollHint(shown.start, shown.items.length, lines.length)}
        </Text>
      </Text>
      {shown.items.map((line, i) =>
        line === 'gap' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity beyond position
          <Text key={`gap-${shown.start + i}`} color={theme.tone('muted')}>
            {'  …'}
          </Text>
        ) : (
          <Text
            // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity beyond position
            key={`l-${shown.start + i}`}
            wrap="truncate-end"
            color={
              line.op === '+' ? theme.tone('ok') : line.op === '-' ? theme.tone('fail') : undefined
            }
          >
            {line.op} {line.text}
          </Text>
        ),
      )}
    </Box>
  );
}

/**
 * Skipped targets folded per account and reason (a declarative-policy account is one row, not
 * 17); the row at the cursor opens: its whole reason, wrapped, and the regions it covers.
 */
function SkippedList(props: { view: PlanView; nav: PlanNav; height: number }) {
  const theme = useTheme();
  const groups = props.view.skippedGroups;
  // The open row takes a few lines more: leave it room.
  const shown = windowOf(groups, props.nav.cursor, Math.max(1, props.height - 4));
  return (
    <Box flexDirection="column" paddingLeft={2}>
      <Text bold>
        Skipped{' '}
        <Text color={theme.tone('muted')}>
          {scrollHint(shown.start, shown.items.length, groups.length)} · ↑↓ opens a row
        </Text>
      </Text>
      {shown.items.map((g, i) => {
        const open = shown.start + i === props.nav.cursor;
        const where = g.regions.length === 0 ? 'account' : regionsLabel(g.regions);
        const head = `${g.accountName} (${g.accountId}) · ${g.reason} · ${where}`;
        return open ? (
          <Box key={`${g.accountId}:${g.reason}`} flexDirection="column">
            <Text wrap="truncate-end">
              <Text color={theme.tone('accent')}>{ICONS.pointer} </Text>
              <Text bold>{head}</Text>
            </Text>
            <Box paddingLeft={2}>
              <Text wrap="wrap">{g.message}</Text>
            </Box>
            {g.regions.length > 3 ? (
              <Box paddingLeft={2}>
                <Text wrap="wrap" color={theme.tone('muted')}>
                  {g.regions.join(', ')}
                </Text>
              </Box>
            ) : null}
          </Box>
        ) : (
          <Text key={`${g.accountId}:${g.reason}`} wrap="truncate-end">
            <Text color={theme.tone('warn')}>{ICONS.skipped} </Text>
            {head}: {g.message}
          </Text>
        );
      })}
    </Box>
  );
}

function regionsLabel(regions: string[]): string {
  return regions.length <= 3 ? regions.join(', ') : `${regions.length} regions`;
}
