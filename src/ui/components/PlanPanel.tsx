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

/** Rows the SCP changes fold onto under the table, at least (when they need them). */
const SCP_ROWS = 3;

/**
 * How the table's `height` lines are shared. The SCP changes fold onto up to SCP_ROWS, then, like
 * the Skipped list, onto every line the OU rows leave: held accounts turn one `attach … to Root`
 * into attachments to many OUs and accounts, and those are what Confirm applies. The Skipped list
 * has one line otherwise (`x` lists it whole). At 80×24 with a long question the table gives up
 * its column header, then the Stage line, before those lists.
 */
export function planTableLayout(
  height: number,
  lines: { rows: number; scp: number; skipped: number; stage: boolean },
) {
  let scp = Math.min(lines.scp, SCP_ROWS);
  let skipped = 1;
  let spare = height - (lines.rows + 1 + (lines.stage ? 1 : 0) + scp + skipped);
  const take = (wanted: number) => {
    const got = Math.max(0, Math.min(wanted, spare));
    spare -= got;
    return got;
  };
  scp += take(lines.scp - scp);
  skipped += take(lines.skipped - skipped);
  scp = Math.max(1, Math.min(scp, height - 4));
  skipped = Math.max(1, Math.min(skipped, height - 3 - scp));
  const stage = lines.stage && height >= scp + skipped + 2;
  const fixed = scp + skipped + (stage ? 1 : 0);
  const header = height >= fixed + 2;
  return { scp, skipped, stage, header, rows: Math.max(1, height - fixed - (header ? 1 : 0)) };
}

/** The first `count` folded lines; the last ends in `…` when lines were left out. */
function firstLines(all: string[], count: number): string[] {
  const lines = all.slice(0, count);
  if (lines.length < all.length) {
    lines[lines.length - 1] = `${(lines.at(-1) ?? '').replace(/ ·$/, '')} …`;
  }
  return lines;
}

function PlanTable(props: { view: PlanView; nav: PlanNav; height: number }) {
  const theme = useTheme();
  const { view, nav } = props;
  const { stdout } = useStdout();
  const rows = planRows(view, nav.expanded);
  const width = (stdout.columns || 80) - 2;
  // What happens to the SCPs and what is skipped fold between items (`d` shows the diff, `x`
  // the skipped targets with their reasons).
  const scpAll = foldItems(
    'SCP: ',
    view.orgChanges.length ? view.orgChanges : ['unchanged'],
    width,
  );
  const skippedAll = foldItems(
    'Skipped: ',
    view.skippedAccounts.length ? view.skippedAccounts : ['none'],
    width,
  );
  const layout = planTableLayout(props.height, {
    rows: rows.length,
    scp: scpAll.length,
    skipped: skippedAll.length,
    stage: view.stage !== undefined,
  });
  const scpLines = firstLines(scpAll, layout.scp);
  const skippedLines = firstLines(skippedAll, layout.skipped);
  const withStage = layout.stage;
  const withHeader = layout.header;
  // The plan is redrawn once accounts are held out: the cursor stays on a row that exists.
  const cursor = Math.min(nav.cursor, Math.max(0, rows.length - 1));
  const shown = windowOf(rows, cursor, layout.rows);
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
        const selected = shown.start + i === cursor;
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
          {line}
        </Text>
      ))}
      {skippedLines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: folded lines have no identity beyond position
        <Text key={`s${i}`} wrap="truncate-end" color={theme.tone('muted')}>
          {line}
        </Text>
      ))}
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
