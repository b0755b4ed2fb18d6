/** How the executor names and groups a change: event labels and concurrency lanes. */
import { isRemediationChange } from '../core/plan/remediation-types.js';
import type { Change } from '../core/plan/types.js';

/** Organizations writes are org-global and throttled hard: they share one serial lane. */
export const ORGANIZATIONS_LANE = 'organizations';

export function laneOf(change: Change): string {
  return change.kind === 'imds.set' || isRemediationChange(change)
    ? `account:${change.accountId}`
    : ORGANIZATIONS_LANE;
}

export function labelOf(change: Change): string {
  switch (change.kind) {
    case 'imds.set':
      return `${change.accountName} (${change.accountId}) ${change.region}`;
    case 'policy.create':
      return `create policy ${change.policyName}`;
    case 'policy.update':
      return `update policy ${change.policyName}`;
    case 'policy.delete':
      return `delete policy ${change.policyName}`;
    case 'attachment.add':
      return `attach ${change.policyName} to ${change.target.label}`;
    case 'attachment.remove':
      return `detach ${change.policyName} from ${change.target.label}`;
    case 'policyType.enable':
      return `enable ${change.policyType} on ${change.rootId}`;
    case 'launchTemplate.update':
      return `${change.accountName} (${change.accountId}) ${change.region} launch template ${change.templateName} (${change.templateId})`;
    case 'instance.metadata':
      return `${change.accountName} (${change.accountId}) ${change.region} instance ${change.instanceId}${change.instanceName ? ` (${change.instanceName})` : ''}`;
  }
}

/** The account and region a change touches, for events and failure lists. */
export function whereOf(change: Change): { accountId?: string; region?: string } {
  if (change.kind === 'imds.set' || isRemediationChange(change))
    return { accountId: change.accountId, region: change.region };
  if (
    (change.kind === 'attachment.add' || change.kind === 'attachment.remove') &&
    change.target.type === 'ACCOUNT'
  ) {
    return { accountId: change.target.id };
  }
  return {};
}
