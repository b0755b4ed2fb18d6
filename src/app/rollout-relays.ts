/** Hosts that sit between the rollout and the real host: they add or hold back events. */
import { accountOf } from '../core/plan/change-kinds.js';
import type { Host } from '../events/host.js';
import type { GuardrailsEvent, StepName, WaveAccount } from '../events/types.js';
import type { RolloutWave } from './rollout.js';

export function tracksOpenStep(host: Host): { host: Host; current: () => StepName | undefined } {
  let current: StepName | undefined;
  return {
    current: () => current,
    host: relay(host, (event, forward) => {
      if (event.type === 'step.started') current = event.step;
      if (event.type === 'step.finished' && event.step === current) current = undefined;
      forward(event);
    }),
  };
}

const ORGANIZATION_ROW = { accountId: 'organization', accountName: 'Organizations (SCP)' };

export function accountsOf(wave: RolloutWave): WaveAccount[] {
  const byId = new Map<string, WaveAccount>();
  for (const c of wave.changes) {
    // Keyed as the executor's events are (whereOf): organization-wide changes share one row.
    const { accountId, accountName } = accountOf(c) ?? ORGANIZATION_ROW;
    const entry = byId.get(accountId) ?? { accountId, accountName, changes: 0 };
    entry.changes += 1;
    byId.set(accountId, entry);
  }
  return [...byId.values()];
}

/**
 * Planning as one `Plan` step whose end the rollout announces (with the plan's detail): the
 * plan use case's own `plan.ready` and `step.finished plan` are held back.
 */
export function plansQuietly(host: Host): Host {
  return relay(host, (event, forward) => {
    if (event.type === 'plan.ready') return;
    if (event.type === 'step.finished' && event.step === 'plan' && event.status === 'ok') return;
    if (event.type === 'step.started' && event.step === 'plan') {
      forward({ ...event, title: 'Plan' });
      return;
    }
    forward(event);
  });
}

/**
 * Adds the per-account change counts to `wave.started` (the UI's per-account progress); the
 * apply use case's own apply step events are held back (the rollout opens and closes it).
 */
export function withWaveAccounts(host: Host, waves: RolloutWave[]): Host {
  const byName = new Map(waves.map((w) => [w.name, w]));
  return relay(host, (event, forward) => {
    if ((event.type === 'step.started' || event.type === 'step.finished') && event.step === 'apply')
      return;
    const wave = event.type === 'wave.started' ? byName.get(event.wave) : undefined;
    if (event.type === 'wave.started' && wave && !event.accounts) {
      forward({ ...event, accounts: accountsOf(wave) });
    } else forward(event);
  });
}

/** Verify re-observes: its preflight/discover steps are not shown again, only the sweep. */
export function onlySweepEvents(host: Host): Host {
  return relay(host, (event, forward) => {
    if (event.type === 'step.started' || event.type === 'step.finished') return;
    if (event.type === 'preflight.identity' || event.type === 'discover.progress') return;
    if (event.type === 'verify.finished') return;
    forward(event);
  });
}

export function relay(
  host: Host,
  handle: (event: GuardrailsEvent, forward: (e: GuardrailsEvent) => void) => void,
): Host {
  return {
    notify: (event) => handle(event, (e) => host.notify(e)),
    ask: (question) => host.ask(question),
  };
}
