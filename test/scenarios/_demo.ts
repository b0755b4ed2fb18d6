// Shared by the discover/verify scenario tests: an in-process AppContext against a sandbox, and
// a compact, readable summary of a VerifyReport to assert exact findings against.

import type { AppContext } from '../../src/app/context.js';
import { createAppContext } from '../../src/app/create-app-context.js';
import { validate } from '../../src/config/load-config.js';
import type { UserConfig } from '../../src/config/schema.js';
import type { VerifyReport } from '../../src/core/verify/types.js';
import type { Host } from '../../src/events/host.js';
import type { GuardrailsEvent } from '../../src/events/types.js';
import type { SandboxHandle } from '../../src/sandbox/index.js';

/** Near-zero SDK backoff so throttled calls retry at once. */
export const FAST_RETRY = { GUARDRAILS_RETRY_BASE_MS: '1', GUARDRAILS_RETRY_MAX_MS: '2' };

export function sandboxEnv(sb: SandboxHandle, extra: Record<string, string> = {}) {
  return { ...sb.env, ...FAST_RETRY, ...extra };
}

export function appContext(
  sb: SandboxHandle,
  options: {
    config?: UserConfig;
    overrides?: { accounts?: string[]; ous?: string[]; regions?: string[] };
    env?: Record<string, string>;
  } = {},
): { ctx: AppContext; events: GuardrailsEvent[] } {
  const events: GuardrailsEvent[] = [];
  const host: Host = {
    notify: (e) => events.push(e),
    ask: async () => {
      throw new Error('no questions in read-only tests');
    },
  };
  const ctx = createAppContext({
    globals: { interactive: false, color: false, ...options.overrides },
    io: { env: sandboxEnv(sb, options.env), signal: new AbortController().signal },
    loaded: { config: validate(options.config ?? {}, undefined), file: undefined },
    host,
  });
  return { ctx, events };
}

export interface AccountSummary {
  scp?: string;
  /** status → regions (or `*` for an account-level row), each list sorted. */
  imds: Record<string, string[]>;
}

/** account name → its SCP coverage/status and its IMDS results grouped by status. */
export function summarize(report: VerifyReport): Record<string, AccountSummary> {
  const out: Record<string, AccountSummary> = {};
  for (const r of report.results) {
    const entry = out[r.accountName] ?? { imds: {} };
    out[r.accountName] = entry;
    if (r.kind === 'scp') {
      entry.scp = `${r.status}:${r.coverage}${r.via ? `:${r.via}` : ''}`;
    } else {
      const key =
        r.status === 'unreachable' || r.status === 'error'
          ? `${r.status}:${r.detail?.split(':')[0]}`
          : r.status;
      entry.imds[key] = [...(entry.imds[key] ?? []), r.region];
    }
  }
  for (const entry of Object.values(out)) {
    for (const list of Object.values(entry.imds)) list.sort();
  }
  return out;
}
