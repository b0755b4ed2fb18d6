/**
 * `guardrails prove`: the shared read path (preflight, discover, scope, member access, enabled
 * regions — no defaults sweep), then per reachable member account × region, bounded in
 * parallel, two RunInstances dry runs through the member role: `HttpTokens=optional` must be
 * refused, `HttpTokens=required` must pass. The pure core classifies the answers.
 */
import pLimit from 'p-limit';
import type { DryRunLaunchRequest, Ec2Gateway } from '../aws/gateways.js';
import { plural } from '../core/model/plural.js';
import type { AccountObservation, OrgAccount, RegionName } from '../core/model/types.js';
import {
  buildProveReport,
  classifyProbes,
  isProveFinding,
} from '../core/prove/build-prove-report.js';
import type { LaunchProbe, ProbeSubnet, ProveReport, ProveResult } from '../core/prove/types.js';
import { AwsApiError, BugError, UserAbortError } from '../errors.js';
import type { AppContext } from './context.js';
import { observe } from './observe.js';

/** The latest Amazon Linux 2023 AMI of whichever region the launch is in (EC2 resolves it). */
export const DEFAULT_PROBE_IMAGE =
  'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
export const DEFAULT_PROBE_INSTANCE_TYPE = 't3.micro';

export interface ProveOptions {
  imageId?: string;
  instanceType?: string;
}

interface Target {
  account: OrgAccount;
  region: RegionName;
}

export async function prove(ctx: AppContext, options: ProveOptions = {}): Promise<ProveReport> {
  const { observed, scope, organization } = await observe(ctx, { readDefaults: false });
  const byId = new Map(scope.accounts.map((a) => [a.id, a]));
  const results: ProveResult[] = [];
  const targets: Target[] = [];
  for (const obs of observed.accounts) {
    const account = byId.get(obs.accountId);
    if (!account) continue;
    results.push(...unprobed(account, obs, organization.managementAccountId, scope.regionFilter));
    if (obs.access.status !== 'reachable' || obs.accountId === organization.managementAccountId) {
      continue;
    }
    for (const region of scope.regionFilter(obs.enabledRegions)) targets.push({ account, region });
  }

  ctx.host.notify({ type: 'step.started', step: 'prove', title: 'Dry-run launches' });
  const limit = pLimit(Math.max(1, ctx.concurrency));
  let done = 0;
  const request = {
    imageId: options.imageId ?? DEFAULT_PROBE_IMAGE,
    instanceType: options.instanceType ?? DEFAULT_PROBE_INSTANCE_TYPE,
  };
  const probed = await Promise.all(
    targets.map((t) =>
      limit(async () => {
        if (ctx.signal.aborted) throw new UserAbortError('Interrupted: nothing was changed.');
        const result = await probe(ctx, t, request);
        done += 1;
        ctx.host.notify({ type: 'sweep.progress', done, total: targets.length });
        return result;
      }),
    ),
  );
  results.push(...probed);
  const report = buildProveReport({
    toolVersion: ctx.toolVersion,
    generatedAt: ctx.now().toISOString(),
    organizationId: organization.id,
    managementAccountId: organization.managementAccountId,
    caller: { accountId: observed.caller.accountId, arn: observed.caller.arn },
    results,
  });
  const findings = report.results.filter((r) => isProveFinding(r.status)).length;
  ctx.host.notify({
    type: 'step.finished',
    step: 'prove',
    status: 'ok',
    summary:
      `${report.counts.proven} of ${targets.length} account × region targets proven` +
      (findings > 0 ? ` · ${plural(findings, 'finding')}` : ''),
    ...(findings > 0 ? { findings } : {}),
  });
  return report;
}

