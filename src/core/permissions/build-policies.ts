/**
 * Pure: the least-privilege IAM policies for a set of commands — one for the management-account
 * caller, one for the member role — from the action list in command-actions.ts.
 */
import { COMMAND_ACTIONS, type PermissionCommand } from './command-actions.js';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface RolePolicies {
  management: PolicyDocument;
  member: PolicyDocument;
}

/** Public AMI parameters that `prove` resolves through `resolve:ssm:` (AWS-owned, any region). */
export const PUBLIC_AMI_PARAMETERS = 'arn:aws:ssm:*:*:parameter/aws/service/*';

function union(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort();
}

export function buildPolicies(
  commands: readonly PermissionCommand[],
  memberRoleName: string,
): RolePolicies {
  const organization = union(commands.map((c) => COMMAND_ACTIONS[c].organization));
  const account = union(commands.map((c) => COMMAND_ACTIONS[c].account));
  const accountStatements = statementsForAccount(account);
  const orgActions = organization.filter((a) => a !== 'sts:AssumeRole');
  const management: PolicyStatement[] = [];
  if (orgActions.length > 0) {
    management.push({
      Sid: 'Organization',
      Effect: 'Allow',
      Action: orgActions,
      Resource: '*',
    });
  }
  if (organization.includes('sts:AssumeRole')) {
    management.push({
      Sid: 'AssumeMemberRole',
      Effect: 'Allow',
      Action: ['sts:AssumeRole'],
      Resource: `arn:aws:iam::*:role/${memberRoleName}`,
    });
  }
  return {
    management: { Version: '2012-10-17', Statement: [...management, ...accountStatements] },
    member: { Version: '2012-10-17', Statement: accountStatements },
  };
}

function statementsForAccount(actions: string[]): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const general = actions.filter((a) => a !== 'ssm:GetParameters');
  if (general.length > 0) {
    statements.push({ Sid: 'EveryAccount', Effect: 'Allow', Action: general, Resource: '*' });
  }
  if (actions.includes('ssm:GetParameters')) {
    statements.push({
      Sid: 'ResolvePublicAmi',
      Effect: 'Allow',
      Action: ['ssm:GetParameters'],
      Resource: PUBLIC_AMI_PARAMETERS,
    });
  }
  return statements;
}
