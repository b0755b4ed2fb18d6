import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { runRollout } from '../../src/app/rollout.js';
import { createRolloutSteps } from '../../src/app/rollout-steps.js';
import type { UserConfig } from '../../src/config/schema.js';
import type { Host } from '../../src/events/host.js';
import type { Question } from '../../src/events/types.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { scriptedHost } from '../_helpers/answering-host.js';
import { tempDir } from '../_helpers/temp-dir.js';
import { dryRunLaunch } from '../sandbox/clients.js';
import { appContext } from './_demo.js';

const PAYMENTS_PROD = '222222222205';
const SANDBOX_ALICE = '222222222209';
const WEB_DEV = '222222222208';
const SANDBOX_OU_ACCOUNTS = [SANDBOX_ALICE];

let sb: SandboxHandle;
beforeEach(async () => {
  sb = await startSandbox({ scenario: 'demo', port: 0, latencyMs: 0 });
});
afterEach(() => sb.close());

const launch = (accountId: string, options: { tokens: 'optional' | 'required'; hops: number }) =>
  dryRunLaunch(sb, accountId, options);
/** A host that answers like an admin at a terminal; `answer` looks at the world first. */
const admin = scriptedHost;

function rolloutContext(config: UserConfig, host: Host): AppContext {
  const { ctx } = appContext(sb, { config, overrides: { regions: ['us-east-1'] } });
  return { ...ctx, host };
}

const steps = (cwd: string) =>
  createRolloutSteps({
    reportsDir: `${cwd}/guardrails-reports`,
    interactive: true,
    yes: false,
    cwd,
  });

function defaultAnswer(q: Question): unknown {
  if (q.kind === 'type-to-confirm') return true;
  if (q.kind === 'confirm') return true;
  return q.defaultAnswer;
}

describe('SCP changes and the rollout waves', { timeout: 120_000 }, () => {
  it('a content update of the attached DenyIMDSv1 reaches production in the production wave: the canary wave leaves production on the old content', async () => {
    // Given DenyIMDSv1 on Root/Workloads/Prod, and a config that adds the hop-limit statement
    // (content update) with a canary wave and a question between waves
    const config: UserConfig = {
      readiness: { gate: false },
      scp: { companions: { maxHopLimit: { enabled: true, max: 2 } } },
      rollout: {
        confirmBetweenWaves: true,
        waves: [
          { name: 'canary', accounts: [SANDBOX_ALICE] },
          { name: 'production', rest: true },
        ],
      },
    };
    const hops3 = { tokens: 'required', hops: 3 } as const;
    expect(await launch(PAYMENTS_PROD, hops3)).toBe('allowed');
    const between: Record<string, string> = {};
    const host = admin(async (q) => {
      if (q.id === 'apply.next-wave') {
        // When the canary wave is done and the rollout asks to go on to production
        between.prod = await launch(PAYMENTS_PROD, hops3);
        between.canary = await launch(SANDBOX_ALICE, hops3);
      }
      return defaultAnswer(q);
    });
    const result = await runRollout(rolloutContext(config, host), steps(tempDir()), {
      yes: false,
      interactive: true,
    });
    expect(result.exitCode).toBe(0);
    // Then the policy took the new content in the production wave, after the question
    const waveOf = new Map<string, string>();
    let wave = '';
    for (const e of host.events) {
      if (e.type === 'wave.started') wave = e.wave;
      if (e.type === 'change.started') waveOf.set(e.label, wave);
    }
    expect(waveOf.get('swap canary DenyIMDSv1-next into policy DenyIMDSv1')).toBe('production');
    // And until then production launched under the old content (no hop-limit statement), while
    // the canary account already had the new one
    expect(between).toEqual({ prod: 'allowed', canary: 'UnauthorizedOperation' });
    // And once production ran, the new content governs everywhere it reaches
    expect(await launch(PAYMENTS_PROD, hops3)).toBe('UnauthorizedOperation');
    expect(await launch(SANDBOX_ALICE, hops3)).toBe('UnauthorizedOperation');
  });

  it('the accounts of a wave not chosen are held out of the SCP: no attachment reaches them', async () => {
    // Given waves: non-production (Root/Workloads/Dev and Root/Sandbox), then production
    const config: UserConfig = {
      readiness: { gate: false },
      rollout: {
        waves: [
          { name: 'non-production', ous: ['Root/Workloads/Dev', 'Root/Sandbox'] },
          { name: 'production', rest: true },
        ],
      },
    };
    const imdsV1 = { tokens: 'optional', hops: 1 } as const;
    expect(await launch(WEB_DEV, imdsV1)).toBe('allowed');
    // When the admin chooses only the production wave
    const host = admin((q) => (q.kind === 'choose-waves' ? ['production'] : defaultAnswer(q)));
    const result = await runRollout(rolloutContext(config, host), steps(tempDir()), {
      yes: false,
      interactive: true,
    });
    expect(result.exitCode).toBe(0);
    // Then production is under DenyIMDSv1 …
    expect(await launch(PAYMENTS_PROD, imdsV1)).toBe('UnauthorizedOperation');
    // … and the deselected wave's accounts are not: their IMDSv1 launches are not refused
    for (const account of [WEB_DEV, ...SANDBOX_OU_ACCOUNTS]) {
      expect(await launch(account, imdsV1)).toBe('allowed');
    }
    // And the plan says so in words
    const held = result.plan.held?.filter((h) => h.reason === 'wave').map((h) => h.accountId);
    expect(held).toEqual(expect.arrayContaining([WEB_DEV, SANDBOX_ALICE]));
  });
});
