/**
 * The metadata options an instance gets at launch, resolved the way EC2 does (EC2 User Guide,
 * "Order of precedence for instance metadata options"; aws-behaviour.md §9), field by field:
 * 1. the launch request's `MetadataOptions`, then the launch template version's;
 * 2. the account-level default of the region (ModifyInstanceMetadataDefaults or a declarative
 *    policy);
 * 3. the AMI: `ImdsSupport: v2.0` makes `HttpTokens` required and the hop limit 2;
 * 4. AWS's own defaults (optional, hop limit 1, endpoint enabled, tags and IPv6 disabled).
 *
 * Pure and import-free on purpose: the tool (readiness, remediation) and the sandbox's
 * RunInstances share this one function, and the sandbox may not import the tool's runtime.
 */

export type Tokens = 'optional' | 'required';
export type Toggle = 'enabled' | 'disabled';

export interface MetadataOptionValues {
  httpTokens: Tokens;
  httpPutResponseHopLimit: number;
  httpEndpoint: Toggle;
  httpProtocolIpv6: Toggle;
  instanceMetadataTags: Toggle;
}

export type MetadataOptionsLayer = Partial<MetadataOptionValues>;

/** Where a resolved value came from. */
export type MetadataOptionSource =
  | 'request'
  | 'launch-template'
  | 'account-default'
  | 'ami'
  | 'aws-default';

export interface MetadataOptionsInput {
  request?: MetadataOptionsLayer;
  launchTemplate?: MetadataOptionsLayer;
  /** The account-level defaults of the region (cleared fields absent). */
  accountDefault?: MetadataOptionsLayer;
  /** The AMI's `ImdsSupport` (`v2.0`), when it has one. */
  imdsSupport?: string;
}

export interface ResolvedMetadataOptions extends MetadataOptionValues {
  source: Record<keyof MetadataOptionValues, MetadataOptionSource>;
}

export const AWS_METADATA_DEFAULTS: Readonly<MetadataOptionValues> = Object.freeze({
  httpTokens: 'optional',
  httpPutResponseHopLimit: 1,
  httpEndpoint: 'enabled',
  httpProtocolIpv6: 'disabled',
  instanceMetadataTags: 'disabled',
});

/** What an AMI with `ImdsSupport: v2.0` sets when nothing above it does. */
const AMI_V2: MetadataOptionsLayer = { httpTokens: 'required', httpPutResponseHopLimit: 2 };

const FIELDS: (keyof MetadataOptionValues)[] = [
  'httpTokens',
  'httpPutResponseHopLimit',
  'httpEndpoint',
  'httpProtocolIpv6',
  'instanceMetadataTags',
];

export function resolveMetadataOptions(input: MetadataOptionsInput): ResolvedMetadataOptions {
  const layers: [MetadataOptionSource, MetadataOptionsLayer | undefined][] = [
    ['request', input.request],
    ['launch-template', input.launchTemplate],
    ['account-default', input.accountDefault],
    ['ami', input.imdsSupport === 'v2.0' ? AMI_V2 : undefined],
    ['aws-default', AWS_METADATA_DEFAULTS],
  ];
  const values: Record<string, unknown> = {};
  const source = {} as Record<keyof MetadataOptionValues, MetadataOptionSource>;
  for (const field of FIELDS) {
    for (const [name, layer] of layers) {
      const value = layer?.[field];
      if (value === undefined) continue;
      values[field] = value;
      source[field] = name;
      break;
    }
  }
  return { ...(values as unknown as MetadataOptionValues), source };
}
