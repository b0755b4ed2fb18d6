/**
 * Who may use the admin API. On a loopback address anyone on the machine may (the sandbox is a
 * local test tool). Anywhere else the admin API could rewrite the simulated organization from
 * the network, so the sandbox refuses to start without a token, and every admin request must
 * then carry `Authorization: Bearer <token>`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const ADMIN_TOKEN_ENV = 'GUARDRAILS_SANDBOX_ADMIN_TOKEN';

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback: the addresses only this machine can reach. */
export function isLoopbackAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}

/** Whether this admin request may proceed (always, when no token is configured). */
export function adminAllowed(req: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return true;
  const header = req.headers.authorization ?? '';
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
