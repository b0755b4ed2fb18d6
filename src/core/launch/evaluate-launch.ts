/**
 * A narrow evaluator of our own SCP's Deny statements against one recorded launch: allowed,
 * denied by statement X, or unknown — with the reason. Only Deny statements are read (every
 * organization keeps an allow-all such as FullAWSAccess beside them; guardrails never removes
 * it). A test asks @cloud-copilot/iam-simulate the same questions and expects the same answers.
 *
 * What AWS puts in the request context comes from the request, not from the launch template or
 * the account default (aws/karpenter-provider-aws#9018: a dry run through a template without
 * request-level MetadataOptions has no ec2:MetadataHttpTokens). For real launches through a
 * template that is unconfirmed, so those keys may be absent or hold any value: the launch is
 * judged under each possibility and is `unknown` when they disagree. An instant CreateFleet is
 * judged like such a launch (its caller's ec2:RunInstances authorization, templates only); a
 * maintain or request fleet launches through its service-linked role, which SCPs do not restrict.
 */
import { conditionKeys, conditionLiterals, evaluateOperator, globMatch } from './conditions.js';
import type { LaunchDecision, LaunchEvent, PolicyText } from './types.js';

const ACTION = 'ec2:runinstances';

/** Keys whose value (or absence) a CloudTrail RunInstances record tells. */
const METADATA_KEYS = {
  'ec2:metadatahttptokens': 'httpTokens',
  'ec2:metadatahttpputresponsehoplimit': 'httpPutResponseHopLimit',
  'ec2:metadatahttpendpoint': 'httpEndpoint',
  'ec2:instancemetadatatags': 'instanceMetadataTags',
} as const;
type MetadataKey = keyof typeof METADATA_KEYS;
const KNOWN_KEYS = new Set<string>([
  ...Object.keys(METADATA_KEYS),
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
  'aws:requestedregion',
  'ec2:region',
  'ec2:roledelivery',
]);

const PRINCIPAL_TYPES: Record<string, string> = {
  IAMUser: 'User',
  AssumedRole: 'AssumedRole',
  Root: 'Account',
  FederatedUser: 'FederatedUser',
};

interface Statement {
  policy: string;
  label: string;
  effect: string;
  action?: unknown;
  notAction?: unknown;
  resource?: unknown;
  notResource?: unknown;
  condition?: unknown;
}

export interface EvaluateOptions {
  /** SCPs never restrict the management account. */
  managementAccountId?: string;
}

/** A service-linked role: `arn:aws:iam::<account>:role/aws-service-role/<service>/<name>`. */
export function isServiceLinkedRole(arn: string): boolean {
  return /^arn:aws[\w-]*:iam::\d{12}:role\/aws-service-role\//.test(arn);
}

export function evaluateLaunch(
  event: LaunchEvent,
  policies: readonly PolicyText[],
  options: EvaluateOptions = {},
): LaunchDecision {
  if (event.principalType === 'AWSService' || event.principalArn === '') {
    return notSubject(`called by an AWS service (${event.invokedBy ?? 'no principal'})`);
  }
  if (isServiceLinkedRole(event.principalArn)) {
    return notSubject(`${roleName(event.principalArn)} is a service-linked role`);
  }
  if (event.accountId === options.managementAccountId) {
    return notSubject('the management account');
  }
  if (event.eventName === 'CreateFleet' && event.fleetType !== 'instant') {
    // Documented for the launches; whether CreateFleet itself checks the caller's
    // ec2:RunInstances keys for these types is unconfirmed (SPEC.md, CloudTrail).
    return notSubject(
      `an EC2 Fleet of type ${event.fleetType ?? 'maintain'} launches through the service-linked role AWSServiceRoleForEC2Fleet ("EC2 Fleet prerequisites")`,
    );
  }
  const parsed: Statement[] = [];
  for (const p of policies) {
    const found = parseStatements(p);
    if (typeof found === 'string') return { outcome: 'unknown', reason: found };
    parsed.push(...found);
  }
  return decide(event, parsed);
}

function notSubject(why: string): LaunchDecision {
  return { outcome: 'allowed', reason: `${why}: SCPs do not apply`, notSubjectToScps: true };
}

