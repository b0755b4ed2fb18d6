/**
 * A CloudTrail record of RunInstances or CreateFleet (the `CloudTrailEvent` JSON of
 * LookupEvents, already parsed) → the LaunchEvent the evaluator and the report read. Field names
 * follow "CloudTrail record contents" (userIdentity, sessionContext.sessionIssuer, invokedBy,
 * ec2RoleDelivery, sessionCredentialFromConsole) and the EC2 request shapes: RunInstances'
 * requestParameters.metadataOptions and launchTemplate; CreateFleet's
 * requestParameters.CreateFleetRequest with Type and LaunchTemplateConfigs, as the records quoted
 * in kubernetes-sigs/karpenter#2813 and aws/karpenter-provider-aws#7254 show them (a list of one
 * may be written as an object). Anything else in the record is dropped here, so a sweep keeps
 * nothing more.
 */
import type { FleetType, LaunchEvent, RequestedMetadata } from './types.js';

type Json = Record<string, unknown>;

function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** `aws:PrincipalArn` of the caller: the session issuer for roles, the identity otherwise. */
function principalArnOf(identity: Json): string {
  const type = str(identity.type);
  const issuer = obj(obj(identity.sessionContext)?.sessionIssuer);
  if (type === 'AssumedRole') {
    const role = str(issuer?.arn);
    if (role) return role;
    // No issuer recorded: rebuild the role ARN from the session ARN (its path is lost).
    const m = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(
      str(identity.arn) ?? '',
    );
    return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : (str(identity.arn) ?? '');
  }
  if (type === 'Root') return str(identity.arn) ?? `arn:aws:iam::${str(identity.accountId)}:root`;
  return str(identity.arn) ?? '';
}

function metadataOf(raw: unknown): RequestedMetadata {
  const m = obj(raw);
  if (!m) return {};
  const out: RequestedMetadata = {};
  const tokens = str(m.httpTokens);
  if (tokens) out.httpTokens = tokens;
  const hop = Number(m.httpPutResponseHopLimit);
  if (m.httpPutResponseHopLimit !== undefined && Number.isFinite(hop)) {
    out.httpPutResponseHopLimit = hop;
  }
  const endpoint = str(m.httpEndpoint);
  if (endpoint) out.httpEndpoint = endpoint;
  const tags = str(m.instanceMetadataTags);
  if (tags) out.instanceMetadataTags = tags;
  return out;
}

/** A field under either spelling (`LaunchTemplateConfigs` or `launchTemplateConfigs`). */
function field(o: Json | undefined, name: string): unknown {
  if (!o) return undefined;
  return o[name] ?? o[name.charAt(0).toLowerCase() + name.slice(1)];
}

function first(v: unknown): Json | undefined {
  return Array.isArray(v) ? obj(v[0]) : obj(v);
}

/** CreateFleetRequest → the fields a RunInstances record would carry, plus the fleet's type. */
function fleetRequest(params: Json): {
  fleetType: FleetType;
  launchTemplate?: Json;
  dryRun: boolean;
} {
  const req = obj(field(params, 'CreateFleetRequest')) ?? params;
  const type = str(field(req, 'Type'))?.toLowerCase();
  const spec = obj(
    field(first(field(req, 'LaunchTemplateConfigs')), 'LaunchTemplateSpecification'),
  );
  const out: ReturnType<typeof fleetRequest> = {
    fleetType: type === 'instant' || type === 'request' ? type : 'maintain',
    dryRun: field(req, 'DryRun') === true || field(req, 'DryRun') === 'true',
  };
  if (spec) {
    out.launchTemplate = {
      launchTemplateId: field(spec, 'LaunchTemplateId'),
      launchTemplateName: field(spec, 'LaunchTemplateName'),
      version: field(spec, 'Version'),
    };
  }
  return out;
}

/** The launch, or undefined when the record is not a launch call this can read. */
export function parseLaunchRecord(
  record: unknown,
  where: { accountId: string; region: string },
): LaunchEvent | undefined {
  const r = obj(record);
  if (r?.eventName !== 'RunInstances' && r?.eventName !== 'CreateFleet') return undefined;
  const fleet =
    r.eventName === 'CreateFleet' ? fleetRequest(obj(r.requestParameters) ?? {}) : undefined;
  const identity = obj(r.userIdentity) ?? {};
  const params: Json = fleet
    ? fleet.launchTemplate
      ? { launchTemplate: fleet.launchTemplate }
      : {}
    : (obj(r.requestParameters) ?? {});
  const session = obj(identity.sessionContext);
  const errorCode = str(r.errorCode);
  const event: LaunchEvent = {
    eventId: str(r.eventID) ?? '',
    time: str(r.eventTime) ?? '',
    accountId: str(r.recipientAccountId) ?? where.accountId,
    region: str(r.awsRegion) ?? where.region,
    principalType: str(identity.type) ?? 'Unknown',
    principalArn: principalArnOf(identity),
    userAgent: str(r.userAgent) ?? '',
    fromConsole:
      r.sessionCredentialFromConsole === 'true' || r.sessionCredentialFromConsole === true,
    metadataOptions: metadataOf(params.metadataOptions),
    dryRun: errorCode === 'Client.DryRunOperation' || params.dryRun === true || !!fleet?.dryRun,
  };
  event.eventName = fleet ? 'CreateFleet' : 'RunInstances';
  if (fleet) event.fleetType = fleet.fleetType;
  const arn = str(identity.arn);
  const sessionName = arn ? /:assumed-role\/[^/]+\/(.+)$/.exec(arn)?.[1] : undefined;
  if (sessionName) event.sessionName = sessionName;
  const invokedBy = str(identity.invokedBy);
  if (invokedBy) event.invokedBy = invokedBy;
  const delivery = str(session?.ec2RoleDelivery);
  if (delivery) event.roleDelivery = delivery;
  const lt = obj(params.launchTemplate);
  if (lt) {
    const ref: NonNullable<LaunchEvent['launchTemplate']> = {};
    const id = str(lt.launchTemplateId);
    const name = str(lt.launchTemplateName);
    const version = str(lt.version) ?? (lt.version !== undefined ? String(lt.version) : undefined);
    if (id) ref.id = id;
    if (name) ref.name = name;
    if (version) ref.version = version;
    event.launchTemplate = ref;
  }
  const type = str(params.instanceType);
  if (type) event.instanceType = type;
  if (errorCode) event.errorCode = errorCode;
  return event;
}
