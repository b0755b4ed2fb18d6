import { createHmac, randomBytes } from 'node:crypto';
import type { World } from './world.js';

/** Who is calling, derived from the access key (and session token) of a request. */
export interface Identity {
  accountId: string;
  kind: 'user' | 'assumed-role';
  arn: string;
  userId: string;
  accessKeyId: string;
  roleName?: string;
  sessionName?: string;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export type AuthResult =
  | { ok: true; identity: Identity }
  | { ok: false; problem: 'unknown' | 'expired' };

interface TokenPayload {
  k: string;
  a: string;
  r: string;
  s: string;
  e: number;
  g: number;
}

const STATIC_KEY = /^AKIA(\d{12})ADMN$/;

/** Long-term keys of the `sandbox-admin` IAM user of an account: deterministic, not secret. */
export function staticCredentialsFor(accountId: string): {
  accessKeyId: string;
  secretAccessKey: string;
} {
  return {
    accessKeyId: `AKIA${accountId}ADMN`,
    secretAccessKey: `sandbox+${accountId}+not+a+real+secret+key0`,
  };
}

/**
 * Issues and recognises credentials. Temporary keys are `ASIA<account><serial>`; the session
 * token carries who and until when, signed with a per-process key, so nothing is stored per
 * session and a million AssumeRole calls cost no memory.
 */
export class CredentialIssuer {
  private readonly key = randomBytes(32);
  private serial = 0;
  /** Bumped by the admin API to expire every temporary credential issued so far. */
  private generation = 0;
  private readonly cache = new Map<string, { payload: TokenPayload; identity: Identity }>();

  constructor(private readonly now: () => number) {}

  expireAll(): void {
    this.generation++;
    this.cache.clear();
  }

  issue(input: {
    accountId: string;
    roleName: string;
    sessionName: string;
    durationSeconds: number;
  }): IssuedCredentials {
    this.serial = (this.serial + 1) % 36 ** 4;
    const accessKeyId = `ASIA${input.accountId}${this.serial.toString(36).toUpperCase().padStart(4, '0')}`;
    const expiresAt = Math.floor(this.now() / 1000) * 1000 + input.durationSeconds * 1000;
    const payload: TokenPayload = {
      k: accessKeyId,
      a: input.accountId,
      r: input.roleName,
      s: input.sessionName,
      e: expiresAt,
      g: this.generation,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return {
      accessKeyId,
      secretAccessKey: this.mac(`secret:${accessKeyId}`).slice(0, 40),
      sessionToken: `SBX1.${body}.${this.mac(body)}`,
      expiration: new Date(expiresAt),
    };
  }

  resolve(world: World, accessKeyId: string, sessionToken: string | undefined): AuthResult {
    const staticMatch = STATIC_KEY.exec(accessKeyId);
    if (staticMatch) {
      const accountId = staticMatch[1] ?? '';
      const account = world.accounts.get(accountId);
      if (account?.status !== 'ACTIVE') return { ok: false, problem: 'unknown' };
      return {
        ok: true,
        identity: {
          accountId,
          kind: 'user',
          arn: `arn:aws:iam::${accountId}:user/sandbox-admin`,
          userId: `AIDA${accountId}ADMIN`,
          accessKeyId,
        },
      };
    }
    if (!accessKeyId.startsWith('ASIA') || !sessionToken) return { ok: false, problem: 'unknown' };
    const decoded = this.decode(sessionToken);
    if (!decoded || decoded.payload.k !== accessKeyId) return { ok: false, problem: 'unknown' };
    if (decoded.payload.g !== this.generation || decoded.payload.e <= this.now()) {
      return { ok: false, problem: 'expired' };
    }
    return { ok: true, identity: decoded.identity };
  }

  private decode(token: string): { payload: TokenPayload; identity: Identity } | undefined {
    const cached = this.cache.get(token);
    if (cached) return cached;
    const [version, body, mac] = token.split('.');
    if (version !== 'SBX1' || !body || !mac || this.mac(body) !== mac) return undefined;
    let payload: TokenPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload;
    } catch {
      return undefined;
    }
    const identity: Identity = {
      accountId: payload.a,
      kind: 'assumed-role',
      arn: `arn:aws:sts::${payload.a}:assumed-role/${payload.r}/${payload.s}`,
      userId: `AROA${payload.a}ROLE:${payload.s}`,
      accessKeyId: payload.k,
      roleName: payload.r,
      sessionName: payload.s,
    };
    // Bounded: a long benchmark must not grow memory without limit.
    if (this.cache.size > 50_000) this.cache.clear();
    const entry = { payload, identity };
    this.cache.set(token, entry);
    return entry;
  }

  private mac(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url').slice(0, 32);
  }
}
