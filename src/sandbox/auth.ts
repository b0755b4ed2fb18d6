import type { IncomingHttpHeaders } from 'node:http';

const CREDENTIAL = /Credential=([^/\s,]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

export interface SigV4Scope {
  accessKeyId: string;
  region: string;
  service: string;
  sessionToken: string | undefined;
}

/**
 * The access key, region and service from the SigV4 `Authorization` credential scope. The
 * signature itself is not checked (see SPEC.md): the sandbox trusts the key it issued.
 */
export function parseSigV4(headers: IncomingHttpHeaders): SigV4Scope | undefined {
  const auth = headers.authorization;
  if (!auth) return undefined;
  const match = CREDENTIAL.exec(auth);
  if (!match) return undefined;
  const token = headers['x-amz-security-token'];
  return {
    accessKeyId: match[1] ?? '',
    region: match[3] ?? '',
    service: match[4] ?? '',
    sessionToken: Array.isArray(token) ? token[0] : token,
  };
}
