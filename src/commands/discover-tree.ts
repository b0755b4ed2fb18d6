/** The human view of `guardrails discover`: the OU tree with accounts, reachability and counts. */
import type { DiscoveredAccount, DiscoveredOu, DiscoverResult } from '../app/discover.js';
import { sanitizeOutput } from '../core/text/sanitize-text.js';

/** Passes through sanitizeOutput once: names from the organization are shown, never obeyed. */
export function renderDiscoverTree(result: DiscoverResult): string {
  return sanitizeOutput(renderTree(result));
}

function renderTree(result: DiscoverResult): string {
  const lines: string[] = [];
  const { organization, root, counts } = result;
  lines.push(
    `Organization ${organization.id} · management account ${organization.managementAccountId} · caller ${result.caller.arn}`,
  );
  const types = root.policyTypes.map((p) => `${p.type} ${p.status}`).join(', ') || 'none enabled';
  lines.push(`Policy types on the root: ${types}`);
  lines.push('');

  const children = new Map<string, DiscoveredOu[]>();
  for (const ou of result.ous) {
    const list = children.get(ou.parentId) ?? [];
    list.push(ou);
    children.set(ou.parentId, list);
  }
  const accountsByPath = new Map<string, DiscoveredAccount[]>();
  for (const a of result.accounts) {
    const list = accountsByPath.get(a.ouPath) ?? [];
    list.push(a);
    accountsByPath.set(a.ouPath, list);
  }
  const totalUnder = (path: string) =>
    result.accounts.filter((a) => a.ouPath === path || a.ouPath.startsWith(`${path}/`)).length;

  lines.push(`Root ${root.id}${scpLabel(root.scps)} · ${plural(totalUnder('Root'), 'account')}`);
  const walk = (parentId: string, path: string, indent: string): void => {
    const entries: Array<DiscoveredAccount | DiscoveredOu> = [
      ...(accountsByPath.get(path) ?? []),
      ...(children.get(parentId) ?? []),
    ];
    entries.forEach((entry, i) => {
      const last = i === entries.length - 1;
      const prefix = `${indent}${last ? '└── ' : '├── '}`;
      if ('email' in entry) {
        lines.push(`${prefix}${accountLine(entry, result)}`);
        return;
      }
      lines.push(
        `${prefix}${entry.name}/ (${entry.id})${scpLabel(entry.scps)} · ${plural(totalUnder(entry.path), 'account')}`,
      );
      walk(entry.id, entry.path, `${indent}${last ? '    ' : '│   '}`);
    });
  };
  walk(root.id, 'Root', '');

  lines.push('');
  lines.push(
    `${plural(counts.accounts, 'account')} in ${plural(counts.ous, 'OU')} · ${counts.inScope} in scope · ` +
      `${counts.reachable} reachable, ${counts.unreachable} unreachable · ${plural(counts.regionTargets, 'account × region target')}`,
  );
  const policy = result.guardrailPolicy;
  if (policy) {
    const where = policy.targets.map((t) => targetLabel(t, result)).join(', ') || 'nothing';
    lines.push(`${policy.name} (${policy.id}) is attached to: ${where}`);
  } else {
    lines.push(
      'The guardrail SCP does not exist yet (`guardrails plan` shows what would be created).',
    );
  }
  lines.push(
    'SCPs never apply to the management account; its IMDS defaults are set and checked directly.',
  );
  return `${lines.join('\n')}\n`;
}

function accountLine(a: DiscoveredAccount, result: DiscoverResult): string {
  const parts = [`${a.name} (${a.id})`, a.status];
  if (a.id === result.organization.managementAccountId) parts.push('management');
  if (!a.inScope) {
    parts.push('out of scope');
  } else if (a.access?.status === 'reachable') {
    parts.push(a.access.via === 'caller' ? 'reachable (caller credentials)' : 'reachable');
    parts.push(
      a.regionsInScope.length === a.enabledRegions.length
        ? plural(a.enabledRegions.length, 'region')
        : `${a.regionsInScope.length}/${a.enabledRegions.length} regions in scope`,
    );
  } else if (a.access?.status === 'unreachable') {
    parts.push(`unreachable: ${a.access.reason}`);
  }
  return `${parts.join(' · ')}${scpLabel(a.scps)}`;
}

function targetLabel(id: string, result: DiscoverResult): string {
  if (id === result.root.id) return 'Root';
  const ou = result.ous.find((o) => o.id === id);
  if (ou) return ou.path;
  const account = result.accounts.find((a) => a.id === id);
  return account ? `${account.name} (${account.id})` : id;
}

function scpLabel(scps: string[]): string {
  return scps.length ? ` [SCPs: ${scps.join(', ')}]` : '';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
