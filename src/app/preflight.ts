/**
 * Before any sweep: who is calling (GetCallerIdentity) and which organization it manages
 * (DescribeOrganization). Stops early, with what to do, when the caller is not the
 * management account or the account is not in an organization.
 */
import type { AwsGateways, OrganizationInfo } from '../aws/gateways.js';
import type { CallerIdentity } from '../core/model/types.js';
import { AwsApiError, PreflightError } from '../errors.js';
import type { Host } from '../events/host.js';

export interface PreflightResult {
  caller: CallerIdentity;
  organization: OrganizationInfo;
}

export async function preflight(
  gateways: AwsGateways,
  options: { host?: Host; configFile?: string | undefined } = {},
): Promise<PreflightResult> {
  const caller = await gateways.sts.getCallerIdentity().catch((err: unknown) => {
    throw new PreflightError(
      `Cannot tell who is calling: ${err instanceof Error ? err.message : String(err)}`,
      {
        hint:
          err instanceof AwsApiError && err.hint
            ? err.hint
            : 'Check your AWS credentials (--profile, AWS_PROFILE, AWS_ACCESS_KEY_ID) and --endpoint-url.',
        cause: err,
      },
    );
  });

  let organization: OrganizationInfo;
  try {
    organization = await gateways.organizations.describeOrganization();
  } catch (err) {
    if (err instanceof AwsApiError && err.awsCode === 'AWSOrganizationsNotInUseException') {
      throw new PreflightError(
        `Account ${caller.accountId} (${caller.arn}) is not a member of an AWS Organization.`,
        {
          hint: 'guardrails manages an AWS Organization: run it with credentials of the organization’s management account.',
          cause: err,
        },
      );
    }
    if (err instanceof AwsApiError && err.awsCode === 'AccessDeniedException') {
      throw new PreflightError(
        `Account ${caller.accountId} (${caller.arn}) may not read the organization (organizations:DescribeOrganization was denied).`,
        { hint: managementHint(), cause: err },
      );
    }
    throw err;
  }

  if (caller.accountId !== organization.managementAccountId) {
    throw new PreflightError(
      `These credentials belong to account ${caller.accountId} (${caller.arn}), but the management account of organization ${organization.id} is ${organization.managementAccountId}.`,
      { hint: managementHint() },
    );
  }

  options.host?.notify({
    type: 'preflight.identity',
    caller,
    organizationId: organization.id,
    managementAccountId: organization.managementAccountId,
    configFile: options.configFile,
  });
  return { caller, organization };
}

function managementHint(): string {
  return (
    'Run guardrails with credentials of the management account (e.g. --profile <management-profile>): ' +
    'it needs organizations:Describe*/List* and the SCP permissions, plus sts:AssumeRole into the member role of each account. ' +
    'SCPs never apply to the management account, so guardrails sets and checks its IMDS defaults directly with those same credentials.'
  );
}
