/**
 * The EC2 declarative policy template + the desired IMDS defaults → the policy text sent to
 * Organizations (`ec2_attributes.instance_metadata_defaults.<attribute>.@@assign`), canonical
 * minified JSON, checked against the 10,000-character limit of declarative policies at plan time.
 */
import { ConfigError } from '../errors.js';
import { policyJson } from '../model/canonical-json.js';
import type { ImdsDefaults } from '../model/types.js';
import { policySize } from './render-scp.js';
import type { DeclarativeTemplate, JsonObject, JsonValue } from './types.js';

export const DECLARATIVE_MAX_CHARACTERS = 10_000;

export interface DeclarativeSettings {
  name: string;
  exceptionMessage?: string | undefined;
}

export function renderDeclarative(
  template: DeclarativeTemplate,
  imds: ImdsDefaults,
  settings: DeclarativeSettings,
): string {
  const values: Record<string, JsonValue | undefined> = {
    ...imdsValues(imds),
    exceptionMessage: settings.exceptionMessage,
  };
  const document = fill(template.document, values) ?? {};
  const content = policyJson(document);
  const size = policySize(content);
  if (size > DECLARATIVE_MAX_CHARACTERS) {
    throw new ConfigError(
      `The declarative policy "${settings.name}" renders to ${size.toLocaleString('en-US')} characters; Organizations allows at most ${DECLARATIVE_MAX_CHARACTERS.toLocaleString('en-US')} per declarative policy.`,
      {
        hint: 'Shorten declarative.exceptionMessage, or the template in templates/declarative/ec2-imds.json.',
      },
    );
  }
  return content;
}

/** AWS's documented form: strings, the hop limit too ("2"). */
function imdsValues(imds: ImdsDefaults): Record<string, JsonValue | undefined> {
  return {
    httpTokens: imds.httpTokens,
    httpPutResponseHopLimit:
      imds.httpPutResponseHopLimit === undefined ? undefined : String(imds.httpPutResponseHopLimit),
    httpEndpoint: imds.httpEndpoint,
    instanceMetadataTags: imds.instanceMetadataTags,
    httpTokensEnforced: imds.httpTokensEnforced,
  };
}

/**
 * Replaces `{{name}}` strings by their value. An unset value removes the string, and an object
 * left empty by that (`{"@@assign": …}` of an unmanaged attribute) is removed with it.
 */
function fill(
  value: JsonValue,
  values: Record<string, JsonValue | undefined>,
): JsonValue | undefined {
  if (typeof value === 'string') {
    const name = /^\{\{(\w+)\}\}$/.exec(value)?.[1];
    return name === undefined ? value : values[name];
  }
  if (Array.isArray(value)) {
    return value.map((v) => fill(v, values)).filter((v): v is JsonValue => v !== undefined);
  }
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(value)) {
      const filled = fill(child, values);
      if (filled !== undefined) out[key] = filled;
    }
    return Object.keys(out).length === 0 && Object.keys(value).length > 0 ? undefined : out;
  }
  return value;
}