function roleName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** The policy's statements, or why it cannot be read. */
function parseStatements(policy: PolicyText): Statement[] | string {
  let doc: unknown;
  try {
    doc = JSON.parse(policy.content);
  } catch {
    return `the policy ${policy.name} is not valid JSON`;
  }
  const raw = (doc as { Statement?: unknown } | null)?.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const out: Statement[] = [];
  for (const [index, s] of list.entries()) {
    if (s === null || typeof s !== 'object')
      return `the policy ${policy.name} has a malformed statement`;
    const st = s as Record<string, unknown>;
    const sid = typeof st.Sid === 'string' && st.Sid !== '' ? st.Sid : `Statement[${index}]`;
    out.push({
      policy: policy.name,
      label: sid,
      effect: String(st.Effect ?? ''),
      action: st.Action,
      notAction: st.NotAction,
      resource: st.Resource,
      notResource: st.NotResource,
      condition: st.Condition,
    });
  }
  return out;
}

function strings(v: unknown): string[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => String(x));
}

function actionApplies(s: Statement): boolean {
  const hit = (patterns: unknown) =>
    strings(patterns).some((p) => globMatch(p.toLowerCase(), ACTION));
  return s.action !== undefined ? hit(s.action) : s.notAction !== undefined && !hit(s.notAction);
}

/** 'yes' on the instance resource, 'no', or 'other' when it names other RunInstances resources. */
function resourceApplies(s: Statement, instanceArn: string): 'yes' | 'no' | 'other' {
  if (s.resource !== undefined) {
    const patterns = strings(s.resource);
    if (patterns.some((p) => globMatch(p, instanceArn))) return 'yes';
    return patterns.some((p) => /^arn:[^:]*:(ec2|\*)/.test(p)) ? 'other' : 'no';
  }
  if (s.notResource !== undefined) {
    return strings(s.notResource).some((p) => globMatch(p, instanceArn)) ? 'other' : 'yes';
  }
  return 'no';
}

type Context = Map<string, string>;

/** The keys the record tells for sure, and the metadata keys a template may fill (uncertain). */
function requestContext(event: LaunchEvent): { known: Context; uncertain: MetadataKey[] } {
  const known: Context = new Map([
    ['aws:principalarn', event.principalArn],
    ['aws:principalaccount', event.accountId],
    ['aws:requestedregion', event.region],
    ['ec2:region', event.region],
  ]);
  const type = PRINCIPAL_TYPES[event.principalType];
  if (type) known.set('aws:principaltype', type);
  if (event.roleDelivery) known.set('ec2:roledelivery', event.roleDelivery);
  if (event.instanceType) known.set('ec2:instancetype', event.instanceType);
  const uncertain: MetadataKey[] = [];
  for (const [key, field] of Object.entries(METADATA_KEYS) as [MetadataKey, string][]) {
    const value = event.metadataOptions[field as keyof LaunchEvent['metadataOptions']];
    if (value !== undefined) known.set(key, String(value));
    else if (fromTemplate(event)) uncertain.push(key);
  }
  return { known, uncertain };
}

/**
 * Whether the metadata keys may come from a launch template: real RunInstances launches through
 * one, and every instant CreateFleet (its only source of metadata options), dry runs included —
 * what EC2 puts in the context of a fleet's dry run is unconfirmed too.
 */
function fromTemplate(event: LaunchEvent): boolean {
  return event.eventName === 'CreateFleet' || (!!event.launchTemplate && !event.dryRun);
}

type Verdict =
  | { kind: 'deny'; statement: Statement }
  | { kind: 'pass' }
  | { kind: 'unknown'; why: string };

function judge(statements: Statement[], context: Context, instanceArn: string): Verdict {
  let unknown: string | undefined;
  for (const s of statements) {
    if (s.effect !== 'Deny' || !actionApplies(s)) continue;
    const resource = resourceApplies(s, instanceArn);
    if (resource === 'no') continue;
    const unknownKey = conditionKeys(s.condition).find(
      (k) => !KNOWN_KEYS.has(k) && !context.has(k),
    );
    const holds = unknownKey ? undefined : conditionHolds(s.condition, context);
    if (holds === false) continue;
    if (holds === true && resource === 'yes') return { kind: 'deny', statement: s };
    unknown ??=
      resource === 'other'
        ? `${s.label} in ${s.policy} applies to RunInstances resources other than the instance`
        : unknownKey
          ? `${s.label} in ${s.policy} depends on ${unknownKey}, which the record does not show`
          : `${s.label} in ${s.policy} uses a condition this preview does not evaluate`;
  }
  return unknown ? { kind: 'unknown', why: unknown } : { kind: 'pass' };
}

