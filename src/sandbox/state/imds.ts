import type { ImdsDefaults, Toggle } from '../../core/model/types.js';

/**
 * IMDS account defaults packed into 15 bits (0 = nothing set) so 10,000 accounts × 34 regions
 * fit in a few megabytes: bits 0-1 httpTokens, 2-8 hop limit, 9-10 httpEndpoint,
 * 11-12 instanceMetadataTags, 13-14 httpTokensEnforced. Toggles: 0 unset, 1 disabled, 2 enabled.
 */
export type PackedImds = number;

const TOKENS = [undefined, 'optional', 'required'] as const;

function toggle(code: number): Toggle | undefined {
  return code === 1 ? 'disabled' : code === 2 ? 'enabled' : undefined;
}

function toggleCode(value: Toggle | undefined): number {
  return value === 'disabled' ? 1 : value === 'enabled' ? 2 : 0;
}

export function packImds(d: ImdsDefaults): PackedImds {
  const tokens = d.httpTokens === 'optional' ? 1 : d.httpTokens === 'required' ? 2 : 0;
  const hop = d.httpPutResponseHopLimit ?? 0;
  return (
    tokens |
    ((hop & 0x7f) << 2) |
    (toggleCode(d.httpEndpoint) << 9) |
    (toggleCode(d.instanceMetadataTags) << 11) |
    (toggleCode(d.httpTokensEnforced) << 13)
  );
}

export function unpackImds(packed: PackedImds): ImdsDefaults {
  const out: ImdsDefaults = {};
  const tokens = TOKENS[packed & 3];
  if (tokens) out.httpTokens = tokens;
  const hop = (packed >> 2) & 0x7f;
  if (hop > 0) out.httpPutResponseHopLimit = hop;
  const endpoint = toggle((packed >> 9) & 3);
  if (endpoint) out.httpEndpoint = endpoint;
  const tags = toggle((packed >> 11) & 3);
  if (tags) out.instanceMetadataTags = tags;
  const enforced = toggle((packed >> 13) & 3);
  if (enforced) out.httpTokensEnforced = enforced;
  return out;
}

/** Keeps only the fields ModifyInstanceMetadataDefaults may hold (hop 1..64, known enums). */
export function sanitizeImds(d: ImdsDefaults): ImdsDefaults {
  return unpackImds(packImds(d));
}
