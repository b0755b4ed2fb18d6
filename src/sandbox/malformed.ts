/**
 * Fault knob for broken endpoints (proxies, captive portals, cut connections): successful replies
 * of chosen operations come back truncated or with an HTML body and a wrong content type; or, as
 * some AWS-compatible emulators answer, with the right body under a `text/html` content type.
 * `PUT /_sandbox/malformed {"mode": "truncated" | "content-type" | "mislabelled" | "off",
 * "operations"?: [...]}`;
 * operations are `service:Operation` keys, empty = every AWS call. Kept beside the sandbox state
 * (one setting per sandbox) so the rest of the server does not change.
 */
import type { Sandbox } from './context.js';
import type { Reply } from './protocol/reply.js';

export const MALFORMED_MODES = ['off', 'truncated', 'content-type', 'mislabelled'] as const;
export type MalformedMode = (typeof MALFORMED_MODES)[number];

export interface MalformedSetting {
  mode: MalformedMode;
  operations: string[];
}

const settings = new WeakMap<Sandbox, MalformedSetting>();

/** Validates and stores a setting; returns it, or an error message for a bad body. */
export function setMalformed(
  sandbox: Sandbox,
  body: Record<string, unknown>,
): MalformedSetting | string {
  const mode = body.mode ?? 'off';
  if (!MALFORMED_MODES.includes(mode as MalformedMode)) {
    return `mode must be one of ${MALFORMED_MODES.join(', ')}.`;
  }
  const operations = body.operations ?? [];
  if (!Array.isArray(operations) || operations.some((o) => typeof o !== 'string')) {
    return 'operations must be a list of "service:Operation" strings.';
  }
  const setting = { mode: mode as MalformedMode, operations: operations as string[] };
  settings.set(sandbox, setting);
  return setting;
}

/** The reply as sent: unchanged unless a malformed mode targets this operation. */
export function mangleReply(sandbox: Sandbox, operationKey: string, reply: Reply): Reply {
  const setting = settings.get(sandbox);
  if (!setting || setting.mode === 'off') return reply;
  if (setting.operations.length > 0 && !setting.operations.includes(operationKey)) return reply;
  if (setting.mode === 'truncated') {
    return { ...reply, body: reply.body.slice(0, Math.floor(reply.body.length / 2)) };
  }
  if (setting.mode === 'mislabelled') return { ...reply, contentType: 'text/html; charset=utf-8' };
  return {
    ...reply,
    contentType: 'text/html; charset=utf-8',
    body: '<html><head><title>502 Bad Gateway</title></head><body>upstream error</body></html>',
  };
}
