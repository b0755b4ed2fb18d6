/**
 * Relaxing changes (src/core/plan/relaxing.ts) need their own approval, separate from the
 * confirmation of the plan: in a terminal a question that lists them; without one
 * `--allow-relaxing` (--yes alone refuses them). Recomputed from the changes every time — a
 * saved plan's `risk` is never what decides. The approval goes into the run's decisions, so the
 * journal records it and `apply --resume` does not ask again.
 */
import { plural } from '../core/model/plural.js';
import { describeRelaxingChanges, relaxingChanges } from '../core/plan/relaxing-list.js';
import type { Change } from '../core/plan/types.js';
import { RelaxingNotApprovedError, UserAbortError } from '../errors.js';
import type { AppContext } from './context.js';

export async function approveRelaxing(
  ctx: AppContext,
  changes: readonly Change[],
  options: { interactive: boolean },
): Promise<AppContext> {
  const relaxing = relaxingChanges(changes);
  if (relaxing.length === 0) return ctx;
  const lines = describeRelaxingChanges(relaxing, 20);
  const count = plural(relaxing.length, 'relaxing change');
  if (ctx.decisions?.allowRelaxing) {
    ctx.host.notify({
      type: 'log',
      level: 'warn',
      message: `Applying ${count} (--allow-relaxing): ${lines.join('; ')}`,
    });
    return ctx;
  }
  if (!options.interactive) {
    throw new RelaxingNotApprovedError(lines, relaxing.length);
  }
  const ok = await ctx.host.ask({
    kind: 'confirm',
    id: 'apply.relaxing',
    message:
      relaxing.length === 1
        ? 'This change loosens a protection. Apply it?'
        : `These ${relaxing.length} changes loosen a protection. Apply them?`,
    details: lines,
    defaultAnswer: false,
    flag: '--allow-relaxing',
  });
  if (!ok) throw new UserAbortError('Declined the relaxing changes: nothing was changed.');
  return { ...ctx, decisions: { ...ctx.decisions, allowRelaxing: true } };
}