function conditionHolds(condition: unknown, context: Context): boolean | undefined {
  if (condition === undefined) return true;
  if (condition === null || typeof condition !== 'object') return undefined;
  let result: boolean | undefined = true;
  for (const [op, block] of Object.entries(condition as Record<string, unknown>)) {
    const holds = evaluateOperator(op, block, context);
    if (holds === false) return false;
    if (holds === undefined) result = undefined;
  }
  return result;
}

/** Values an uncertain key may take: absent, each literal the policy compares it with, and one more. */
function candidates(key: MetadataKey, statements: Statement[]): (string | undefined)[] {
  const literals = [...new Set(statements.flatMap((s) => conditionLiterals(s.condition, key)))];
  const numeric = literals.filter((l) => Number.isFinite(Number(l)) && l.trim() !== '');
  const extra = numeric.flatMap((l) => [String(Number(l) - 1), String(Number(l) + 1)]);
  return [undefined, ...new Set([...literals, ...extra, '__other__'])];
}

function decide(event: LaunchEvent, statements: Statement[]): LaunchDecision {
  const instanceArn = `arn:aws:ec2:${event.region}:${event.accountId}:instance/*`;
  const { known, uncertain } = requestContext(event);
  let contexts: Context[] = [known];
  for (const key of uncertain) {
    const values = candidates(key, statements);
    if (values.length === 2) continue; // the policy never compares it: absent is as good as any
    contexts = contexts.flatMap((c) =>
      values.map((v) => (v === undefined ? c : new Map([...c, [key, v]]))),
    );
  }
  const verdicts = contexts.map((c) => judge(statements, c, instanceArn));
  const first = verdicts[0]!;
  // Denied under every possibility is denied, whichever statement does it.
  const same = verdicts.every((v) => v.kind === first.kind);
  if (!same) {
    const template = event.launchTemplate?.id ?? event.launchTemplate?.name ?? 'a launch template';
    if (event.eventName === 'CreateFleet') {
      return {
        outcome: 'unknown',
        reason: `an instant EC2 Fleet through ${template}: EC2 authorizes it as ec2:RunInstances for its caller (aws/karpenter-provider-aws#1488, #7370), and CreateFleet has no request-level MetadataOptions: whether EC2 fills ec2:MetadataHttpTokens from the template is unconfirmed`,
      };
    }
    return {
      outcome: 'unknown',
      reason: `launched through ${template} without request-level MetadataOptions: whether EC2 fills ec2:MetadataHttpTokens from the template for real launches is unconfirmed (aws/karpenter-provider-aws#9018)`,
    };
  }
  if (first.kind === 'unknown') return { outcome: 'unknown', reason: first.why };
  if (first.kind === 'pass') {
    return {
      outcome: 'allowed',
      reason: `no Deny statement applies (${describe(known, statements)})`,
    };
  }
  const s = first.statement;
  return {
    outcome: 'denied',
    by: { policyName: s.policy, statement: s.label },
    reason: `${s.label} denies it: ${describe(known, [s])}`,
  };
}

/** `ec2:MetadataHttpTokens absent (the request omits MetadataOptions.HttpTokens)`, … */
function describe(context: Context, statements: Statement[]): string {
  // The principal is shown beside every decision; its exemption patterns are not news.
  const keys = [...new Set(statements.flatMap((s) => conditionKeys(s.condition)))].filter(
    (k) => k !== 'aws:principalarn',
  );
  const shown = keys.length > 0 ? keys : ['ec2:metadatahttptokens'];
  return shown
    .map((k) => {
      const v = context.get(k);
      const name = KEY_NAMES[k] ?? k;
      return v === undefined ? `${name} absent` : `${name}=${v}`;
    })
    .join(', ');
}

const KEY_NAMES: Record<string, string> = {
  'ec2:metadatahttptokens': 'ec2:MetadataHttpTokens',
  'ec2:metadatahttpputresponsehoplimit': 'ec2:MetadataHttpPutResponseHopLimit',
  'ec2:metadatahttpendpoint': 'ec2:MetadataHttpEndpoint',
  'ec2:instancemetadatatags': 'ec2:InstanceMetadataTags',
  'ec2:roledelivery': 'ec2:RoleDelivery',
  'aws:principalarn': 'aws:PrincipalArn',
};