/** Rows that need no launch: the management account, unreachable accounts and regions. */
function unprobed(
  account: OrgAccount,
  obs: AccountObservation,
  managementAccountId: string,
  regionFilter: (enabled: string[]) => string[],
): ProveResult[] {
  const base = { accountId: account.id, accountName: account.name, ouPath: account.parentPath };
  if (obs.access.status !== 'reachable') {
    const suspended = obs.access.reason === 'suspended' || account.status !== 'ACTIVE';
    return [
      {
        ...base,
        region: '*',
        status: suspended ? 'suspended' : 'unreachable',
        detail: suspended
          ? `${obs.access.message}: nothing can launch there (information, not a finding)`
          : `${obs.access.reason}: ${obs.access.message}`,
      },
    ];
  }
  const rows: ProveResult[] = obs.regions
    .filter((r) => r.status === 'unreachable')
    .map((r) => ({
      ...base,
      region: r.region,
      status: 'unreachable' as const,
      detail: r.status === 'unreachable' ? r.message : '',
    }));
  if (account.id === managementAccountId) {
    for (const region of regionFilter(obs.enabledRegions)) {
      rows.push({
        ...base,
        region,
        status: 'management-account',
        detail:
          'SCPs never apply to the management account: only its account-level defaults protect it',
      });
    }
  }
  return rows;
}

/**
 * Codes of a launch that named no subnet where the region has no default VPC: the dry run says
 * nothing about authorization, so it is sent again into a subnet of the region.
 */
const NO_DEFAULT_VPC = new Set(['VPCIdNotSpecified', 'VPCResourceNotSpecified']);

function needsSubnet(probe: LaunchProbe): boolean {
  return probe.outcome === 'error' && NO_DEFAULT_VPC.has(probe.code);
}

/** A subnet of the region, or why the role could not list them (denied, not unreachable). */
async function listSubnet(
  ec2: Ec2Gateway,
): Promise<{ subnet: ProbeSubnet | undefined } | { refused: string }> {
  try {
    return { subnet: await ec2.pickSubnet?.() };
  } catch (err) {
    if (err instanceof AwsApiError && DENIED.has(err.awsCode)) return { refused: err.awsCode };
    throw err;
  }
}

const DENIED = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException']);

async function probe(
  ctx: AppContext,
  target: Target,
  request: Omit<DryRunLaunchRequest, 'httpTokens'>,
): Promise<ProveResult> {
  const { account, region } = target;
  const base = { accountId: account.id, accountName: account.name, ouPath: account.parentPath };
  try {
    const ec2 = await ctx.gateways.ec2(account.id, region);
    const launch = ec2.dryRunLaunch?.bind(ec2);
    if (!launch) throw new BugError('these AWS gateways cannot launch (prove)');
    // Subnet-less first: with a default VPC (AWS creates one per region) that is all it takes.
    let optional = await launch({ ...request, httpTokens: 'optional' });
    let required = needsSubnet(optional)
      ? optional
      : await launch({ ...request, httpTokens: 'required' });
    let subnet: ProbeSubnet | undefined;
    if (needsSubnet(optional) || needsSubnet(required)) {
      const listed = await listSubnet(ec2);
      if ('refused' in listed) {
        return {
          ...base,
          region,
          status: 'inconclusive',
          detail: `inconclusive: no default VPC, and the subnets could not be listed (${listed.refused}): grant ec2:DescribeSubnets (guardrails permissions --command prove)`,
          optional,
        };
      }
      subnet = listed.subnet;
      if (!subnet) {
        return {
          ...base,
          region,
          status: 'inconclusive',
          detail:
            'inconclusive: no subnet — the region has no default VPC and no subnet to dry-run a launch in',
          optional,
        };
      }
      const inSubnet = { ...request, subnetId: subnet.subnetId };
      optional = await launch({ ...inSubnet, httpTokens: 'optional' });
      required = await launch({ ...inSubnet, httpTokens: 'required' });
    }
    const verdict = classifyProbes(optional, required);
    return { ...base, region, ...verdict, optional, required, ...(subnet ? { subnet } : {}) };
  } catch (err) {
    if (!(err instanceof AwsApiError)) throw err;
    const reachable = !['AccessDenied', 'AuthFailure', 'OptInRequired'].includes(err.awsCode);
    return {
      ...base,
      region,
      status: reachable ? 'error' : 'unreachable',
      detail: err.message,
    };
  }
}
