/**
 * What the rollback tells its host, apart from the restore itself: who is calling, the list of
 * what will be restored (per account and region, before → after, with names) and the
 * confirmation, and account names on the progress rows.
 */
import type { CallerIdentity } from '../core/model/types.js';
import type { Change } from '../core/plan/types.js';
import { NonInteractiveError, UserAbortError } from '../errors.js';
import type { Host } from '../events/host.js';
import type { StepName } from '../events/types.js';
import { restoreLine, restoreRows } from '../report/restore-rows.js';
import type { AppContext } from './context.js';
import { accountsOf, relay } from './rollout-relays.js';

/** The rollback's own checklist in the terminal UI. */
export const ROLLBACK_CHECKLIST: { step: StepName; title: string }[] = [
  { step: 'preflight', title: 'Preflight' },
  { step: 'discover', title: 'Re-read' },
  { step: 'confirm', title: 'Confirm' },
  { step: 'apply', title: 'Restore' },
];

export function announceIdentity(
  ctx: AppContext,
  caller: CallerIdentity,
  organization: { id: string; managementAccountId: string },
): void {
  ctx.host.notify({
    type: 'preflight.identity',
    caller,
    organizationId: organization.id,
    managementAccountId: organization.managementAccountId,
    configFile: ctx.configFile,
  });
  ctx.host.notify({
    type: 'step.finished',
    step: 'preflight',
    status: 'ok',
    summary: `${caller.arn} manages ${organization.id}`,
  });
}

/**
 * Lists what will be restored, then asks (unless --yes). Without a terminal the list goes to
 * the log, so a CI run records what it restored.
 */
export async function confirmRestore(
  ctx: AppContext,
  changes: readonly Change[],
  options: { yes: boolean; interactive: boolean; journal: string },
): Promise<void> {
  const lines = restoreRows(changes).map(restoreLine);
  const count = `${changes.length} change${changes.length === 1 ? '' : 's'}`;
  ctx.host.notify({ type: 'step.started', step: 'confirm', title: 'Confirm' });
  if (options.yes) {
    if (!options.interactive) {
      for (const line of lines) ctx.host.notify({ type: 'log', level: 'info', message: line });
    }
    ctx.host.notify({
      type: 'step.finished',
      step: 'confirm',
      status: 'ok',
      summary: `restore ${count} (--yes)`,
    });
    return;
  }
  if (!options.interactive) throw new NonInteractiveError('Rolling back', '--yes');
  const ok = await ctx.host.ask({
    kind: 'confirm',
    id: 'rollback.confirm',
    message: `Restore these ${count} recorded in ${options.journal}?`,
    defaultAnswer: false,
    flag: '--yes',
    details: lines,
  });
  ctx.host.notify({
    type: 'step.finished',
    step: 'confirm',
    status: ok ? 'ok' : 'failed',
    summary: ok ? `restore ${count}` : 'declined',
  });
  if (!ok) throw new UserAbortError('Declined: nothing was restored.');
}

/** Account names on the restore's progress rows (the executor's events carry ids only). */
export function withRestoreAccounts(host: Host, changes: Change[]): Host {
  const accounts = accountsOf({ name: 'rollback', changes });
  return relay(host, (event, forward) => {
    if (event.type === 'wave.started' && !event.accounts) forward({ ...event, accounts });
    else forward(event);
  });
}
